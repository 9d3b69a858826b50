import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import type { JamfDevice } from '../planner/jamf-device';
import { loadPlanContext } from './load-plan-context';
import { planBatch, type BatchPlan, type NamedEmployee, type RunIssue } from '../planner/plan-batch';
import { applyBatch } from './apply-batch';
import { addPlanToCounts, emptyCounts } from './run-tally';
import { addRunEvents, createRun, finishRun, markInterruptedRuns, saveRunProgress, type RunMode, type RunTrigger } from './run-store';
import type { SyncTarget } from '../connections/sync-target';
import type { PlannedChange, RunReport } from './run-report';
import { reportFinishedRun } from './run-events';
import { PLANNED_EMPLOYEE_PREFIX, PreviewPeopleCollector } from './preview-people';
import type { RunFailure } from '../runs/run-failure';
import { describeScope } from '../scope/device-scope';
import { enqueueRunNotification } from '../notifications/enqueue-run-notification';

/** Reports list at most this many warnings, errors and changes; counts and the database keep them all. */
const REPORT_LIMIT = 1000;
/** Well under RUN_STALE_AFTER_MS (2 minutes). */
const HEARTBEAT_MS = 30_000;

/**
 * One run, full or per device: it owns the run row, the counts, and the plan-then-apply loop that
 * the nightly reconciler and the webhook worker share. Each batch is planned and applied in one
 * transaction under a per-organization lock, so concurrent runs of one organization (a webhook
 * during the nightly run, several replicas) never plan against rows another is writing.
 */
export class SyncSession {
  readonly counts = emptyCounts();
  readonly warnings: RunIssue[] = [];
  readonly errors: RunIssue[] = [];
  readonly changes: PlannedChange[] = [];
  /** serial → Jamf id, for every device seen in this run (R13 across batches, R14). */
  readonly seenInRun = new Map<string, string>();
  runId: string | null = null;
  /** Set once finish() was called, so a failure while finishing is not finished twice. */
  finished = false;
  private startedAt = new Date().toISOString();
  private errorCount = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Errors not stored yet; they go with the next batch's transaction so memory stays flat. */
  private pendingErrors: RunIssue[] = [];
  // A dry run writes nothing, so later batches must see what earlier ones would have created.
  private readonly plannedEmployeeEmails = new Map<string, string>();
  private readonly plannedEmployeeNames = new Map<string, NamedEmployee[]>();
  /** A dry run's people (R10 before it happens): the preview's lists. Unused by a real run. */
  private readonly people = new PreviewPeopleCollector();

  constructor(
    private readonly db: AppDatabase,
    readonly target: SyncTarget,
    readonly options: { trigger: RunTrigger; mode: RunMode; dryRun: boolean; logger: Logger; dueAt?: string },
  ) {}

  get log(): Logger {
    return this.options.logger;
  }

