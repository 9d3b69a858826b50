import { sql } from 'drizzle-orm';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { startService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { runCli, type CliRun } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { openProcessDatabase } from '../support/process-database';
import { captureLogs } from '../support/log-capture';
import { until } from '../support/until';

const WEBHOOK_USER = { username: 'jamf', password: 'serve-test-webhook-password' };
/** /readyz shows its details only to a request with the API token. */
const API_TOKEN = 'serve-test-api-token-0123456789';
const withToken = { headers: { authorization: `Bearer ${API_TOKEN}` } };
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe(`serve: receiver, worker and scheduler in one process (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  const databases: TestDatabase[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ computers: 40, mobiles: 20, seed: 5 });
  });
  afterAll(async () => {
    await sim?.close();
    for (const d of databases) await d.close();
  });

  const jamfEnv = () => ({
    JAMF_URL: sim.url,
    JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
    JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
    // Runs seen here are the webhooks' (and the schedule's where a test sets one).
    JAMF_SYNC_ON_START: 'false',
    API_TOKEN,
  });

  it('turns a webhook into an updated asset, reports the backlog in /readyz, and finishes its batch on shutdown', async () => {
    const config = defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...(await openProcessDatabase()).env,
      ...jamfEnv(),
      JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
      JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
      // The background thread (PostgreSQL) logs on its own at this level, outside the captured logger.
      LOG_LEVEL: 'warn',
    });
    const service = await startService(config, captureLogs().logger);
    try {
      const url = `${service.url}/webhooks/jamf/default`;
      sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 98304 } });
      expect((await sim.sendWebhook({ url, event: 'ComputerInventoryCompleted', deviceId: '1', auth: { basic: WEBHOOK_USER } })).status).toBe(202);
      const asset = await until(async () => {
        const rows = await selectRows<{ memory_mb: number }>(service.database.db, sql`select memory_mb from assets where jamf_id = '1'`);
        return rows[0];
      }, 'the asset');
      expect(asset.memory_mb).toBe(98304);

      const ready = await until(async () => {
        const body = (await (await fetch(`${service.url}/readyz`, withToken)).json()) as any;
        return body.webhookInbox?.pending === 0 && body;
      }, 'the inbox to drain');
      expect(ready).toMatchObject({
        status: 'ready',
        webhookInbox: { pending: 0, oldestPendingAgeSeconds: null, dead: 0 },
        lastRuns: [{ organization: 'default', trigger: 'webhook', mode: 'device', status: 'succeeded' }],
      });
      // Without the API token: ready or not, and nothing that names an organization or a run.
      const anonymous = await fetch(`${service.url}/readyz`);
      expect(anonymous.status).toBe(200);
      const anonymousBody = await anonymous.text();
      expect(JSON.parse(anonymousBody)).toEqual({ status: 'ready' });
      expect(anonymousBody).not.toContain(ready.lastRuns[0].runId);

      // A slow Jamf: the batch is in flight when shutdown starts; it is finished, not abandoned.
      sim.setFaults({ latencyMs: 400 });
      expect((await sim.sendWebhook({ url, event: 'ComputerCheckIn', deviceId: '2', auth: { basic: WEBHOOK_USER } })).status).toBe(202);
      await until(
        async () => {
          const rows = await selectRows<{ n: number }>(service.database.db, sql`select count(*)::int as n from webhook_inbox where status = 'processing'`);
          return rows[0].n === 1;
        },
        'the webhook to be claimed',
        { intervalMs: 20 },
      );
      const doneBefore = service.background.totals.done;
      await service.shutdown();
      expect(service.background.totals.done).toBe(doneBefore + 1);
    } finally {
      sim.setFaults({ latencyMs: 0 });
      await service.shutdown();
    }
    // Three until()s of at most 30 s, and the service's start and stop: the waits fail first.
  }, 150_000);

  it('sets credentials, lists and retries dead webhooks from the command line; serve accepts the new credential', async () => {
    const database = await openProcessDatabase();
    const env = { ...database.env, ...jamfEnv(), LOG_LEVEL: 'warn' };
    const set = runCli(['webhooks', 'credentials', '--org', 'default', '--header', 'X-Jamf-Token', '--secret-stdin'], env, 'cli-header-secret-123456\n');
    expect((await set.waitForExit()).code).toBe(0);
    expect(set.stdout()).toMatch(/header x-jamf-token/);
    expect(set.stdout()).not.toContain('cli-header-secret');

    const serve = runCli(['serve'], { ...env, PORT: '0', HOST: '127.0.0.1' });
    try {
      const base = (await serve.waitFor(/listening on http:\/\//)).replace(/.*listening on /, '').trim();
      const auth = { header: { name: 'X-Jamf-Token', value: 'cli-header-secret-123456' } };
      expect((await sim.sendWebhook({ url: `${base}/webhooks/jamf/default`, event: 'ComputerAdded', deviceId: '3', auth })).status).toBe(202);
      expect((await sim.sendWebhook({ url: `${base}/webhooks/jamf/default`, event: 'ComputerAdded', deviceId: '4' })).status).toBe(401);
      await until(async () => {
        const body = (await (await fetch(`${base}/readyz`, withToken)).json()) as any;
        return body.webhookInbox?.pending === 0 && body.lastRuns?.[0]?.trigger === 'webhook';
      }, 'the webhook to be processed');
    } finally {
      expect((await serve.stop('SIGTERM')).code).toBe(0);
    }

    // A webhook that used up its attempts (made dead here directly).
    const row = await database.use(async (db) => {
      const [dead] = await selectRows<{ id: string }>(db.db, sql`update webhook_inbox set status = 'dead', attempts = 10, last_error = 'jamf_unavailable: down' returning id::text`);
      const hashes = await selectRows<{ c: unknown }>(db.db, sql`select webhook_credentials as c from jamf_connections`);
      expect(JSON.stringify(hashes)).not.toContain('cli-header-secret');
      return dead;
    });

    const dead = runCli(['webhooks', 'dead'], env);
    expect((await dead.waitForExit()).code).toBe(0);
    expect(dead.stdout()).toMatch(new RegExp(`^${row.id}\\tdefault\\tComputerAdded\\tcomputer 3 .*10 attempts`, 'm'));
    expect(dead.stdout()).toContain('jamf_unavailable: down');
    const retry = runCli(['webhooks', 'retry', row.id], env);
    expect((await retry.waitForExit()).code).toBe(0);
    expect(retry.stdout()).toMatch(/Re-queued 1 webhook/);

    const inbox = await database.use((db) => selectRows(db.db, sql`select status, attempts, last_error from webhook_inbox`));
    expect(inbox).toEqual([{ status: 'pending', attempts: 0, last_error: null }]);
  }, timeoutForChildWaits(6));

  (onPostgres ? it : it.skip)(
    'three serve processes on one PostgreSQL: every webhook applied once, each nightly window run once (PostgreSQL only; PGlite is single-process, so this is skipped on it)',
    async () => {
      const db = await openTestDatabase();
      databases.push(db);
      const env = {
        DATABASE_URL: db.url!,
        ...jamfEnv(),
        JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
        JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
        // Fires every 2 s on every replica; a window is one minute, so one run per minute at most.
        JAMF_SYNC_CRON: '*/2 * * * * *',
        PORT: '0',
        HOST: '127.0.0.1',
        // Info: the scheduler logs each window it ran or skipped, which the test reads.
        LOG_LEVEL: 'info',
      };
      const replicas: CliRun[] = [0, 1, 2].map(() => runCli(['serve'], env));
      try {
        const urls = await Promise.all(replicas.map(async (r) => (await r.waitFor(/listening on http:\/\//)).replace(/.*listening on /, '').trim()));
        const devices = Array.from({ length: 30 }, (_, i) => String(i + 1));
        for (const id of devices) sim.store.patch('computers', id, { operatingSystem: { version: '15.7.1' } });
        await Promise.all(
          devices.map(async (id, i) => {
            const request = { event: 'ComputerInventoryCompleted', deviceId: id, auth: { basic: WEBHOOK_USER } };
            // Rendered once, delivered to two replicas: still one event.
            const first = await sim.sendWebhook({ ...request, url: `${urls[i % 3]}/webhooks/jamf/default` });
            expect(first.status).toBe(202);
            const again = await fetch(`${urls[(i + 1) % 3]}/webhooks/jamf/default`, { method: 'POST', headers: first.sent.headers, body: first.sent.body });
            expect(again.status).toBe(202);
            expect(await again.json()).toMatchObject({ duplicate: true });
          }),
        );
        const rows = await until(
          async () => {
            const r = await selectRows<{ status: string; attempts: number; deliveries: number }>(db.db, sql`select status, attempts, deliveries from webhook_inbox`);
            return r.length === devices.length && r.every((x) => x.status === 'done') && r;
          },
          'every webhook to be processed',
          { timeoutMs: 90_000 },
        );
        expect(rows.every((r) => r.attempts === 1 && r.deliveries === 2)).toBe(true);
        const [{ fetched }] = await selectRows<{ fetched: number }>(
          db.db,
          sql`select coalesce(sum((counts->>'fetched')::int), 0)::int as fetched from sync_runs where trigger = 'webhook'`,
        );
        expect(fetched).toBe(devices.length);

        // Each replica logs every window it fired: run by exactly one, skipped by the others.
        const windowLogs = () =>
          replicas.flatMap((r, replica) =>
            r
              .stdout()
              .split('\n')
              .slice(0, -1) // the last piece may be a line still being written
              .filter((line) => line.includes('"window"'))
              .map((line) => ({ replica, ...(JSON.parse(line) as { window: string; msg: string; runId?: string }) })),
          );
        // A window is a minute: two at most before one is seen whole by all three.
        await until(
          () => {
            const logs = windowLogs();
            const ran = logs.filter((l) => l.msg === 'scheduled sync finished');
            return ran.some((r) => new Set(logs.filter((l) => l.window === r.window).map((l) => l.replica)).size === 3);
          },
          'a scheduled window run and seen by every replica',
          { timeoutMs: 150_000, intervalMs: 250 },
        );
        const logs = windowLogs();
        const ranPerWindow = new Map<string, number>();
        for (const l of logs.filter((x) => x.msg === 'scheduled sync finished')) ranPerWindow.set(l.window, (ranPerWindow.get(l.window) ?? 0) + 1);
        expect([...ranPerWindow.values()].every((n) => n === 1)).toBe(true);
        const [{ n: scheduledRuns }] = await selectRows<{ n: number }>(db.db, sql`select count(*)::int as n from sync_runs where trigger = 'scheduled'`);
        // Runs still going when we looked have no "finished" line yet.
        expect(scheduledRuns - ranPerWindow.size).toBeLessThanOrEqual(1);
        // Every Mac asset among them has the new version (unmanaged ones have no asset: R1).
        const [macs] = await selectRows<{ total: number; updated: number }>(
          db.db,
          sql`select count(*)::int as total, (count(*) filter (where operating_system like 'macOS 15.7.1%'))::int as updated
              from assets where operating_system like 'macOS %' and jamf_id::int <= ${devices.length}`,
        );
        expect(macs.total).toBeGreaterThan(devices.length / 2);
        expect(macs.updated).toBe(macs.total);
      } finally {
        const exits = await Promise.all(replicas.map((r) => r.stop('SIGTERM')));
        expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
      }
    },
    // Replicas listening, every webhook processed, a window seen whole, stopping: each has its deadline.
    timeoutForChildWaits(2) + 90_000 + 150_000,
  );
});
