/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // PGlite starts in ~5 s; integration tests open one instance per file.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Kills every child process a test started when the test ends (test/support/child-processes.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  maxWorkers: 2,
  // Time a worker gets to exit once the run is over before jest kills it ("failed to exit
  // gracefully ... force exited"). The default 500 ms is too short on a loaded 2-core machine: there
  // even the pure tier alone was force-exited, while with a longer wait its workers exited by
  // themselves within 3 s with no handle open (checked with a timer listing the active handles).
  workerGracefulExitTimeout: 10_000,
};
