import { defaultConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openProcessDatabase } from '../support/process-database';
import { testDatabaseKind } from '../support/test-database';
import { captureLogs } from '../support/log-capture';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { until } from '../support/until';

const API_TOKEN = 'catch-up-test-api-token-0123456789';

/** GET on the API of a service at `base`. */
async function api(base: string, path: string): Promise<any> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * A connection whose last full sync did not succeed is not left until the next nightly window:
 * `serve` completes a first sync a crash cut short, and retries a failed one with backoff.
 */
describe(`serve catches up on syncs that did not succeed (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ computers: 150, mobiles: 150, seed: 7 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(() => {
    sim.setFaults({ latencyMs: 0, deniedPrivileges: [] });
  });

  const jamfEnv = () => ({ JAMF_URL: sim.url, JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId, JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret, JAMF_PAGE_SIZE: '20' });

  it('a serve killed (SIGKILL) during its first sync and started again at once completes that sync', async () => {
    const database = await openProcessDatabase();
    const env = { ...database.env, ...jamfEnv(), PORT: '0', HOST: '127.0.0.1', API_TOKEN, LOG_LEVEL: 'warn' };
    const listening = async (serve: ReturnType<typeof runCli>) => (await serve.waitFor(/listening on http:\/\//)).replace(/.*listening on /, '').trim();

    // A slow Jamf keeps the first sync in flight; it is killed once some devices are written.
    sim.setFaults({ latencyMs: 150 });
    const first = runCli(['serve'], env);
    const firstUrl = await listening(first);
    const cut = await until(async () => {
      const { runs } = await api(firstUrl, '/api/v1/organizations/default/runs');
      return runs[0]?.status === 'running' && runs[0].counts.fetched > 0 && runs[0];
    }, 'the first sync to write its first devices', { timeoutMs: 90_000 });
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');

    // Started again straight away, usually within the same minute (a window the killed run had
    // taken before): the first sync is run again and completes.
    sim.setFaults({ latencyMs: 0 });
    const second = runCli(['serve'], env);
    try {
      const secondUrl = await listening(second);
      const status = await until(async () => {
        const body = await api(secondUrl, '/api/v1/organizations/default');
        return body.lastRun?.status === 'succeeded' && body;
      }, 'the first sync to complete after the restart', { timeoutMs: 90_000 });
      expect(status).toMatchObject({ lastRun: { trigger: 'scheduled' }, consecutiveFailures: 0, lastError: null, lastSuccessAt: expect.any(String) });
      const { runs } = await api(secondUrl, '/api/v1/organizations/default/runs');
      expect(runs.map((r: any) => [r.id === cut.id, r.trigger, r.status, r.errorCode])).toEqual([
        [false, 'scheduled', 'succeeded', null],
        [true, 'scheduled', 'interrupted', 'run_interrupted'],
      ]);
      expect(runs[0].counts.fetched).toBe(300);
    } finally {
      expect((await second.stop('SIGTERM')).code).toBe(0);
    }
  }, timeoutForChildWaits(4));

  it('retries a failed sync with backoff until it succeeds, without waiting for the nightly window', async () => {
    const database = await openProcessDatabase();
    sim.setFaults({ deniedPrivileges: ['Read Computers'] });
    let service: RunningService | undefined;
    try {
      service = await startService(
        defaultConfig({
          ...database.env,
          ...jamfEnv(),
          PORT: '0',
          HOST: '127.0.0.1',
          API_TOKEN,
          LOG_LEVEL: 'warn',
          JAMF_SYNC_RETRY_MIN_SECONDS: '1',
          JAMF_SYNC_RETRY_MAX_SECONDS: '2',
        }),
        captureLogs().logger,
      );
      const url = service.url;
      const failed = await until(async () => {
        const body = await api(url, '/api/v1/organizations/default');
        return body.lastRun?.status === 'failed' && body;
      }, 'the first sync to fail');
      expect(failed).toMatchObject({
        lastRun: { trigger: 'scheduled' },
        lastSuccessAt: null,
        lastError: { code: 'jamf_privilege_missing', message: expect.stringContaining('Read Computers') },
        nextRetryAt: expect.any(String),
      });
      expect(failed.consecutiveFailures).toBeGreaterThanOrEqual(1);
      // Jamf is fixed (the privilege granted): the next retry succeeds.
      sim.setFaults({ deniedPrivileges: [] });
      const recovered = await until(async () => {
        const body = await api(url, '/api/v1/organizations/default');
        return body.lastRun?.status === 'succeeded' && body;
      }, 'a retry to succeed', { timeoutMs: 90_000 });
      expect(recovered).toMatchObject({ consecutiveFailures: 0, lastError: null, nextRetryAt: null, lastSuccessAt: expect.any(String) });

      const { runs } = await api(url, '/api/v1/organizations/default/runs');
      const [succeeded, ...before] = runs;
      expect(succeeded).toMatchObject({ trigger: 'scheduled', status: 'succeeded', errorCode: null });
      expect(before.length).toBeGreaterThanOrEqual(1);
      for (const run of before) expect(run).toMatchObject({ trigger: 'scheduled', status: 'failed', errorCode: 'jamf_privilege_missing' });
    } finally {
      await service?.shutdown();
    }
  }, 240_000);
});
