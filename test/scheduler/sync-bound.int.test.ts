import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { until } from '../support/until';
import { selectRows } from '../../src/db/query';
import { currentLease, syncLeaseName } from '../../src/leases/job-lease';
import { NightlyScheduler, type ScheduledRunKind } from '../../src/scheduler/nightly-scheduler';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { saveConnection } from '../../src/connections/connection-store';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';
import { defaultConfig } from '../../src/config';
import type { Logger } from '../../src/logging/logger';
import type { AppDatabase } from '../../src/db/open-database';
import { WebhookHarness } from '../webhooks/support/webhook-harness';
import { windowDueAt } from '../../src/scheduler/sync-queue';
import { listRuns } from '../../src/api/run-responses';

const WINDOW = '2026-12-07T02:00:00.000Z';

/** Something the test opens when it wants a held slot to be given back. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * A scheduler (one replica) running real syncs, that counts the syncs it has in flight. A window
 * of an organization in `holdSlotOf` keeps its slot after its sync until the gate opens: the
 * replica stays at its bound for as long as the test needs, whatever the machine's speed.
 */
function replica(deps: { db: AppDatabase; logger: Logger }, maxConcurrent: number, holdSlotOf: Map<string, ReturnType<typeof gate>> = new Map()) {
  const seen = { inFlight: 0, maxInFlight: 0, ran: [] as string[], held: new Set<string>() };
  const syncDeps = { ...deps, config: defaultConfig(), box: TEST_SECRET_BOX };
  const scheduler = new NightlyScheduler({
    db: deps.db,
    logger: deps.logger,
    maxConcurrent,
    runScheduledSync: async (slug: string, window: string, kind?: ScheduledRunKind) => {
      seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
      try {
        const report = await runConnectionSync(syncDeps, slug, { trigger: 'scheduled', window, dueAt: kind?.dueAt });
        if (report) seen.ran.push(slug);
        const hold = holdSlotOf.get(slug);
        if (hold) {
          seen.held.add(slug);
          await hold.opened;
        }
        return report;
      } finally {
        seen.inFlight--;
      }
    },
  });
  return { scheduler, seen };
}

async function connect(db: AppDatabase, slug: string, baseUrl: string, clientSecret = DEFAULT_CREDENTIALS.clientSecret): Promise<string> {
  const auth = { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret } as const;
  const { connection } = await saveConnection(db, TEST_SECRET_BOX, { slug }, { baseUrl, auth, pageSize: 50 });
  return connection.id;
}

