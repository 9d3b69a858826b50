import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import type { RunCounts } from '../db/schema';
import type { JamfClient } from '../jamf/jamf-client';
import type { Logger } from '../logging/logger';
import type { JamfDevice } from './jamf-device';
import { loadPlanContext } from './load-plan-context';
import { planBatch, type RunIssue } from './plan-batch';
import { applyBatch } from './apply-batch';
import { addPlanToCounts, emptyCounts } from './run-tally';
import { addRunEvents, createRun, finishRun, markInterruptedRuns, saveRunProgress, type RunTrigger } from './run-store';
import type { SyncTarget } from './sync-target';
import { detectRemovedDevices } from './detect-removed-devices';
import type { PlannedChange, RunReport } from './run-report';

export type DeviceMapper = (kind: 'computer' | 'mobile', record: unknown, target: SyncTarget) => JamfDevice;

export interface FullSyncDeps {
  db: AppDatabase;
  client: JamfClient;
  logger: Logger;
  mapDevice: DeviceMapper;
}

export interface FullSyncOptions {
  trigger: RunTrigger;
  dryRun?: boolean;
  /** Called after each batch: pages read, devices so far, elapsed. */
  onProgress?: (progress: { kind: 'computer' | 'mobile'; pages: number; devices: number; elapsedMs: number }) => void;
}

const REPORT_LIMIT = 1000;

/**
 * The nightly reconcile (and the on-demand sync): pages through every computer and mobile device,
 * plans each page with the same planner as the webhook worker, and applies it in one transaction
 * per page. After a complete pass it marks devices gone from Jamf (R14). A dry run plans
 * everything and writes nothing, not even a run row.
 */
