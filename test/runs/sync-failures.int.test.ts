import { defaultConfig } from '../../src/config';
import { saveConnection } from '../../src/connections/connection-store';
import { SecretBox } from '../../src/crypto/secret-box';
import { startService, type RunningService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openProcessDatabase, type ProcessDatabase } from '../support/process-database';
import { testDatabaseKind } from '../support/test-database';
import { captureLogs } from '../support/log-capture';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { until } from '../support/until';

const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
const API_TOKEN = 'sync-failures-api-token-0123456789';
const WRONG_SECRET = 'wrong-secret-value-never-shown';

/**
 * Issue 13, part 1: every way a sync fails leaves a `failed` run with a stable code and a message a
 * person can act on, seen the same in the API, `/metrics`, `export runs` and `connections list`.
 * Four organizations, each with its own broken Jamf: refused credentials, nothing listening, a
 * certificate from an unknown CA, and an API role without "Read Mobile Devices" (which fails while
 * the run reads, after the computers were written).
 */
describe(`a failed sync leaves a trace everywhere (${testDatabaseKind})`, () => {
  let plain: RunningSimulator;
  let tls: RunningSimulator;
  let denied: RunningSimulator;
  let certificates: TestCertificates;
  let database: ProcessDatabase;
  let service: RunningService | undefined;

  const cases = () => [
    { org: 'wrong-secret', url: plain.url, secret: WRONG_SECRET, code: 'jamf_auth_rejected', status: 502, message: /rejected the API client credentials/ },
    { org: 'unreachable', url: 'http://127.0.0.1:9', secret: DEFAULT_CREDENTIALS.clientSecret, code: 'jamf_unreachable', status: 503, message: /Could not reach Jamf Pro at http:\/\/127\.0\.0\.1:9/ },
    { org: 'untrusted', url: tls.url, secret: DEFAULT_CREDENTIALS.clientSecret, code: 'jamf_tls_untrusted', status: 502, message: /Could not verify the TLS certificate of Jamf Pro.*--ca-file/ },
    { org: 'no-privilege', url: denied.url, secret: DEFAULT_CREDENTIALS.clientSecret, code: 'jamf_privilege_missing', status: 202, message: /Read Mobile Devices/ },
  ];

  beforeAll(async () => {
    certificates = makeTestCertificates();
    plain = await startSimulator({ computers: 3, mobiles: 2 });
    tls = await startSimulator({ computers: 3, mobiles: 2, tls: { cert: certificates.server.cert, key: certificates.server.key } });
    denied = await startSimulator({ computers: 3, mobiles: 2, faults: { deniedPrivileges: ['Read Mobile Devices'] } });
    database = await openProcessDatabase();
    const box = new SecretBox([ENCRYPTION_KEY]);
    await database.use(async (db) => {
      for (const c of cases()) {
        await saveConnection(db.db, box, { slug: c.org }, { baseUrl: c.url, auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: c.secret } });
      }
    });
  });
  afterAll(async () => {
    await service?.shutdown();
    await Promise.all([plain?.close(), tls?.close(), denied?.close()]);
    certificates?.cleanup();
  });

  const env = () => ({ ...database.env, ENCRYPTION_KEY, JAMF_MAX_ATTEMPTS: '1', LOG_LEVEL: 'warn' });

  it('through the API: each failure is a failed run with its code, in the run list, the organization status and /metrics', async () => {
    service = await startService(
      defaultConfig({ ...env(), PORT: '0', HOST: '127.0.0.1', API_TOKEN, JAMF_SYNC_ON_START: 'false', JAMF_SYNC_RETRY_MAX_SECONDS: '0' }),
      captureLogs().logger,
    );
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${service!.url}${path}`, { ...init, headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' } });
      return { status: res.status, body: (await res.json()) as any };
    };

    for (const c of cases()) {
      const started = await api(`/api/v1/organizations/${c.org}/syncs`, { method: 'POST', body: '{}' });
      expect(started.status).toBe(c.status);
      // Failed before reading anything: the answer is the error, with the run that records it.
      const runId: string = c.status === 202 ? started.body.runId : started.body.error.details.runId;
      if (c.status !== 202) expect(started.body.error).toMatchObject({ code: c.code, message: expect.stringMatching(c.message) });
      expect(runId).toMatch(/^[0-9a-f-]{36}$/);

      const run = await until(async () => {
        const { body } = await api(`/api/v1/runs/${runId}`);
        return body.status !== 'running' && body;
      }, `the run of ${c.org} to end`);
      expect(run).toMatchObject({ organization: c.org, trigger: 'manual', mode: 'full', status: 'failed', errorCode: c.code, failureReason: expect.stringMatching(c.message) });

      const { body: list } = await api(`/api/v1/organizations/${c.org}/runs`);
      expect(list.runs).toEqual([expect.objectContaining({ id: runId, status: 'failed', errorCode: c.code })]);

      const { body: status } = await api(`/api/v1/organizations/${c.org}`);
      expect(status).toMatchObject({
        organization: c.org,
        enabled: true,
        lastRun: { id: runId, trigger: 'manual', status: 'failed' },
        lastSuccessAt: null,
        consecutiveFailures: 1,
        lastError: { code: c.code, message: expect.stringMatching(c.message) },
        nextScheduledRun: expect.stringMatching(/T02:00:00\.000Z$/),
        nextRetryAt: null, // retries are off in this service
      });
    }
    // The computers of "no-privilege" were read and written before the mobile devices failed.
    const { body: all } = await api('/api/v1/organizations');
    expect(all.organizations.map((o: any) => [o.organization, o.lastError.code])).toEqual(
      cases().map((c) => [c.org, c.code]).sort(([a], [b]) => a.localeCompare(b)),
    );

    // On PostgreSQL the runs end on the background thread, whose counts arrive once a second.
    const metrics = await until(async () => {
      const text = await (await fetch(`${service!.url}/metrics`)).text();
      return cases().every((c) => text.includes(`jamf_sync_runs_total{organization="${c.org}",trigger="manual",status="failed"} 1`)) && text;
    }, 'the failed runs in /metrics');
    for (const c of cases()) expect(metrics).toContain(`jamf_sync_consecutive_failures{organization="${c.org}"} 1`);
    expect(metrics).not.toContain(WRONG_SECRET);
    await service.shutdown();
    service = undefined;
  }, 180_000);

  it('through the CLI: `sync` records its failure too, and `export runs` and `connections list` show the codes and messages', async () => {
    const sync = runCli(['sync', '--org', 'wrong-secret'], env());
    expect((await sync.waitForExit()).code).toBe(1);
    expect(sync.stderr()).toMatch(/^Error \(jamf_auth_rejected\): .*rejected the API client credentials/m);
    expect(sync.stderr() + sync.stdout()).not.toContain(WRONG_SECRET);

    for (const c of cases()) {
      const exported = runCli(['export', 'runs', '--org', c.org, '--format', 'json'], env());
      expect((await exported.waitForExit()).code).toBe(0);
      const runs = JSON.parse(exported.stdout());
      // "wrong-secret": the API's run and the CLI's.
      expect(runs).toHaveLength(c.org === 'wrong-secret' ? 2 : 1);
      for (const run of runs) expect(run).toMatchObject({ trigger: 'manual', mode: 'full', status: 'failed', errorCode: c.code, failureReason: expect.stringMatching(c.message) });
    }

    const listed = runCli(['connections', 'list', '--json'], env());
    expect((await listed.waitForExit()).code).toBe(0);
    const connections = JSON.parse(listed.stdout()) as any[];
    for (const c of cases()) {
      expect(connections.find((x) => x.organization === c.org)).toMatchObject({
        lastRun: { status: 'failed' },
        lastSuccessAt: null,
        consecutiveFailures: c.org === 'wrong-secret' ? 2 : 1,
        lastError: { code: c.code, message: expect.stringMatching(c.message) },
        nextScheduledRun: expect.stringMatching(/T02:00:00\.000Z$/),
        // Retries are on by default (serve would try again a minute after the run ended).
        nextRetryAt: expect.stringMatching(/^\d{4}-/),
      });
    }

    const table = runCli(['connections', 'list'], env());
    expect((await table.waitForExit()).code).toBe(0);
    expect(table.stdout()).toMatch(/^wrong-secret .* failed \S+ +never +2 +retry \S+ +jamf_auth_rejected$/m);
    expect(table.stdout()).toMatch(/^no-privilege: jamf_privilege_missing: .*Read Mobile Devices/m);
    expect(table.stdout()).not.toContain(WRONG_SECRET);
  }, timeoutForChildWaits(7));
});
