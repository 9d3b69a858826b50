import { sql } from 'drizzle-orm';
import type { RunTrigger } from './run-store';
import type { SyncTarget } from '../connections/sync-target';
import type { InvalidRecordReport } from '../jamf/record-validation';
import type { UnreadableDeviceReport } from '../jamf/jamf-client';
import { detectRemovedDevices } from './detect-removed-devices';
import type { RunReport } from './run-report';
import { SyncSession } from './sync-session';
import { selectRows } from '../db/query';
import type { RunIssue } from '../planner/plan-batch';
import { syncAllFileVaultKeys, syncDeviceFileVaultKeys } from './sync-filevault';
import { isCompleteRun, selectedKinds, selectionMode, serialFilter, type RunSelection } from './run-selection';
import type { SyncDeps } from './sync-deps';
import type { JamfDevice } from '../planner/jamf-device';
import { runFailureFor, type RunFailure } from '../runs/run-failure';
import { ScopeInRun, clearBackInScope, markOutOfScope } from './scope-in-run';

/** Devices written per transaction: fewer, larger statements than one page of 200 would give. */
const MIN_BATCH_SIZE = 500;

export interface FullSyncOptions {
  trigger: RunTrigger;
  dryRun?: boolean;
  /** Part of Jamf to read (serials, one device kind); everything when absent. */
  selection?: RunSelection;
  /** Called once the run row exists (null id for a dry run), e.g. to answer an API request early. */
  onStarted?: (runId: string | null) => void;
  /** When a scheduled run was due (recorded on the run, beside when it started). */
  dueAt?: string;
  /** Devices per transaction; default the larger of the page size and 500. */
  batchSize?: number;
  /** Called after each batch: pages read, devices so far, elapsed. */
  onProgress?: (progress: { kind: 'computer' | 'mobile'; pages: number; devices: number; elapsedMs: number }) => void;
}

/**
 * The nightly reconcile (and the on-demand sync): pages through every computer and mobile device,
 * plans each page with the same planner as the webhook worker, and applies it in one transaction
 * per page. After a complete pass it marks devices gone from Jamf (R14). A dry run plans
 * everything and writes nothing, not even a run row. With a selection it reads only the named
 * serials or one device kind (Jamf filters), and never marks anything removed.
 */
export async function runFullSync(deps: SyncDeps, target: SyncTarget, options: FullSyncOptions): Promise<RunReport> {
  const dryRun = options.dryRun ?? false;
  const log = deps.logger.child({ organization: target.organizationSlug, dryRun });
  const mode = selectionMode(options.selection ?? {});
  const session = new SyncSession(deps.db, target, { trigger: options.trigger, mode, dryRun, logger: log, dueAt: options.dueAt });
  await session.start();
  options.onStarted?.(session.runId);
  log.info({ runId: session.runId, trigger: options.trigger, mode }, `${mode} sync started`);

  try {
    return await session.finish(await readAndApply(deps, target, options, session));
  } catch (err) {
    // Whatever stopped the run unexpectedly (a database error, a bug) still ends its row as failed,
    // rather than leaving it "running" until another process marks it interrupted.
    log.error({ err, runId: session.runId }, 'full sync stopped by an unexpected error');
    if (!session.finished) return await session.finish(runFailureFor(err, 'the sync stopped unexpectedly'));
    throw err;
  } finally {
    session.stopHeartbeat();
  }
}

