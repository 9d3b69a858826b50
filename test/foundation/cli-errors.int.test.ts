import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

/**
 * Bad configuration, unreachable Jamf, wrong credentials and missing privileges: each gives one
 * clear message and a non-zero exit, never a stack trace (the real CLI, as an admin runs it).
 */
describe('CLI errors an admin can act on', () => {
  let sim: RunningSimulator;
  let databaseEnv: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator({ computers: 3, mobiles: 3 });
    databaseEnv = (await openProcessDatabase()).env;
  });
  afterAll(async () => {
    await sim.close();
  });
  // One `jamf-sync sync` per test.
  jest.setTimeout(timeoutForChildWaits(1));

  async function sync(env: Record<string, string>) {
    const run = runCli(['sync'], { ...databaseEnv, ...env });
    const { code } = await run.waitForExit();
    return { code, stderr: run.stderr(), stdout: run.stdout() };
  }

  const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

  it('bad configuration: every problem listed, exit 2, before touching anything', async () => {
    const r = await sync({ PORT: 'eighty', JAMF_URL: 'jamf.example.com', JAMF_CLIENT_ID: 'x', JAMF_SYNC_TZ: 'Nowhere/City' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'JAMF_URL', 'JAMF_CLIENT_SECRET', 'JAMF_SYNC_TZ']) expect(r.stderr).toContain(`${name}:`);
    noStack(r.stderr);
  });

  it('unreachable Jamf: names the URL and what to check', async () => {
    const r = await sync({ JAMF_URL: 'http://127.0.0.1:9', JAMF_CLIENT_ID: 'a', JAMF_CLIENT_SECRET: 'b', JAMF_MAX_ATTEMPTS: '1', LOG_LEVEL: 'silent' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Could not reach Jamf Pro at http:\/\/127\.0\.0\.1:9/);
    noStack(r.stderr);
  });

  it('wrong credentials: says which and where to fix them, without echoing the secret', async () => {
    const r = await sync({ JAMF_URL: sim.url, JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId, JAMF_CLIENT_SECRET: 'wrong-secret-value' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected the API client credentials.*JAMF_CLIENT_ID \/ JAMF_CLIENT_SECRET/);
    expect(r.stderr).not.toContain('wrong-secret-value');
    noStack(r.stderr);
  });

  it('missing privilege: names the privilege to grant', async () => {
    sim.setFaults({ deniedPrivileges: ['Read Computers'] });
    try {
      const r = await sync({ JAMF_URL: sim.url, JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId, JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('Read Computers');
      noStack(r.stderr);
    } finally {
      sim.setFaults({ deniedPrivileges: [] });
    }
  });
});
