import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/logger';
import type { AppDatabase } from '../db/open-database';
import { listConnections } from '../connections/connection-store';
import type { RunReport } from '../sync/run-report';
import { markInterruptedRuns } from '../sync/run-store';
import { findAbandonedSyncWindows } from '../leases/abandoned-sync-leases';
import { readConnectionStatuses } from '../runs/connection-status';
import type { RetryPolicy } from './retry-policy';
import { settledWithin } from '../service/settled-within';
import { nextWindow, windowDueAt } from './sync-queue';

/** What a scheduled run is, besides a cron window. */
export interface ScheduledRunKind {
  /** The first sync at start: runs only if the connection never completed one. */
  firstSync?: boolean;
  /** A retry of this failed or interrupted run: skipped if a newer full run exists. */
  retryOf?: string;
  /** When the window was due (its cron time plus the connection's spread offset, or when it was queued). */
  dueAt?: string;
}

export interface NightlySchedulerDeps {
  db: AppDatabase;
  logger: Logger;
  /** Runs one organization's scheduled sync for a window; null when another replica has it (or it is not needed). */
  runScheduledSync: (organizationSlug: string, window: string, kind?: ScheduledRunKind) => Promise<RunReport | null>;
  /** How often connection settings are re-read (schedules added, changed, disabled). */
  refreshMs?: number;
  /** Retries of full syncs that did not succeed; without it they wait for the next window. */
  retry?: RetryPolicy;
  /** Full syncs this scheduler runs at a time (SYNC_MAX_CONCURRENT); unbounded without it. */
  maxConcurrent?: number;
  /** Scheduled starts are spread over this many minutes after the cron time (SYNC_SPREAD_MINUTES); 0 or absent: off. */
  spreadMinutes?: number;
}

/** A window waiting in this process for a free slot. */
interface QueuedWindow {
  organization: string;
  window: string;
  kind: ScheduledRunKind;
  seq: number;
  settle: (report: RunReport | null) => void;
}

/**
 * node-cron fires each enabled connection's schedule in its time zone on every replica; the lease
 * inside runScheduledSync lets exactly one replica run each window. The window key is the fire
 * time to the minute, the same on every replica.
 *
 * At most maxConcurrent windows run at a time in this process; the others wait here, in the order
 * of nextWindow, and claim their lease only when a slot is free. So a busy replica never holds a
 * lease it cannot start, and a replica with free slots takes those windows meanwhile (when the
 * busy one's turn comes, it finds the window already run and moves on at once).
 */
export class NightlyScheduler {
  private tasks = new Map<string, { key: string; task: ScheduledTask }>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<unknown>>();
  /** Organizations with a first sync or a retry going in this process (not retried meanwhile). */
  private readonly catchingUp = new Set<string>();
  private stopped = false;
  private readonly waiting: QueuedWindow[] = [];
  private active = 0;
  private seq = 0;
  private pumping = false;
  /** Spread starts not yet due, cleared at stop (their windows then resolve null). */
  private readonly spreadTimers = new Map<NodeJS.Timeout, (report: RunReport | null) => void>();

  constructor(private readonly deps: NightlySchedulerDeps) {}