describe(`the sync bound per replica (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  it('a replica at its bound leaves further windows, without taking their leases, and another replica runs them', async () => {
    const h = await SyncHarness.start(db, { computers: Array.from({ length: 60 }, (_, i) => computer({ id: i + 1 })) }, { slug: 'org1' });
    const hold = gate();
    try {
      const connections = { org1: h.target.connectionId!, org2: await connect(db.db, 'org2', h.sim.url), org3: await connect(db.db, 'org3', h.sim.url) };
      const deps = { db: db.db, logger: h.logs.logger };
      const a = replica(deps, 1, new Map([['org1', hold]]));
      const b = replica(deps, 2);

      // Replica A takes org1's window and stays busy with it: its one slot is used.
      const aOrg1 = a.scheduler.fire('org1', WINDOW);
      await until(() => a.seen.held.has('org1'), 'replica A to run org1 and keep its slot');
      // Every replica sees the same cron windows: A queues org2 and org3 but cannot start them.
      const aOthers = [a.scheduler.fire('org2', WINDOW), a.scheduler.fire('org3', WINDOW)];
      expect(a.scheduler.load()).toEqual({ running: 1, waiting: 2, notYetDue: 0, maxConcurrent: 1 });
      expect(await currentLease(db.db, syncLeaseName(connections.org2))).toBeNull();
      expect(await currentLease(db.db, syncLeaseName(connections.org3))).toBeNull();

      // Replica B has free slots and takes both windows.
      const bReports = await Promise.all([b.scheduler.fire('org2', WINDOW), b.scheduler.fire('org3', WINDOW)]);
      expect(bReports.map((r) => r?.status)).toEqual(['succeeded', 'succeeded']);
      expect(b.seen.ran.sort()).toEqual(['org2', 'org3']);

      // A's turn comes: the windows were run by B, so A finds nothing to do.
      hold.open();
      expect((await aOrg1)?.status).toBe('succeeded');
      expect(await Promise.all(aOthers)).toEqual([null, null]);
      expect(a.seen.ran).toEqual(['org1']);
      expect(a.seen.maxInFlight).toBe(1);
      expect(b.seen.maxInFlight).toBeLessThanOrEqual(2);

      // One run per organization for the window, each recording when it was due.
      const runs = await selectRows<{ slug: string; due_at: Date | string | null; started_at: Date | string }>(
        db.db,
        sql`select o.slug, r.due_at, r.started_at from sync_runs r join organizations o on o.id = r.organization_id order by o.slug`,
      );
      expect(runs.map((r) => r.slug)).toEqual(['org1', 'org2', 'org3']);
      for (const run of runs) {
        expect(run.due_at).not.toBeNull();
        expect(new Date(run.due_at!).getTime()).toBeLessThanOrEqual(new Date(run.started_at).getTime());
      }
      await Promise.all([a.scheduler.stop(5000), b.scheduler.stop(5000)]);
    } finally {
      hold.open();
      await h.stop();
    }
  });

  it("starts a cron window at the connection's spread offset, and the run list shows when it was due", async () => {
    const h = await SyncHarness.start(db, { computers: [computer({ id: 1 })] }, { slug: 'spread' });
    const connectionId = h.target.connectionId!;
    const scheduler = new NightlyScheduler({
      db: db.db,
      logger: h.logs.logger,
      maxConcurrent: 2,
      spreadMinutes: 30,
      runScheduledSync: (slug, window, kind) =>
        runConnectionSync({ db: db.db, logger: h.logs.logger, config: defaultConfig(), box: TEST_SECRET_BOX }, slug, { trigger: 'scheduled', window, dueAt: kind?.dueAt }),
    });
    try {
      const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
      // A window fired two hours ago is past its offset (under 30 minutes): it starts at once.
      const earlier = minute(Date.now() - 2 * 3600_000);
      const report = await scheduler.fireCronWindow('spread', connectionId, earlier);
      expect(report?.status).toBe('succeeded');
      const [run] = await listRuns(db.db, h.target.organizationId, 10);
      expect(run.dueAt).toBe(windowDueAt(earlier.toISOString(), connectionId, 30));
      const offsetMs = Date.parse(run.dueAt!) - earlier.getTime();
      expect(offsetMs).toBeGreaterThanOrEqual(0);
      expect(offsetMs).toBeLessThan(30 * 60_000);

      // A window fired tomorrow is not due yet: it waits without a slot or a lease, and a stop drops it.
      const pending = scheduler.fireCronWindow('spread', connectionId, minute(Date.now() + 24 * 3600_000));
      expect(scheduler.load()).toEqual({ running: 0, waiting: 0, notYetDue: 1, maxConcurrent: 2 });
      expect((await currentLease(db.db, syncLeaseName(connectionId)))?.expiresAt).toBeNull();
      expect(await scheduler.stop(5000)).toBe(true);
      expect(await pending).toBeNull();
      expect(scheduler.load().notYetDue).toBe(0);
      expect(await h.count('sync_runs')).toBe(1);
    } finally {
      await scheduler.stop(0);
      await h.stop();
    }
  });

  it('records when a window was due also on a run that failed before it could start', async () => {
    const h = await SyncHarness.start(db, { computers: [computer({ id: 1 })] }, { slug: 'ok' });
    try {
      await connect(db.db, 'refused', h.sim.url, 'not-the-right-secret-0123456789');
      const a = replica({ db: db.db, logger: h.logs.logger }, 1);
      expect(await a.scheduler.fire('refused', WINDOW, { dueAt: WINDOW })).toBeNull();
      const [run] = await selectRows<{ status: string; error_code: string; due_at: Date | string | null }>(db.db, sql`select status, error_code, due_at from sync_runs`);
      expect(run).toMatchObject({ status: 'failed', error_code: 'jamf_auth_rejected' });
      expect(new Date(run.due_at!).toISOString()).toBe(WINDOW);
    } finally {
      await h.stop();
    }
  });

  it('starts waiting windows in fair order: never synced first, then the oldest success', async () => {
    const h = await SyncHarness.start(db, { computers: [computer({ id: 1 })] }, { slug: 'busy' });
    const hold = gate();
    try {
      for (const slug of ['recent', 'never', 'stale']) await connect(db.db, slug, h.sim.url);
      // Earlier successes: 'stale' three days ago, 'recent' yesterday.
      for (const [slug, days] of [['stale', 3], ['recent', 1]] as const) {
        await db.db.execute(sql`insert into sync_runs (organization_id, connection_id, trigger, mode, status, owner, counts, started_at, finished_at)
          select o.id, c.id, 'scheduled', 'full', 'succeeded', 'earlier', '{}'::jsonb, now() - ${`${days} days`}::interval, now() - ${`${days} days`}::interval
          from organizations o join jamf_connections c on c.organization_id = o.id where o.slug = ${slug}`);
      }
      const a = replica({ db: db.db, logger: h.logs.logger }, 1, new Map([['busy', hold]]));
      const busy = a.scheduler.fire('busy', WINDOW);
      await until(() => a.seen.held.has('busy'), 'the replica to keep its one slot');
      const queued = ['recent', 'never', 'stale'].map((slug) => a.scheduler.fire(slug, WINDOW));
      hold.open();
      await Promise.all([busy, ...queued]);
      expect(a.seen.ran).toEqual(['busy', 'never', 'stale', 'recent']);
      expect(a.seen.maxInFlight).toBe(1);
    } finally {
      hold.open();
      await h.stop();
    }
  });
});

describe(`webhook refreshes beside a saturated sync bound (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: WebhookHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await WebhookHarness.start(db, { computers: [1, 2, 3].map((id) => computer({ id })) });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('serves webhook refreshes while every sync slot is taken and nightly windows wait', async () => {
    const hold = gate();
    const other = await connect(db.db, 'other', h.sim.url);
    const a = replica({ db: db.db, logger: h.logs.logger }, 1, new Map([['acme', hold]]));
    try {
      const nightly = a.scheduler.fire('acme', WINDOW);
      await until(() => a.seen.held.has('acme'), 'the nightly run to take the one slot');
      const waitingNightly = a.scheduler.fire('other', WINDOW);
      expect(a.scheduler.load()).toEqual({ running: 1, waiting: 1, notYetDue: 0, maxConcurrent: 1 });

      // Jamf reports a device: the refresh is served now, not after the nightly runs.
      expect((await h.send('ComputerInventoryCompleted', 2)).status).toBe(202);
      expect(await h.worker.drain()).toMatchObject({ claimed: 1, done: 1 });
      expect((await h.rows()).map((r) => r.status)).toEqual(['done']);
      expect(await h.webhookRuns()).toEqual([expect.objectContaining({ status: 'succeeded', counts: expect.objectContaining({ fetched: 1 }) })]);
      // …and the bound still held meanwhile.
      expect(a.scheduler.load()).toEqual({ running: 1, waiting: 1, notYetDue: 0, maxConcurrent: 1 });
      expect(await currentLease(db.db, syncLeaseName(other))).toBeNull();

      hold.open();
      expect((await nightly)?.status).toBe('succeeded');
      expect((await waitingNightly)?.status).toBe('succeeded');
      expect(a.seen.maxInFlight).toBe(1);
    } finally {
      hold.open();
      await a.scheduler.stop(5000);
    }
  });
});
