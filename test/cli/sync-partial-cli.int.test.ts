import { DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { startFleetSimulator } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { testDatabaseKind } from '../support/test-database';

/** `jamf-sync sync --serial/--only` as an admin runs it: checked before any request, then a partial run. */
describe(`sync --serial and --only through the CLI (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await startFleetSimulator({ computers: [1, 2, 3].map((id) => computer({ id })), mobileDevices: [mobile({ id: 9 })] });
    env = {
      ...(await openProcessDatabase()).env,
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await sim.close();
  });
  jest.setTimeout(timeoutForChildWaits(3));

  async function sync(args: string[]) {
    const run = runCli(['sync', ...args], env);
    const { code } = await run.waitForExit();
    const result = { code, stdout: run.stdout(), stderr: run.stderr() };
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    return result;
  }

  it('bad serials and kinds: every problem listed, exit 2, nothing asked of Jamf', async () => {
    const before = sim.stats().requests;
    const r = await sync(['--serial', 'C02TEST00001', '--serial', 'C0', '--serial', 'C02"),id=gt=(0', '--only', 'tablets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^The sync was not started:/);
    expect(r.stderr).toMatch(/--serial "C0": a serial number has 4 to 40 characters/);
    expect(r.stderr).toMatch(/--serial "C02"\),id=gt=\(0": a serial number has letters and digits/);
    expect(r.stderr).toMatch(/--only "tablets": must be one of computers, mobiles/);
    expect(r.stdout).toBe('');
    expect(sim.stats().requests).toBe(before);
  });

  it('a serial run prints its report with the unknown serial; --only mobiles reads mobile devices only', async () => {
    const serial = await sync(['--serial', 'c02test00002', '--serial', 'NOSUCHDEVICE1']);
    expect(serial.code).toBe(0);
    expect(serial.stdout).toMatch(/^Run [0-9a-f-]{36} \(serial numbers only\) for default: succeeded/);
    expect(serial.stdout).toMatch(/devices fetched\s+1\n/);
    expect(serial.stdout).toMatch(/Serial numbers Jamf does not have \(serial_not_in_jamf\):\n\s+NOSUCHDEVICE1/);

    const mobiles = await sync(['--only', 'mobiles', '--json']);
    expect(mobiles.code).toBe(0);
    expect(JSON.parse(mobiles.stdout)).toMatchObject({ trigger: 'manual', mode: 'mobiles', status: 'succeeded', counts: { fetched: 1, created: 1, removed: 0 } });
  });
});
