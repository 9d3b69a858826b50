import { sql } from 'drizzle-orm';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { startService, type RunningService } from '../../src/service/serve';
import { createServiceMetrics } from '../../src/metrics/service-metrics';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { captureLogs } from '../support/log-capture';

const WEBHOOK_USER = { username: 'jamf', password: 'metrics-test-webhook-password' };
const API_TOKEN = 'metrics-test-api-token-0123456789';
const METRICS_TOKEN = 'metrics-test-scrape-token-0123456789';

/** Waits for a condition by polling (never asserting on time; the jest timeout is the limit). */
async function until<T>(probe: () => Promise<T | null | undefined | false>, intervalMs = 100): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (label values here never hold quotes or commas). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of `name` whose labels include `labels`; undefined when there is none. */
function sample(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}

const sum = (samples: Sample[], name: string) => samples.filter((s) => s.name === name).reduce((total, s) => total + s.value, 0);

describe(`GET /metrics after a sync and a webhook burst (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let db: TestDatabase | undefined;
  let service: RunningService;

  beforeAll(async () => {
    sim = await startSimulator({ computers: 40, mobiles: 20, seed: 11 });
    db = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    const config = defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(db ? { DATABASE_URL: db.url! } : { DATA_DIR: 'memory://' }),
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      JAMF_SYNC_ON_START: 'false',
      JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
      JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
      API_TOKEN,
      METRICS_TOKEN,
      // The background thread (PostgreSQL) logs on its own at this level, outside the captured logger.
      LOG_LEVEL: 'warn',
    });
    service = await startService(config, captureLogs().logger);
  }, 120_000);
  afterAll(async () => {
    await service?.shutdown();
    await db?.close();
    await sim?.close();
  });

  const scrape = async (token = METRICS_TOKEN) => fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const samples = async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    return parseExposition(await res.text());
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${service.url}${path}`, { ...init, headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' } });
  /** A full sync started from the API, waited for until it finished. */
  const fullSync = async () => {
    const started = await api('/api/v1/organizations/default/syncs', { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    return until(async () => {
      const run = (await (await api(`/api/v1/runs/${runId}`)).json()) as { status: string };
      return run.status !== 'running' && run;
    });
  };
  const rows = <T>(query: ReturnType<typeof sql>) => selectRows<T>(service.database.db, query);

  it('refuses a scrape without the metrics token, or with the API token', async () => {
    const missing = await fetch(`${service.url}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await missing.json()) as any).error.code).toBe('unauthorized');
    expect((await scrape(API_TOKEN)).status).toBe(401);
    expect((await scrape(`${METRICS_TOKEN}x`)).status).toBe(401);
  });

  // Syncs, a burst and the worker's batches: generous limits for a loaded test machine (no time is asserted).
  it('counts runs, devices, Jamf requests and webhooks where they happen, equal to what the database and the simulator saw', async () => {
    expect(await fullSync()).toMatchObject({ status: 'succeeded' });

    const url = `${service.url}/webhooks/jamf/default`;
    const auth = { basic: WEBHOOK_USER };
    // Jamf's own 2-second patience is not what is tested here; a loaded test machine may exceed it.
    const timeoutMs = 60_000;
    const patched = ['1', '2', '3', '4', '5', '6', '7', '8'];
    const [toUpdate] = await rows<{ n: number }>(
      sql`select count(*)::int as n from assets where jamf_kind = 'computer' and jamf_id in ${patched} and memory_mb is distinct from 98304`,
    );
    for (const id of patched) sim.store.patch('computers', id, { hardware: { totalRamMegabytes: 98304 } });
    const burst = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => sim.sendWebhook({ url, event: 'ComputerInventoryCompleted', deviceId: String(i + 1), auth, timeoutMs })),
      ...Array.from({ length: 5 }, (_, i) => sim.sendWebhook({ url, event: 'MobileDeviceInventoryCompleted', deviceId: String(i + 1), auth, timeoutMs })),
      sim.sendWebhook({ url, event: 'ComputerCheckIn', deviceId: '1', auth: { basic: { ...WEBHOOK_USER, password: 'wrong' } }, timeoutMs }),
    ]);
    expect(burst.map((d) => d.status).sort()).toEqual([...Array(25).fill(202), 401]);
    await until(async () => {
      const [open] = await rows<{ n: number }>(sql`select count(*)::int as n from webhook_inbox where status in ('pending', 'processing')`);
      return open.n === 0;
    });

    const runsInDatabase = await rows<{ trigger: string; status: string; n: number }>(
      sql`select trigger, status, count(*)::int as n from sync_runs group by trigger, status`,
    );
    const [devicesInDatabase] = await rows<Record<string, number>>(
      sql`select sum((counts->>'created')::int)::int as created, sum((counts->>'updated')::int)::int as updated,
                 sum((counts->>'unchanged')::int)::int as unchanged, sum((counts->>'errors')::int)::int as failed,
                 coalesce(sum((select sum(value::int) from jsonb_each_text(counts->'skipped'))), 0)::int as skipped
          from sync_runs`,
    );
    expect(runsInDatabase).toContainEqual({ trigger: 'webhook', status: 'succeeded', n: expect.any(Number) });
    expect(toUpdate.n).toBeGreaterThan(0);
    expect(devicesInDatabase.updated).toBeGreaterThanOrEqual(toUpdate.n);

    // On PostgreSQL the runs and Jamf requests happen on the background thread, forwarded once a second.
    const simulatorByStatus = sim.stats().byStatus;
    const metrics = await until(async () => {
      const scraped = await samples();
      return sum(scraped, 'jamf_api_requests_total') === sim.stats().requests && scraped;
    });
    for (const [status, n] of Object.entries(simulatorByStatus)) expect(sample(metrics, 'jamf_api_requests_total', { status })).toBe(n);
    expect(sample(metrics, 'jamf_api_request_duration_seconds_count')).toBe(sim.stats().requests);
    expect(sample(metrics, 'jamf_api_request_duration_seconds_sum')).toBeGreaterThan(0);

    for (const { trigger, status, n } of runsInDatabase) {
      expect(sample(metrics, 'jamf_sync_runs_total', { organization: 'default', trigger, status })).toBe(n);
    }
    expect(sum(metrics, 'jamf_sync_runs_total')).toBe(runsInDatabase.reduce((total, r) => total + r.n, 0));
    for (const outcome of ['created', 'updated', 'unchanged', 'skipped', 'failed']) {
      expect(sample(metrics, 'jamf_sync_devices_total', { organization: 'default', outcome })).toBe(devicesInDatabase[outcome]);
    }
    expect(sample(metrics, 'jamf_sync_devices_total', { organization: 'default', outcome: 'created' })).toBeGreaterThan(0);

    expect(sample(metrics, 'jamf_webhooks_received_total', { status: '202' })).toBe(25);
    expect(sample(metrics, 'jamf_webhooks_received_total', { status: '401' })).toBe(1);
    expect(sample(metrics, 'jamf_webhook_ack_duration_seconds_count')).toBe(26);
    expect(sample(metrics, 'jamf_webhook_ack_duration_seconds_bucket', { le: '+Inf' })).toBe(26);

    // Node's default process metrics, in the service's own registry.
    expect(sample(metrics, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  }, 180_000);

  it('reads the last success, consecutive failures and the inbox from the database', async () => {
    const [lastRun] = await rows<{ finished: number }>(
      sql`select extract(epoch from finished_at)::float8 as finished from sync_runs
          where mode = 'full' and status = 'succeeded' order by started_at desc limit 1`,
    );
    let metrics = await samples();
    expect(sample(metrics, 'jamf_sync_last_success_timestamp_seconds', { organization: 'default' })).toBeCloseTo(lastRun.finished, 3);
    expect(sample(metrics, 'jamf_sync_consecutive_failures', { organization: 'default' })).toBe(0);
    expect(sample(metrics, 'jamf_sync_connection_created_timestamp_seconds', { organization: 'default' })).toBeLessThanOrEqual(lastRun.finished);
    expect(sample(metrics, 'jamf_webhook_inbox_pending')).toBe(0);
    expect(sample(metrics, 'jamf_webhook_inbox_oldest_age_seconds')).toBe(0);
    expect(sample(metrics, 'jamf_webhook_inbox_dead')).toBe(0);

    // R14: a full sync that would mark more than 10 % of the fleet removed marks none and fails.
    const removed = sim.store.list('computers').slice(0, 10);
    for (const record of removed) sim.store.remove('computers', String(record.id));
    expect(await fullSync()).toMatchObject({ status: 'failed' });
    expect(await fullSync()).toMatchObject({ status: 'failed' });

    // One webhook left waiting 15 minutes (its retry far ahead, so the worker leaves it), one dead.
    await service.database.db.execute(
      sql`update webhook_inbox set status = 'pending', received_at = now() - interval '15 minutes', available_at = now() + interval '1 day'
          where id = (select min(id) from webhook_inbox)`,
    );
    await service.database.db.execute(sql`update webhook_inbox set status = 'dead' where id = (select max(id) from webhook_inbox)`);

    metrics = await until(async () => {
      const scraped = await samples();
      return sample(scraped, 'jamf_sync_runs_total', { organization: 'default', trigger: 'manual', status: 'failed' }) === 2 && scraped;
    });
    expect(sample(metrics, 'jamf_sync_consecutive_failures', { organization: 'default' })).toBe(2);
    expect(sample(metrics, 'jamf_sync_last_success_timestamp_seconds', { organization: 'default' })).toBeCloseTo(lastRun.finished, 3);
    expect(sample(metrics, 'jamf_webhook_inbox_pending')).toBe(1);
    expect(sample(metrics, 'jamf_webhook_inbox_oldest_age_seconds')).toBeGreaterThanOrEqual(15 * 60);
    expect(sample(metrics, 'jamf_webhook_inbox_dead')).toBe(1);
  }, 180_000);

  it('shows no secret, and a second service in the same process keeps a registry of its own', async () => {
    const text = await (await scrape()).text();
    for (const secret of [DEFAULT_CREDENTIALS.clientSecret, WEBHOOK_USER.password, API_TOKEN, METRICS_TOKEN]) expect(text).not.toContain(secret);

    const second = createServiceMetrics(service.database.db);
    try {
      const own = parseExposition(await second.scrape());
      expect(sample(own, 'jamf_webhooks_received_total', { status: '202' })).toBeUndefined();
      expect(sample(own, 'jamf_sync_consecutive_failures', { organization: 'default' })).toBe(2);
    } finally {
      second.close();
    }
  });
});
