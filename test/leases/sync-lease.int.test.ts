import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { claimLease, renewLease, releaseLease, withLease } from '../../src/leases/job-lease';
import { NightlyScheduler } from '../../src/scheduler/nightly-scheduler';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { defaultConfig } from '../../src/config';
import { captureLogs } from '../support/log-capture';
import { sql } from 'drizzle-orm';

describe(`sync lease and nightly scheduler (${testDatabaseKind})`, () => {
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

  const t0 = new Date('2026-11-27T02:00:00.000Z');
  /** Resolves once a log line matches: renewals run on their own timer (every second here). */
  const logged = async (logs: ReturnType<typeof captureLogs>, pattern: RegExp) => {
    while (!logs.lines().some((line) => pattern.test(line))) await new Promise((resolve) => setTimeout(resolve, 100));
    return logs.lines().filter((line) => pattern.test(line)).map((line) => JSON.parse(line));
  };
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('gives one window to exactly one of many concurrent claimants', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimLease(db.db, { name: 'sync:x', holder: `replica-${i}`, window: 'w1', ttlMs: 60_000, now: t0 })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('never runs a window twice, even after the lease is released', async () => {
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'a', window: 'w1', ttlMs: 60_000, now: t0 })).toBe(true);
    await releaseLease(db.db, 'sync:x', 'a');
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'b', window: 'w1', ttlMs: 60_000, now: at(1000) })).toBe(false);
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'b', window: 'w2', ttlMs: 60_000, now: at(2000) })).toBe(true);
  });

  it('keeps runs from overlapping while a holder is alive, and frees the lease once a crashed holder stops renewing', async () => {
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'a', window: 'w1', ttlMs: 60_000, now: t0 })).toBe(true);
    expect(await renewLease(db.db, 'sync:x', 'a', 60_000, at(50_000))).toBe(true);
    // Next window while "a" still runs (renewed until t0+110 s): refused.
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'b', window: 'w2', ttlMs: 60_000, now: at(100_000) })).toBe(false);
    // "a" crashed and stopped renewing: after expiry the next window goes ahead.
    expect(await claimLease(db.db, { name: 'sync:x', holder: 'b', window: 'w2', ttlMs: 60_000, now: at(111_000) })).toBe(true);
    expect(await renewLease(db.db, 'sync:x', 'a', 60_000, at(112_000))).toBe(false);
  });

  it('two schedulers firing the same window run one sync', async () => {
    const h = await SyncHarness.start(db, { computers: Array.from({ length: 120 }, (_, i) => computer({ id: i + 1 })) });
    try {
      const deps = { db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: h.logs.logger };
      const schedulers = [1, 2].map(
        () =>
          new NightlyScheduler({
            db: db.db,
            logger: h.logs.logger,
            runScheduledSync: (slug, window) => runConnectionSync(deps, slug, { trigger: 'scheduled', window }),
          }),
      );
      const reports = await Promise.all(schedulers.map((s) => s.fire('acme', '2026-11-27T02:00:00.000Z')));
      expect(reports.filter((r) => r !== null)).toHaveLength(1);
      expect(reports.find((r) => r)).toMatchObject({ trigger: 'scheduled', status: 'succeeded', counts: { created: 120 } });
      expect(await h.count('sync_runs')).toBe(1);
      expect(await h.count('assets')).toBe(120);
    } finally {
      await h.stop();
    }
  });

  it('refuses a manual sync while another sync of the connection holds the lease, with a clear reason', async () => {
    const h = await SyncHarness.start(db, { computers: [computer({ id: 1 })] });
    try {
      const connectionId = h.target.connectionId!;
      await claimLease(db.db, { name: `sync:${connectionId}`, holder: 'other-host:42', window: 'scheduled-w', ttlMs: 60_000 });
      const deps = { db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: h.logs.logger };
      await expect(runConnectionSync(deps, 'acme', { trigger: 'manual' })).rejects.toThrow(/already running \(other-host:42/);
      expect(await h.count('sync_runs')).toBe(0);
    } finally {
      await h.stop();
    }
  });

  it('warns when a renewal finds the lease taken by another holder, and lets the work finish', async () => {
    const logs = captureLogs();
    const outcome = await withLease({ db: db.db, logger: logs.logger }, { name: 'sync:x', holder: 'a', window: 'w1', ttlMs: 3000 }, async () => {
      // As if the lease had expired and another process claimed it.
      await db.db.execute(sql`update job_leases set holder = 'b' where name = 'sync:x'`);
      return logged(logs, /lease lost/);
    });
    expect(outcome.ran).toBe(true);
    const [line] = outcome.ran ? outcome.result : [];
    expect(line).toMatchObject({ level: 'warn', lease: 'sync:x', holder: 'a', msg: expect.stringMatching(/another holder took it/) });
  });

  it('warns when the lease cannot be renewed or released because the database is gone', async () => {
    const lost = await openTestDatabase();
    const logs = captureLogs();
    let closed = false;
    try {
      const outcome = await withLease({ db: lost.db, logger: logs.logger }, { name: 'sync:y', holder: 'a', window: 'w1', ttlMs: 3000 }, async () => {
        await lost.close();
        closed = true;
        return logged(logs, /could not renew the lease/);
      });
      expect(outcome.ran).toBe(true);
      const [renewal] = outcome.ran ? outcome.result : [];
      expect(renewal).toMatchObject({ level: 'warn', lease: 'sync:y', holder: 'a', err: { message: expect.any(String) } });
      const [release] = await logged(logs, /could not release the lease/);
      expect(release).toMatchObject({ level: 'warn', lease: 'sync:y', msg: expect.stringMatching(/waits until it expires \(at most 3 s\)/) });
    } finally {
      if (!closed) await lost.close();
    }
  });
});
