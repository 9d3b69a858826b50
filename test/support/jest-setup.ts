import { killAllChildren } from './child-processes';

/**
 * Runs in every test file (jest `setupFilesAfterEnv`). No child process outlives its test: one still
 * running when a test ends (it failed, or timed out while waiting on it) is killed with its process
 * group, and so is any left when the file ends.
 */
afterEach(async () => {
  await killAllChildren();
});

afterAll(async () => {
  await killAllChildren();
});
