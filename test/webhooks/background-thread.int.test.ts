import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { openServiceDatabase } from '../../src/service/open-service-database';
import { startBackgroundThread } from '../../src/service/background-thread';
import { startService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openTestDatabase, testDatabaseKind } from '../support/test-database';
import { captureLogs } from '../support/log-capture';
import { until } from '../support/until';
import { openProcessDatabase } from '../support/process-database';

const WEBHOOK_USER = { username: 'jamf', password: 'thread-test-webhook-password' };
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const onPostgresIt = onPostgres ? it : it.skip;

describe(`serve's background work: the inbox worker and the scheduler (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ computers: 40, mobiles: 0, seed: 5 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  // Each test starts and stops services and waits in up to three until()s of at most 30 s: those
  // fail first, naming what they waited for.
  jest.setTimeout(180_000);

  const configFor = (database: Record<string, string>) =>
    defaultConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...database,
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      JAMF_SYNC_ON_START: 'false',
      JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
      JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
      LOG_LEVEL: 'warn',
    });

  it('runs on a thread of its own on PostgreSQL, and on the service thread with the embedded database', async () => {
    const readyzToken = 'background-thread-readyz-token';
    const config = configFor({ ...(await openProcessDatabase()).env, API_TOKEN: readyzToken });
    const logs = captureLogs('info');
    const service = await startService(config, logs.logger);
    try {
      const started = logs.lines().map((l) => JSON.parse(l)).find((e) => e.msg === 'service started');
      expect(started.backgroundThread).toBe(onPostgres);
      const ready = (await (await fetch(`${service.url}/readyz`, { headers: { authorization: `Bearer ${readyzToken}` } })).json()) as Record<string, unknown>;
      expect(ready.backgroundWork).toBe('running');

      sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 65536 } });
      const sent = await sim.sendWebhook({ url: `${service.url}/webhooks/jamf/default`, event: 'ComputerInventoryCompleted', deviceId: '1', auth: { basic: WEBHOOK_USER } });
      expect(sent.status).toBe(202);
      const asset = await until(async () => (await selectRows<{ memory_mb: number }>(service.database.db, sql`select memory_mb from assets where jamf_id = '1'`))[0], 'the asset');
      expect(asset.memory_mb).toBe(65536);
      // On its own thread the worker posts its totals after the batch commits: they may arrive after the row.
      expect(await until(() => service.background.totals.done || undefined, 'the worker to report its batch')).toBe(1);
    } finally {
      await service.shutdown();
    }
    expect(service.background.state).toBe('stopped');
  });

  it('runs syncs started from the API with the background work, and a refusal there keeps its status', async () => {
    const token = 'background-thread-test-api-token';
    const config = configFor({ ...(await openProcessDatabase()).env, API_TOKEN: token });
    const service = await startService(config, captureLogs('warn').logger);
    const syncs = `${service.url}/api/v1/organizations/default/syncs`;
    const post = (body: unknown) =>
      fetch(syncs, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const preview = await post({ dryRun: true });
      expect(preview.status).toBe(200);
      const report = (await preview.json()) as { mode: string; id: string | null; counts: { created: number } };
      expect(report).toMatchObject({ mode: 'dry_run', id: null });
      expect(report.counts.created).toBeGreaterThan(0);

      // Jamf is slow, so the first run still holds its lease when the second is asked for.
      sim.setFaults({ latencyMs: 1000 });
      const started = await post({});
      expect(started.status).toBe(202);
      const { runId } = (await started.json()) as { runId: string };
      expect(runId).toMatch(/^[0-9a-f-]{36}$/);
      const refused = await post({});
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sync_already_running');
      sim.setFaults({ latencyMs: 0 });
      const run = await until(
        async () => (await selectRows<{ status: string }>(service.database.db, sql`select status from sync_runs where id = ${runId} and status <> 'running'`))[0],
        'the run to finish',
      );
      expect(run.status).toBe('succeeded');
      // The run did what the preview said it would.
      expect((await selectRows(service.database.db, sql`select id from assets`)).length).toBe(report.counts.created);
    } finally {
      sim.setFaults({ latencyMs: 0 });
      await service.shutdown();
    }
  });

  it('waits at shutdown for a sync started from the API, and marks one that does not finish in time interrupted', async () => {
    // A database that outlives the service, to read what shutdown left behind.
    const database = await openProcessDatabase();
    const token = 'shutdown-test-api-token-0001';
    const startSyncThenStop = async (shutdownTimeoutMs: number, jamfLatencyMs: number) => {
      const logs = captureLogs('warn');
      const service = await startService({ ...configFor({ ...database.env, API_TOKEN: token }), SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs }, logs.logger);
      sim.setFaults({ latencyMs: jamfLatencyMs });
      try {
        const started = await fetch(`${service.url}/api/v1/organizations/default/syncs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(started.status).toBe(202);
        return { runId: ((await started.json()) as { runId: string }).runId, logs };
      } finally {
        await service.shutdown();
        sim.setFaults({ latencyMs: 0 });
      }
    };
    /** Reads after the service stopped (the embedded database has one user at a time). */
    const read = <T>(query: ReturnType<typeof sql>) => database.use((db) => selectRows<T>(db.db, query));
    const runOf = async (id: string) => (await read<{ status: string; failure_reason: string | null }>(sql`select status, failure_reason from sync_runs where id = ${id}`))[0];
    // Shutdown waits: the run, slowed by Jamf, finishes within the time it is given.
    const waited = await startSyncThenStop(60_000, 100);
    expect(await runOf(waited.runId)).toEqual({ status: 'succeeded', failure_reason: null });

    // Jamf too slow for the time given: the run is marked interrupted by the stopping service itself
    // (8 s, the default: its last quarter is kept for that, enough on a loaded machine).
    const cut = await startSyncThenStop(8000, 10_000);
    expect(await runOf(cut.runId)).toEqual({ status: 'interrupted', failure_reason: expect.stringContaining('the service stopped') });
    const warning = cut.logs.lines().map((l) => JSON.parse(l)).find((e) => e.msg === 'runs still going at shutdown were marked interrupted');
    expect(warning.runs).toEqual([cut.runId]);
    // Its lease was freed too: no sync is refused as "already running" by the run that was cut.
    const leases = await read<{ n: number }>(sql`select count(*)::int as n from job_leases where expires_at is not null`);
    expect(leases[0].n).toBe(0);
    if (!onPostgres) {
      // On the embedded database the cut run's code shares the test's thread: it ends once Jamf
      // answers, failing on the closed database (on PostgreSQL its thread was ended).
      await until(async () => cut.logs.lines().some((l) => JSON.parse(l).msg === 'sync started from the API failed'), 'the cut run to end');
    }
  });

  onPostgresIt('starts a background thread that died again, and the new one takes up the webhooks the dead one had claimed', async () => {
    const db = await openTestDatabase();
    const config = configFor({ DATABASE_URL: db.url! });
    const database = await openServiceDatabase(config);
    const marker = `${process.env.TMPDIR ?? '/tmp'}/${db.url!.replace(/\W+/g, '_')}.crashed`;
    const [{ id: connectionId, organization_id: organizationId }] = await selectRows<{ id: string; organization_id: string }>(
      database.db,
      sql`select id, organization_id from jamf_connections`,
    );
    await database.db.execute(sql`insert into webhook_inbox (organization_id, connection_id, dedupe_key, event_name, status, device_kind, jamf_id, content_type, payload)
      values (${organizationId}, ${connectionId}, 'claimed-at-crash', 'ComputerCheckIn', 'pending', 'computer', '2', 'json', '{}')`);
    // Jamf answers slowly, so the thread dies while its claim is held (the entry throws on seeing it).
    sim.setFaults({ latencyMs: 5000 });
    const logs = captureLogs('info');
    // A lease far longer than the test: only the new thread's release can hand the row back.
    const background = await startBackgroundThread({ config, options: { scheduler: false, workerOptions: { leaseMs: 3_600_000 } } }, logs.logger, {
      entry: path.join(__dirname, 'support', 'crashing-background-thread.ts'),
    });
    try {
      await until(async () => background.state === 'restarting', 'the thread to die');
      await expect(background.startSync('default', { dryRun: true })).rejects.toMatchObject({ status: 503, code: 'background_work_unavailable' });
      const crashedOwner = (await selectRows<{ locked_by: string }>(database.db, sql`select locked_by from webhook_inbox where dedupe_key = 'claimed-at-crash'`))[0]
        .locked_by;
      expect(crashedOwner).toMatch(/^[^:]+:\d+:[0-9a-f]{8}$/);
      sim.setFaults({ latencyMs: 0 });
      await until(async () => background.state === 'running', 'the thread to start again');
      const lines = logs.lines().map((l) => JSON.parse(l));
      expect(lines.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['background work failed', 'background thread stopped unexpectedly; starting it again', 'background thread started again']),
      );
      expect(lines.find((e) => e.msg === 'background work failed').err.message).toBe('background work hit a bug');
      expect(background.workerOwner).not.toBe(crashedOwner);

      const row = await until(
        async () =>
          (await selectRows<{ status: string; attempts: number; outcome: string }>(
            database.db,
            sql`select status, attempts, outcome from webhook_inbox where dedupe_key = 'claimed-at-crash' and status = 'done'`,
          ))[0],
        'the new thread to finish the row the dead one had claimed',
      );
      // Claimed by the thread that died, then by the new one.
      expect(row).toEqual({ status: 'done', attempts: 2, outcome: 'refreshed' });
      // The thread posts its totals after the batch's transaction: the row can be done a moment before.
      await until(async () => background.totals.done === 1, "the new thread's totals to count the row done");
      // The new thread also runs syncs asked of it.
      expect(await background.startSync('default', { dryRun: true })).toMatchObject({ dryRun: true, report: { mode: 'dry_run', counts: { unchanged: 1 } } });
    } finally {
      sim.setFaults({ latencyMs: 0 });
      await background.stop(5000);
      await database.close();
      await db.close();
      fs.rmSync(marker, { force: true });
    }
  });
});