/** Reads all of Jamf into the run, then confirms removals; the run's failure, or null. */
async function readAndApply(deps: SyncDeps, target: SyncTarget, options: FullSyncOptions, session: SyncSession): Promise<RunFailure | null> {
  const dryRun = options.dryRun ?? false;
  const log = session.log;
  const began = Date.now();
  let failure: RunFailure | null = null;
  const onInvalidRecord = (report: InvalidRecordReport) =>
    session.reportError({
      code: 'invalid_record',
      serialNumber: null,
      jamfId: report.id,
      message: `Jamf sent a ${report.kind === 'computer' ? 'computer' : 'mobile device'} record that does not match its API schema; it was skipped (${summarizeIssues(report.issues)})`,
    });
  // R19 for a device Jamf cannot even send (500 for every page holding it): reported, the run goes
  // on, and this pass no longer counts as complete (the device was not seen, but is not gone).
  const unreadable: UnreadableDeviceReport[] = [];
  const onUnreadableDevice = (report: UnreadableDeviceReport) => void unreadable.push(report);
  // Writing a batch waits on the database; meanwhile the next batch is fetched, validated and
  // mapped. Batches are still applied one after another, so each plans against the rows the
  // previous one wrote.
  let applying: Promise<void> = Promise.resolve();
  const apply = async (batch: JamfDevice[]) => {
    await applying;
    applying = session.processBatch(batch);
    applying.catch(() => undefined); // surfaced by the next await; never an unhandled rejection
  };
  const batchSize = options.batchSize ?? Math.max(target.pageSize, MIN_BATCH_SIZE);
  const selection = options.selection ?? {};
  // Serial number → Jamf id of the computers read, for a serial run's unknown serials and FileVault keys.
  const fetched = { computer: new Map<string, string>(), mobile: new Map<string, string>() };
  // The connection's scope (src/scope/): Jamf filters what it can, the rest is checked per record.
  let scope: ScopeInRun | null = null;
  try {
    scope = await ScopeInRun.resolve(deps.client, target.deviceScope);
    for (const kind of selectedKinds(selection).filter((k) => scope!.includes(k))) {
      let pages = 0;
      let batch: JamfDevice[] = [];
      const filter = scope.jamfFilter(kind, serialFilter(kind, selection));
      const streamOptions = { pageSize: target.pageSize, filter, onPage: () => void pages++, onInvalidRecord, onUnreadableDevice };
      const stream = kind === 'computer' ? deps.client.streamComputers(streamOptions) : deps.client.streamMobileDevices(streamOptions);
      const progress = () => options.onProgress?.({ kind, pages, devices: session.counts.fetched, elapsedMs: Date.now() - began });
      for await (const record of stream) {
        if (!scope.keep(kind, record, recordId(record))) continue;
        // R19: one record that cannot be mapped is reported and skipped; the run goes on.
        try {
          const device = deps.mapDevice(kind, record, target);
          if (device.serialNumber) fetched[kind].set(device.serialNumber, device.jamfId);
          batch.push(device);
        } catch (err) {
          session.reportError({ code: 'record_unreadable', serialNumber: null, jamfId: recordId(record), message: (err as Error).message });
        }
        if (batch.length >= batchSize) {
          await apply(batch);
          batch = [];
          progress();
        }
      }
      await apply(batch);
      await applying;
      progress();
    }
  } catch (err) {
    await applying.catch((batchErr) => {
      // Usually the error just caught (a batch write stopped the sync); otherwise it would be lost.
      if (batchErr !== err) log.warn({ err: batchErr }, 'the batch being written when the sync stopped failed too');
    });
    failure = runFailureFor(err, 'the sync stopped before reading all of Jamf');
    log.error({ err }, 'full sync failed');
  }

  for (const report of unreadable) session.reportError(await unreadableDeviceIssue(deps, target, report));

  if (!failure && selection.serials?.length) await session.addWarnings(unknownSerialWarnings(selection.serials, fetched, !scope?.isEmpty));
  // Said only when asked for (--only): a scope that leaves a kind out is no news on every run.
  const leftOut = selection.only ? selectedKinds(selection).filter((k) => scope && !scope.includes(k)) : [];
  if (!failure && leftOut.length) {
    await session.addWarnings(
      leftOut.map((k) => ({
        code: 'kind_outside_scope',
        serialNumber: null,
        jamfId: null,
        message: `The connection's scope leaves out ${k === 'computer' ? 'computers' : 'mobile devices'}: none were read (see connections update --scope-kinds)`,
      })),
    );
  }
  // A device this run read is in scope, whatever the run: one marked out of scope is back.
  if (!failure) {
    const back = await clearBackInScope(deps.db, target.organizationId, session.seenInRun.keys(), { dryRun, runId: session.runId });
    session.counts.backInScope = back.length;
    for (const change of back) session.addChange(change);
  }

  if (!failure && target.fetchFileVaultKeys && selectedKinds(selection).includes('computer')) {
    if (selection.serials?.length) await syncDeviceFileVaultKeys(deps, session, [...fetched.computer.values()]);
    // A scoped run stores the keys of the computers it read only, not of those outside its scope.
    else await syncAllFileVaultKeys(deps, session, scope && !scope.isEmpty ? new Set(fetched.computer.values()) : undefined);
  }

  // R14: only a complete pass of everything may conclude that a device is gone; a partial run did
  // not look for the devices it leaves out, so it neither marks them nor trips the removal guard.
  if (!isCompleteRun(selection)) return failure;
  if (!failure && unreadable.length > 0) {
    await session.addWarnings([
      {
        code: 'removal_check_skipped',
        serialNumber: null,
        jamfId: null,
        message: `Jamf could not send ${unreadable.length} device(s), so this pass is incomplete: no device was marked removed from Jamf`,
      },
    ]);
  } else if (!failure) {
    try {
      const inRun = scope;
      const removal = await detectRemovedDevices({ db: deps.db, client: deps.client, logger: log }, target, session.seenInRun, {
        dryRun,
        runId: session.runId,
        outsideScope: inRun && !inRun.isEmpty ? (unseen) => inRun.outsideScope(deps.client, unseen) : undefined,
      });
      const left = await markOutOfScope(deps.db, target.organizationId, removal.outOfScope, { dryRun, runId: session.runId });
      session.counts.outOfScope = left.length;
      for (const change of left) session.addChange(change);
      session.counts.removed = removal.removed.length;
      await session.addWarnings(removal.warnings);
      for (const r of removal.removed) {
        session.addChange({ action: 'remove', serialNumber: r.serialNumber, jamfId: r.jamfId, field: 'jamfPresence', old: 'present', new: 'removed' });
      }
      if (removal.refusedReason) failure = { code: 'removal_guard_tripped', message: removal.refusedReason };
    } catch (err) {
      failure = runFailureFor(err, 'checking for devices removed from Jamf failed');
    }
  }
  return failure;
}