  async start(): Promise<void> {
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh().catch((err) => this.deps.logger.error({ err }, 'could not refresh schedules')), this.deps.refreshMs ?? 60_000);
    this.refreshTimer.unref();
    const retry = this.deps.retry;
    if (retry && retry.maxSeconds > 0) {
      // Checked a few times per shortest wait, at most every 15 s; each check is one query.
      const everyMs = Math.min(15_000, Math.max(1000, (retry.baseSeconds * 1000) / 4));
      this.retryTimer = setInterval(() => void this.retryDue().catch((err) => this.deps.logger.error({ err }, 'could not check for syncs to retry')), everyMs);
      this.retryTimer.unref();
    }
  }

  /** Schedules as they are now, for /readyz and logs. */
  schedules(): Array<{ organization: string; cron: string; timeZone: string; spreadMinutes: number; nextRun: string | null }> {
    return [...this.tasks.entries()].map(([slug, { key, task }]) => {
      const [cronExpr, timeZone, , ownSpread] = key.split('|');
      const spreadMinutes = ownSpread === '' ? (this.deps.spreadMinutes ?? 0) : Number(ownSpread);
      return { organization: slug, cron: cronExpr, timeZone, spreadMinutes, nextRun: task.getNextRun()?.toISOString() ?? null };
    });
  }

  async refresh(): Promise<void> {
    if (this.stopped) return;
    const rows = await listConnections(this.deps.db);
    const wanted = new Map(
      rows
        .filter((r) => r.connection.enabled)
        .map((r) => [r.organization.slug, `${r.connection.scheduleCron}|${r.connection.timeZone}|${r.connection.id}|${r.connection.spreadMinutes ?? ''}`]),
    );
    for (const [slug, entry] of this.tasks) {
      if (wanted.get(slug) !== entry.key) {
        await entry.task.destroy();
        this.tasks.delete(slug);
      }
    }
    for (const [slug, key] of wanted) {
      if (this.tasks.has(slug)) continue;
      const [expression, timezone, connectionId, ownSpread] = key.split('|');
      // The connection's own spread, else the service's (SYNC_SPREAD_MINUTES).
      const spreadMinutes = ownSpread === '' ? undefined : Number(ownSpread);
      if (!cron.validate(expression)) {
        this.deps.logger.error({ organization: slug, cron: expression }, 'invalid sync schedule; this connection is not scheduled');
        continue;
      }
      const task = cron.schedule(expression, (ctx) => void this.fireCronWindow(slug, connectionId, ctx.date, spreadMinutes), { timezone, name: `sync:${slug}` });
      this.tasks.set(slug, { key, task });
      this.deps.logger.info({ organization: slug, cron: expression, timeZone: timezone, nextRun: task.getNextRun()?.toISOString() }, 'sync scheduled');
    }
  }

  /**
   * A connection that never completed a full sync gets one now rather than at its next scheduled
   * time (a newly connected Jamf shows its devices at once). The window is named after the
   * connection's latest full run, the same on replicas starting together (one of them runs it),
   * and new after a run a crash cut short: a restart within the same minute completes it.
   */
  async startFirstSyncs(): Promise<void> {
    for (const status of await readConnectionStatuses(this.deps.db)) {
      if (status.enabled) void this.catchUp(status.organization, `first:${status.lastRun?.id ?? 'none'}`, { firstSync: true });
    }
  }

  /**
   * Tries again, with backoff, each connection whose latest full run failed or was interrupted
   * (the retry policy says when). One replica runs each retry: its window is the run it retries.
   * Runs left "running" by a process that is gone are marked interrupted first, so they are retried;
   * windows taken by a process that died before recording a run are run again (leases/abandoned-sync-leases.ts).
   */
  async retryDue(now = new Date()): Promise<void> {
    if (this.stopped || !this.deps.retry) return;
    await markInterruptedRuns(this.deps.db, now);
    // Windows whose holder died before recording a run have no run to retry: run them again here.
    for (const lost of await findAbandonedSyncWindows(this.deps.db, now)) {
      if (this.catchingUp.has(lost.organizationSlug)) continue;
      this.deps.logger.warn(
        { organization: lost.organizationSlug, window: lost.window, holder: lost.holder },
        'a sync window was taken by a process that stopped before it recorded its run; running it again',
      );
      void this.catchUp(lost.organizationSlug, `recover:${lost.window}`, {});
    }
    for (const status of await readConnectionStatuses(this.deps.db, { retry: this.deps.retry })) {
      const lastRun = status.lastRun;
      if (!lastRun || !status.nextRetryAt || Date.parse(status.nextRetryAt) > now.getTime()) continue;
      if (this.catchingUp.has(status.organization)) continue;
      this.deps.logger.info(
        { organization: status.organization, retryOf: lastRun.id, lastStatus: lastRun.status, errorCode: status.lastError?.code, attempt: status.unsuccessfulRuns + 1 },
        'retrying the full sync: its last run did not succeed',
      );
      void this.catchUp(status.organization, `retry:${lastRun.id}`, { retryOf: lastRun.id });
    }
  }

  private catchUp(organizationSlug: string, window: string, kind: ScheduledRunKind): Promise<RunReport | null> {
    this.catchingUp.add(organizationSlug);
    return this.fire(organizationSlug, window, kind).finally(() => this.catchingUp.delete(organizationSlug));
  }

  /** What this scheduler is doing: windows running, waiting for a slot, and not yet due (spread). */
  load(): { running: number; waiting: number; notYetDue: number; maxConcurrent: number | null } {
    return { running: this.active, waiting: this.waiting.length, notYetDue: this.spreadTimers.size, maxConcurrent: this.deps.maxConcurrent ?? null };
  }

  /**
   * A cron window fired: it is due after the connection's spread offset (within its own
   * `spreadMinutes` when it has one, else within SYNC_SPREAD_MINUTES). The window key stays the
   * cron time, the same on every replica, and so does the offset: every replica queues it at once.
   * (Cron calls this; tests call it directly.)
   */
  fireCronWindow(organizationSlug: string, connectionId: string, firedAt: Date, spreadMinutes?: number): Promise<RunReport | null> {
    const window = windowKey(firedAt);
    const dueAt = windowDueAt(window, connectionId, spreadMinutes ?? this.deps.spreadMinutes ?? 0);
    const waitMs = Date.parse(dueAt) - Date.now();
    if (waitMs <= 0) return this.fire(organizationSlug, window, { dueAt });
    return new Promise((settle) => {
      const timer = setTimeout(() => {
        this.spreadTimers.delete(timer);
        settle(this.fire(organizationSlug, window, { dueAt }));
      }, waitMs);
      this.spreadTimers.set(timer, settle);
    });
  }

  /**
   * Queues a window and runs it when a slot is free (cron calls this; tests call it directly).
   * Resolves with its report, or null when it did not run here (another replica had it, it was not
   * needed, the same organization already waits here, or the scheduler stopped first).
   */
  fire(organizationSlug: string, window: string, kind: ScheduledRunKind = {}): Promise<RunReport | null> {
    if (this.stopped) return Promise.resolve(null);
    if (this.waiting.some((w) => w.organization === organizationSlug)) {
      // One waiting window per organization is enough: when it runs, it syncs everything.
      this.deps.logger.info({ organization: organizationSlug, window }, 'a window of this organization already waits for a free slot; this one is skipped');
      return Promise.resolve(null);
    }
    const queued = new Promise<RunReport | null>((settle) => {
      this.waiting.push({ organization: organizationSlug, window, kind: { dueAt: new Date().toISOString(), ...kind }, seq: this.seq++, settle });
    });
    this.running.add(queued);
    void queued.finally(() => this.running.delete(queued));
    const max = this.deps.maxConcurrent ?? Number.POSITIVE_INFINITY;
    if (this.active >= max) {
      this.deps.logger.info(
        { organization: organizationSlug, window, running: this.active, waiting: this.waiting.length, maxConcurrent: max },
        'every sync slot of this replica is in use (SYNC_MAX_CONCURRENT); this window waits its turn, and a replica with a free slot may take it meanwhile',
      );
    }
    void this.pump();
    return queued;
  }

  /** Starts waiting windows while slots are free, the most overdue organization first. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // Read once per round of starts (one query), again only when a window arrived meanwhile.
      let lastSuccess = new Map<string, string | null>();
      while (!this.stopped && this.waiting.length > 0 && this.active < (this.deps.maxConcurrent ?? Number.POSITIVE_INFINITY)) {
        if (this.waiting.length > 1 && this.waiting.some((w) => !lastSuccess.has(w.organization))) lastSuccess = await this.lastSuccesses();
        const next = nextWindow(this.waiting.map((w) => ({ ...w, lastSuccessAt: lastSuccess.get(w.organization) ?? null })));
        if (!next || this.stopped) break;
        this.waiting.splice(this.waiting.findIndex((w) => w.seq === next.seq), 1);
        this.active++;
        void this.runWindow(next).then((report) => {
          this.active--;
          next.settle(report);
          void this.pump();
        });
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Each organization's last successful full sync, to order the waiting windows (arrival order if unreadable). */
  private async lastSuccesses(): Promise<Map<string, string | null>> {
    try {
      return new Map((await readConnectionStatuses(this.deps.db)).map((s) => [s.organization, s.lastSuccessAt]));
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not read the last successful syncs; waiting windows start in arrival order');
      return new Map();
    }
  }

  private runWindow({ organization: organizationSlug, window, kind }: QueuedWindow): Promise<RunReport | null> {
    const log = this.deps.logger.child({ organization: organizationSlug, window });
    return this.deps
      .runScheduledSync(organizationSlug, window, kind)
      .then((report) => {
        if (report) log.info({ runId: report.id, status: report.status }, 'scheduled sync finished');
        else log.info('scheduled sync window taken by another replica (or still running); skipped');
        return report;
      })
      .catch((err) => {
        log.error({ err }, 'scheduled sync failed');
        return null;
      });
  }

  /** Stops firing; waits for runs in progress up to timeoutMs (resolves false if one was still going). */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopped = true;
    clearInterval(this.refreshTimer);
    clearInterval(this.retryTimer);
    for (const [timer, settle] of this.spreadTimers) {
      clearTimeout(timer);
      settle(null);
    }
    this.spreadTimers.clear();
    // Windows still waiting never started: they resolve null, and another replica (or the next window) runs them.
    for (const w of this.waiting.splice(0)) w.settle(null);
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    return settledWithin(this.running, timeoutMs);
  }
}

/** The fire time to the minute: the same key on every replica for one window. */
function windowKey(date: Date): string {
  const d = new Date(date);
  d.setUTCSeconds(0, 0);
  return d.toISOString();
}