export async function runFullSync(deps: FullSyncDeps, target: SyncTarget, options: FullSyncOptions): Promise<RunReport> {
  const { db, client, logger } = deps;
  const dryRun = options.dryRun ?? false;
  const counts = emptyCounts();
  const warnings: RunIssue[] = [];
  const errors: RunIssue[] = [];
  let errorCount = 0;
  /** Errors not yet stored; flushed with the next batch so memory stays flat on a bad day. */
  let pendingErrors: RunIssue[] = [];
  const reportError = (issue: RunIssue) => {
    errorCount++;
    pushLimited(errors, issue);
    pendingErrors.push(issue);
  };
  const changes: PlannedChange[] = [];
  const seenInRun = new Map<string, string>();
  const startedAt = new Date().toISOString();
  const log = logger.child({ organization: target.organizationSlug, dryRun });

  if (!dryRun) await markInterruptedRuns(db);
  const run = dryRun
    ? { id: null, startedAt }
    : await createRun(db, { organizationId: target.organizationId, connectionId: target.connectionId, trigger: options.trigger, mode: 'full', counts });
  log.info({ runId: run.id, trigger: options.trigger }, 'full sync started');

  // Dry runs write nothing, so later pages must see what earlier pages would have created.
  const plannedEmployeeEmails = new Map<string, string>();
  const plannedEmployeeNames = new Map<string, number>();

  /**
   * R19: if a batch cannot be written (one record the database refuses), it is retried device by
   * device so that only the bad record is reported and the rest lands.
   */
  const processBatch = async (devices: JamfDevice[]) => {
    if (!devices.length) return;
    counts.fetched += devices.length;
    try {
      await planAndApply(devices);
    } catch (err) {
      if (dryRun) throw err;
      const notSaved = (d: JamfDevice, e: unknown) =>
        reportError({ code: 'device_not_saved', serialNumber: d.serialNumber, jamfId: d.jamfId, message: `could not be saved: ${(e as Error).message}` });
      if (devices.length === 1) return notSaved(devices[0], err);
      log.warn({ err }, 'a batch could not be written; retrying its devices one by one');
      for (const device of devices) await planAndApply([device]).catch((e) => notSaved(device, e));
    }
  };

  const planAndApply = async (devices: JamfDevice[]) => {
    const work = async (tx: Pick<AppDatabase, 'execute'>) => {
      if (!dryRun) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${target.organizationId}))`);
      let ctx = await loadPlanContext(tx, target.organizationId, devices, target, seenInRun);
      if (dryRun) {
        const names = new Map(ctx.employeeCountByName);
        for (const [name, n] of plannedEmployeeNames) names.set(name, (names.get(name) ?? 0) + n);
        ctx = { ...ctx, employeeIdByEmail: new Map([...plannedEmployeeEmails, ...ctx.employeeIdByEmail]), employeeCountByName: names };
      }
      const plan = planBatch(devices, ctx);
      // Counted on a copy: a batch whose transaction fails is retried and must not count twice.
      const next = structuredClone(counts);
      addPlanToCounts(next, plan);
      const flushed = pendingErrors;
      if (!dryRun) {
        await applyBatch(tx, plan, { organizationId: target.organizationId, runId: run.id });
        await addRunEvents(tx, run.id!, 'warning', plan.warnings);
        await addRunEvents(tx, run.id!, 'error', flushed);
        next.errors = errorCount;
        await saveRunProgress(tx, run.id!, next);
      }
      return { plan, next, flushed };
    };
    const { plan, next, flushed } = dryRun ? await work(db) : await db.transaction((tx) => work(tx));
    Object.assign(counts, next);
    pendingErrors = pendingErrors.filter((e) => !flushed.includes(e));
    if (dryRun) {
      for (const e of plan.newEmployees) {
        plannedEmployeeEmails.set(e.normalizedEmail, `planned:${e.normalizedEmail}`);
        plannedEmployeeNames.set(e.normalizedName, (plannedEmployeeNames.get(e.normalizedName) ?? 0) + 1);
      }
    }
    for (const [serial, jamfId] of plan.seen) if (!seenInRun.has(serial)) seenInRun.set(serial, jamfId);
    for (const w of plan.warnings) pushLimited(warnings, w);
    for (const c of plan.creates) pushLimited(changes, { action: 'create', serialNumber: c.serialNumber, jamfId: c.jamfId, assetType: c.assetType });
    for (const u of plan.updates) {
      for (const c of u.changes) pushLimited(changes, { action: 'update', serialNumber: u.serialNumber, jamfId: u.jamfId, field: c.field, old: c.old, new: c.new });
    }
  };

  const began = Date.now();
  let complete = true;
  let failureReason: string | null = null;
  let removalWarnings = 0;
  try {
    for (const kind of ['computer', 'mobile'] as const) {
      let pages = 0;
      let batch: JamfDevice[] = [];
      const stream =
        kind === 'computer'
          ? client.streamComputers({ pageSize: target.pageSize, onPage: () => void pages++, onInvalidRecord: (r) => recordInvalid(r) })
          : client.streamMobileDevices({ pageSize: target.pageSize, onPage: () => void pages++, onInvalidRecord: (r) => recordInvalid(r) });
      for await (const record of stream) {
        // R19: one record that cannot be mapped is reported and skipped; the run goes on.
        try {
          batch.push(deps.mapDevice(kind, record, target));
        } catch (err) {
          const id = (record as { id?: unknown; mobileDeviceId?: unknown }).id ?? (record as { mobileDeviceId?: unknown }).mobileDeviceId;
          reportError({ code: 'record_unreadable', serialNumber: null, jamfId: id == null ? null : String(id), message: (err as Error).message });
        }
        if (batch.length >= target.pageSize) {
          await processBatch(batch);
          batch = [];
          options.onProgress?.({ kind, pages, devices: counts.fetched, elapsedMs: Date.now() - began });
        }
      }
      await processBatch(batch);
      options.onProgress?.({ kind, pages, devices: counts.fetched, elapsedMs: Date.now() - began });
    }
  } catch (err) {
    complete = false;
    failureReason = `the sync stopped: ${(err as Error).message}`;
    log.error({ err }, 'full sync failed');
  }

  function recordInvalid(report: { kind: string; id: string | null; issues: unknown }) {
    reportError({
      code: 'invalid_record',
      serialNumber: null,
      jamfId: report.id,
      message: `Jamf sent a ${report.kind} record that does not match its API schema; it was skipped (${summarizeIssues(report.issues)})`,
    });
  }

  // R14: only a complete pass may conclude that a device is gone.
  if (complete) {
    try {
      const removal = await detectRemovedDevices({ db, client, logger: log }, target, seenInRun, { dryRun, runId: run.id });
      counts.removed = removal.removed.length;
      for (const w of removal.warnings) pushLimited(warnings, w);
      removalWarnings = removal.warnings.length;
      if (!dryRun) await addRunEvents(db, run.id!, 'warning', removal.warnings);
      for (const r of removal.removed) pushLimited(changes, { action: 'remove', serialNumber: r.serialNumber, jamfId: r.jamfId, field: 'jamfPresence', old: 'present', new: 'removed' });
      if (removal.refusedReason) failureReason = removal.refusedReason;
    } catch (err) {
      failureReason = `checking for devices removed from Jamf failed: ${(err as Error).message}`;
    }
  }

  counts.errors = errorCount;
  counts.warnings += removalWarnings;
  const status = failureReason ? 'failed' : errorCount ? 'partial' : 'succeeded';
  let finishedAt = new Date().toISOString();
  if (!dryRun) {
    await addRunEvents(db, run.id!, 'error', pendingErrors);
    finishedAt = await finishRun(db, run.id!, { status, counts, failureReason });
  }
  log.info({ runId: run.id, status, counts, failureReason }, 'full sync finished');
  return {
    id: run.id,
    organization: target.organizationSlug,
    trigger: options.trigger,
    mode: dryRun ? 'dry_run' : 'full',
    status,
    startedAt: run.startedAt,
    finishedAt,
    failureReason,
    counts: counts as RunCounts,
    warnings,
    errors,
    changes,
    changesTruncated: changes.length >= REPORT_LIMIT,
  };
}

/** Reports list at most REPORT_LIMIT items of each kind; counts and the database keep them all. */
function pushLimited<T>(list: T[], item: T): void {
  if (list.length < REPORT_LIMIT) list.push(item);
}

function summarizeIssues(issues: unknown): string {
  if (!Array.isArray(issues)) return 'invalid';
  return issues
    .slice(0, 3)
    .map((i: { path?: unknown[]; message?: string }) => `${(i.path ?? []).join('.') || '(record)'}: ${i.message ?? 'invalid'}`)
    .join('; ');
}
