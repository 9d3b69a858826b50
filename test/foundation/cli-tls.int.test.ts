import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

/**
 * A self-hosted Jamf Pro with a certificate from an internal CA (the simulator over HTTPS): the
 * real `jamf-sync sync` fails at once naming JAMF_CA_FILE, and succeeds once it is set.
 */
describe('CLI sync against Jamf Pro with a private CA', () => {
  let certificates: TestCertificates;
  let sim: RunningSimulator;
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    certificates = makeTestCertificates();
    sim = await startSimulator({ computers: 4, mobiles: 2, tls: { cert: certificates.server.cert, key: certificates.server.key } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-cli-tls-'));
    pg = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    env = {
      ...(pg ? { DATABASE_URL: pg.url! } : { DATA_DIR: dataDir }),
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
    };
  });
  afterAll(async () => {
    await sim.close();
    await pg?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    certificates.cleanup();
  });

  async function sync(extra: Record<string, string>) {
    const run = runCli(['sync'], { ...env, ...extra });
    const { code } = await run.waitForExit();
    return { code, stderr: run.stderr(), stdout: run.stdout() };
  }

  it('fails at once on the unknown CA, naming JAMF_CA_FILE, without a retry or a stack trace', async () => {
    const r = await sync({});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Could not verify the TLS certificate of Jamf Pro at ${sim.url}`);
    expect(r.stderr).toContain('set JAMF_CA_FILE');
    expect(r.stderr).not.toContain('retrying');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // The handshake failed, so no HTTP request ever reached Jamf.
    expect(sim.stats().requests).toBe(0);
  }, timeoutForChildWaits(1));

  it('syncs every device once JAMF_CA_FILE names the CA', async () => {
    const r = await sync({ JAMF_CA_FILE: certificates.caFile });
    expect(r.stderr).not.toContain('JAMF_CA_FILE');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/succeeded/);
    expect(r.stdout).toMatch(/fetched:?\s+6\b|6 fetched/);
  }, timeoutForChildWaits(1));
});