/** A serial asked for that Jamf does not have (of the kinds read): reported, the run goes on. */
function unknownSerialWarnings(serials: readonly string[], fetched: Record<'computer' | 'mobile', ReadonlyMap<string, string>>, scoped: boolean): RunIssue[] {
  return serials
    .filter((serial) => !fetched.computer.has(serial) && !fetched.mobile.has(serial))
    .map((serial) => ({
      code: 'serial_not_in_jamf',
      serialNumber: serial,
      jamfId: null,
      message: `Jamf Pro has no device with this serial number (of the kinds this run read${scoped ? ", within the connection's scope" : ''}); nothing was changed for it`,
    }));
}

function recordId(record: unknown): string | null {
  const r = record as { id?: unknown; mobileDeviceId?: unknown } | null;
  const id = r?.id ?? r?.mobileDeviceId;
  return id == null ? null : String(id);
}

function summarizeIssues(issues: InvalidRecordReport['issues']): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path || '(record)'}: ${i.message}`)
    .join('; ');
}

/** The run issue for a device Jamf answers 500 for, with its serial when an asset already has its Jamf id. */
async function unreadableDeviceIssue(deps: SyncDeps, target: SyncTarget, report: UnreadableDeviceReport): Promise<RunIssue> {
  const kind = report.kind === 'mobileDevice' ? 'mobile' : 'computer';
  const known = report.jamfId
    ? await selectRows<{ serial_number: string }>(
        deps.db,
        sql`select serial_number from assets where organization_id = ${target.organizationId} and jamf_id = ${report.jamfId} and jamf_kind = ${kind} limit 1`,
      )
    : [];
  const which = report.jamfId
    ? `id ${report.jamfId}`
    : `at position ${report.position} of the list (between ids ${report.previousId ?? '?'} and ${report.nextId ?? '?'})`;
  return {
    code: 'jamf_device_unreadable',
    serialNumber: known[0]?.serial_number ?? null,
    jamfId: report.jamfId,
    message:
      `Jamf Pro answers 500 for the ${kind === 'computer' ? 'computer' : 'mobile device'} ${which} on every page holding it, even alone; ` +
      'it was skipped and the other devices were synced. Open it in Jamf Pro: its inventory record may need repairing (Jamf Pro server logs name the failure).',
  };
}
