import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

/** A `.env` in the working directory configures the CLI; a variable set in the environment wins over it. */
describe(`.env in the working directory (${testDatabaseKind})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-dotenv-'));
  let dbEnv: Record<string, string>;
  beforeAll(async () => {
    dbEnv = (await openProcessDatabase()).env;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeDotEnv = (vars: Record<string, string>) =>
    fs.writeFileSync(path.join(dir, '.env'), `# written by the test\n${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  async function cli(args: string[], env: Record<string, string>, cwd?: string) {
    const run = runCli(args, { LOG_LEVEL: 'warn', ...env }, undefined, { cwd });
    const { code } = await run.waitForExit();
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  it('its values are used: the database it names is the one the command writes to', async () => {
    // Only the .env says where the database is.
    writeDotEnv(dbEnv);
    expect(await cli(['organizations', 'create', 'from-dotenv'], {}, dir)).toMatchObject({ code: 0, stderr: '' });
    // Read back from elsewhere, with the database given in the environment.
    expect((await cli(['organizations', 'list'], dbEnv)).stdout).toMatch(/^from-dotenv\s/m);
  }, timeoutForChildWaits(2));

  it('the environment wins over it', async () => {
    writeDotEnv({ ...dbEnv, LOG_LEVEL: 'chatty' });
    const fromFile = runCli(['organizations', 'list'], {}, undefined, { cwd: dir });
    expect((await fromFile.waitForExit()).code).toBe(2);
    expect(fromFile.stderr()).toMatch(/LOG_LEVEL/);
    expect(await cli(['organizations', 'list'], { LOG_LEVEL: 'warn' }, dir)).toMatchObject({ code: 0, stderr: '' });
  }, timeoutForChildWaits(2));
});
