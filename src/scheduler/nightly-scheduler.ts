import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/logger';
import type { AppDatabase } from '../db/open-database';
import { listConnections } from '../connections/connection-store';
import type { RunReport } from '../sync/run-report';
import { settledWithin } from '../service/settled-within';

export interface NightlySchedulerDeps {
  db: AppDatabase;
  logger: Logger;
  /**
   * Runs one organization's scheduled sync for a window; null when another replica has it.
   * `firstSync` asks for a run only if the connection never completed one.
   */
  runScheduledSync: (organizationSlug: string, window: string, firstSync?: boolean) => Promise<RunReport | null>;
  /** How often connection settings are re-read (schedules added, changed, disabled). */
  refreshMs?: number;
}

/**
 * node-cron fires each enabled connection's schedule in its time zone on every replica; the lease
 * inside runScheduledSync lets exactly one replica run each window. The window key is the fire
 * time to the minute, the same on every replica.
 */
export class NightlyScheduler {
  private tasks = new Map<string, { key: string; task: ScheduledTask }>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: NightlySchedulerDeps) {}

  async start(): Promise<void> {
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh().catch((err) => this.deps.logger.error({ err }, 'could not refresh schedules')), this.deps.refreshMs ?? 60_000);
    this.refreshTimer.unref();
  }

  /** Schedules as they are now, for /readyz and logs. */
  schedules(): Array<{ organization: string; cron: string; timeZone: string; nextRun: string | null }> {
    return [...this.tasks.entries()].map(([slug, { key, task }]) => {
      const [cronExpr, timeZone] = key.split('|');
      return { organization: slug, cron: cronExpr, timeZone, nextRun: task.getNextRun()?.toISOString() ?? null };
    });
  }

  async refresh(): Promise<void> {
    if (this.stopped) return;
    const rows = await listConnections(this.deps.db);
    const wanted = new Map(
      rows.filter((r) => r.connection.enabled).map((r) => [r.organization.slug, `${r.connection.scheduleCron}|${r.connection.timeZone}`]),
    );
    for (const [slug, entry] of this.tasks) {
      if (wanted.get(slug) !== entry.key) {
        await entry.task.destroy();
        this.tasks.delete(slug);
      }
    }
    for (const [slug, key] of wanted) {
      if (this.tasks.has(slug)) continue;
      const [expression, timezone] = key.split('|');
      if (!cron.validate(expression)) {
        this.deps.logger.error({ organization: slug, cron: expression }, 'invalid sync schedule; this connection is not scheduled');
        continue;
      }
      const task = cron.schedule(expression, (ctx) => this.fire(slug, windowKey(ctx.date)), { timezone, name: `sync:${slug}` });
      this.tasks.set(slug, { key, task });
      this.deps.logger.info({ organization: slug, cron: expression, timeZone: timezone, nextRun: task.getNextRun()?.toISOString() }, 'sync scheduled');
    }
  }

  /**
   * A connection that never completed a full sync gets one now rather than at its next scheduled
   * time (a newly connected Jamf shows its devices at once).
   */
  async startFirstSyncs(now = new Date()): Promise<void> {
    const rows = await listConnections(this.deps.db);
    for (const { organization, connection } of rows) {
      if (connection.enabled) void this.fire(organization.slug, `first:${windowKey(now)}`, true);
    }
  }

  /** Runs a scheduled window now (cron calls this; tests call it directly). */
  fire(organizationSlug: string, window: string, firstSync = false): Promise<RunReport | null> {
    const log = this.deps.logger.child({ organization: organizationSlug, window });
    const run = this.deps
      .runScheduledSync(organizationSlug, window, firstSync)
      .then((report) => {
        if (report) log.info({ runId: report.id, status: report.status }, 'scheduled sync finished');
        else log.info('scheduled sync window taken by another replica (or still running); skipped');
        return report;
      })
      .catch((err) => {
        log.error({ err }, 'scheduled sync failed');
        return null;
      });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  /** Stops firing; waits for runs in progress up to timeoutMs (resolves false if one was still going). */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopped = true;
    clearInterval(this.refreshTimer);
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