  async start(): Promise<void> {
    if (this.options.dryRun) return;
    await markInterruptedRuns(this.db);
    const run = await createRun(this.db, {
      organizationId: this.target.organizationId,
      connectionId: this.target.connectionId,
      trigger: this.options.trigger,
      mode: this.options.mode,
      counts: this.counts,
      dueAt: this.options.dueAt,
      scope: this.target.deviceScope ?? {},
    });
    this.runId = run.id;
    this.startedAt = run.startedAt;
    // Phases without batches (FileVault keys, confirming removals) can outlast the staleness limit;
    // the heartbeat keeps other processes from taking this live run for a dead one.
    this.heartbeat = setInterval(() => {
      void this.db.execute(sql`update sync_runs set heartbeat_at = now() where id = ${run.id} and status = 'running'`).catch((err) =>
        this.log.warn({ err, runId: run.id }, 'could not record the run heartbeat (database unreachable?); if it keeps failing, another process may mark this run interrupted'),
      );
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  reportError(issue: RunIssue): void {
    this.errorCount++;
    pushLimited(this.errors, issue);
    this.pendingErrors.push(issue);
  }

  async addWarnings(issues: RunIssue[]): Promise<void> {
    this.counts.warnings += issues.length;
    for (const w of issues) pushLimited(this.warnings, w);
    if (this.runId) await addRunEvents(this.db, this.runId, 'warning', issues);
  }

  addChange(change: PlannedChange): void {
    pushLimited(this.changes, change);
  }

  /**
   * Plans and applies one batch. R19: if the batch cannot be written (a record the database
   * refuses), it is retried device by device so only the bad record is reported and the rest lands.
   */
  async processBatch(devices: JamfDevice[]): Promise<void> {
    if (!devices.length) return;
    this.counts.fetched += devices.length;
    try {
      await this.planAndApply(devices);
    } catch (err) {
      if (this.options.dryRun) throw err;
      const notSaved = (d: JamfDevice, e: unknown) =>
        this.reportError({ code: 'device_not_saved', serialNumber: d.serialNumber, jamfId: d.jamfId, message: `could not be saved: ${(e as Error).message}` });
      if (devices.length === 1) return notSaved(devices[0], err);
      this.log.warn({ err }, 'a batch could not be written; retrying its devices one by one');
      for (const device of devices) await this.planAndApply([device]).catch((e) => notSaved(device, e));
    }
  }

  private async planAndApply(devices: JamfDevice[]): Promise<void> {
    const { dryRun } = this.options;
    const work = async (tx: Pick<AppDatabase, 'execute'>) => {
      if (!dryRun) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${this.target.organizationId}))`);
      const ctx = await loadPlanContext(tx, this.target.organizationId, devices, this.target, this.seenInRun);
      const plan = planBatch(devices, dryRun ? this.withPlannedEmployees(ctx) : ctx);
      // Counted on a copy: a batch whose transaction fails is retried and must not count twice.
      const next = structuredClone(this.counts);
      addPlanToCounts(next, plan);
      const flushed = this.pendingErrors;
      if (!dryRun) {
        await applyBatch(tx, plan, { organizationId: this.target.organizationId, runId: this.runId });
        await addRunEvents(tx, this.runId!, 'warning', plan.warnings);
        await addRunEvents(tx, this.runId!, 'error', flushed);
        next.errors = this.errorCount;
        await saveRunProgress(tx, this.runId!, next);
      }
      return { plan, next, flushed };
    };
    const { plan, next, flushed } = dryRun ? await work(this.db) : await this.db.transaction((tx) => work(tx));
    Object.assign(this.counts, next);
    this.pendingErrors = this.pendingErrors.filter((e) => !flushed.includes(e));
    this.record(plan);
  }

  private withPlannedEmployees(ctx: Awaited<ReturnType<typeof loadPlanContext>>) {
    const names = new Map(ctx.employeesByNameKey);
    for (const [key, planned] of this.plannedEmployeeNames) names.set(key, [...(names.get(key) ?? []), ...planned]);
    return { ...ctx, employeeIdByEmail: new Map([...this.plannedEmployeeEmails, ...ctx.employeeIdByEmail]), employeesByNameKey: names };
  }

  private record(plan: BatchPlan): void {
    for (const [serial, jamfId] of plan.seen) if (!this.seenInRun.has(serial)) this.seenInRun.set(serial, jamfId);
    for (const w of plan.warnings) pushLimited(this.warnings, w);
    for (const c of plan.creates) this.addChange({ action: 'create', serialNumber: c.serialNumber, jamfId: c.jamfId, assetType: c.assetType });
    for (const u of plan.updates) {
      for (const c of u.changes) this.addChange({ action: 'update', serialNumber: u.serialNumber, jamfId: u.jamfId, field: c.field, old: c.old, new: c.new });
    }
    if (this.options.dryRun) {
      this.people.add(plan);
      for (const e of plan.newEmployees) {
        this.plannedEmployeeEmails.set(e.normalizedEmail, `${PLANNED_EMPLOYEE_PREFIX}${e.normalizedEmail}`);
        this.plannedEmployeeNames.set(e.nameKey, [...(this.plannedEmployeeNames.get(e.nameKey) ?? []), { email: e.email, firstName: e.firstName, lastName: e.lastName }]);
      }
    }
  }

  /** Stops the heartbeat; a run left "running" is then marked interrupted by the next start. */
  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  async finish(failure: RunFailure | null): Promise<RunReport> {
    this.finished = true;
    this.stopHeartbeat();
    this.counts.errors = this.errorCount;
    const status = failure ? 'failed' : this.errorCount ? 'partial' : 'succeeded';
    const failureReason = failure?.message ?? null;
    let finishedAt = new Date().toISOString();
    if (this.runId) {
      await addRunEvents(this.db, this.runId, 'error', this.pendingErrors);
      this.pendingErrors = [];
      finishedAt = await finishRun(this.db, this.runId, { status, counts: this.counts, failure });
      reportFinishedRun({ organization: this.target.organizationSlug, trigger: this.options.trigger, status, counts: this.counts });
      // After the run row is finished, never instead of it: this logs its own failures.
      await enqueueRunNotification(this.db, this.log, {
        organizationId: this.target.organizationId,
        organizationSlug: this.target.organizationSlug,
        connectionId: this.target.connectionId,
        runId: this.runId,
        trigger: this.options.trigger,
        mode: this.options.mode,
        status,
        startedAt: this.startedAt,
        finishedAt,
        counts: this.counts,
        failure,
      });
    }
    this.log.info({ runId: this.runId, status, counts: this.counts, failureReason, errorCode: failure?.code }, `${this.options.mode} sync finished`);
    return {
      id: this.runId,
      organization: this.target.organizationSlug,
      trigger: this.options.trigger,
      mode: this.options.dryRun ? 'dry_run' : this.options.mode,
      status,
      startedAt: this.startedAt,
      finishedAt,
      failureReason,
      errorCode: failure?.code ?? null,
      counts: this.counts,
      warnings: this.warnings,
      errors: this.errors,
      changes: this.changes,
      scope: this.target.deviceScope ?? {},
      scopeDescription: describeScope(this.target.deviceScope),
      changesTruncated: this.changes.length >= REPORT_LIMIT,
      ...(this.options.dryRun ? { people: this.people.result() } : {}),
    };
  }
}

function pushLimited<T>(list: T[], item: T): void {
  if (list.length < REPORT_LIMIT) list.push(item);
}
