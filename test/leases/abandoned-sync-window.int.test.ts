import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { findAbandonedSyncWindows } from '../../src/leases/abandoned-sync-leases';
import { NightlyScheduler } from '../../src/scheduler/nightly-scheduler';
import { retryPolicyFromConfig } from '../../src/scheduler/retry-policy';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { computer } from '../support/jamf-factories';
import { harnessPerTest, TEST_SECRET_BOX } from '../support/sync-harness';
import { testDatabaseKind } from '../support/test-database';
import { until } from '../support/until';

/** The pid of a process of this host that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { timeout: 30_000 });
  return child.pid!;
}

/**
 * A replica that takes a connection's lease for a window and is killed before it records its run
 * leaves no run to retry, while every other replica already lost that window to it. The scheduler's
 * retry check finds such windows and runs them again, once (issue 18, a replica lost mid-window).
 */
describe(`sync windows abandoned before their run was recorded (${testDatabaseKind})`, () => {
  const harness = harnessPerTest();

  async function takeLease(holder: string, window: string, expiresInMs = 120_000) {
    const h = await harness.start({ computers: [computer({ id: 1 }), computer({ id: 2 })], mobileDevices: [] });
    await harness.db.db.execute(sql`insert into job_leases (name, holder, expires_at, last_window, updated_at)
      values (${`sync:${h.target.connectionId}`}, ${holder}, ${new Date(Date.now() + expiresInMs).toISOString()}, ${window}, now())`);
    return h;
  }
  const deadHolder = () => `${os.hostname()}:${deadPid()}:${randomUUID()}`;

  it('finds a window whose holder died before recording a run, and the scheduler runs it again once', async () => {
    const h = await takeLease(deadHolder(), 'first:none');
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([{ organizationSlug: 'acme', window: 'first:none', holder: expect.any(String) }]);

    const windows: string[] = [];
    const scheduler = new NightlyScheduler({
      db: harness.db.db,
      logger: h.logs.logger,
      retry: retryPolicyFromConfig(defaultConfig()),
      runScheduledSync: (slug, window, kind) => {
        windows.push(window);
        return runConnectionSync({ db: harness.db.db, logger: h.logs.logger, config: defaultConfig(), box: TEST_SECRET_BOX }, slug, { trigger: 'scheduled', window, dueAt: kind?.dueAt });
      },
    });
    await scheduler.retryDue();
    const runs = () => selectRows<{ status: string; trigger: string }>(harness.db.db, sql`select status, trigger from sync_runs where mode = 'full'`);
    await until(async () => (await runs()).length === 1 && (await runs())[0].status !== 'running', 'the recovered window to run');
    expect(await runs()).toEqual([{ status: 'succeeded', trigger: 'scheduled' }]);
    expect(windows).toEqual(['recover:first:none']);
    expect(h.logs.lines().join('\n')).toContain('taken by a process that stopped before it recorded its run');

    // Recovered: the lease is released under the new window, and nothing is found or run again.
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([]);
    await scheduler.retryDue();
    expect(await runs()).toHaveLength(1);
    await scheduler.stop(5000);
  });

  it('leaves alone a live holder, a holder whose run was recorded (the retry of interrupted runs has it), a released lease and a manual sync', async () => {
    // Another host's holder, lease still renewed: alive as far as anyone can tell.
    await takeLease(`other-host:4242:${randomUUID()}`, '2026-12-06T02:00:00.000Z');
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([]);
    // The same holder once its lease expired without a release: abandoned.
    await harness.db.db.execute(sql`update job_leases set expires_at = now() - interval '1 minute'`);
    expect((await findAbandonedSyncWindows(harness.db.db)).map((w) => w.window)).toEqual(['2026-12-06T02:00:00.000Z']);
    // Its process recorded a run for it: the interrupted run is retried instead.
    await harness.db.db.execute(sql`insert into sync_runs (organization_id, connection_id, trigger, mode, status, counts, owner)
      select organization_id, id, 'scheduled', 'full', 'interrupted', '{}'::jsonb, 'other-host:4242' from jamf_connections`);
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([]);
    // Released (a finished holder clears expires_at).
    await harness.db.db.execute(sql`delete from sync_runs`);
    await harness.db.db.execute(sql`update job_leases set expires_at = null`);
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([]);
    // A manual sync is the person's to ask again.
    await harness.db.db.execute(sql`update job_leases set expires_at = now() + interval '1 minute', holder = ${deadHolder()}, last_window = 'manual:abc'`);
    expect(await findAbandonedSyncWindows(harness.db.db)).toEqual([]);
  });
});
