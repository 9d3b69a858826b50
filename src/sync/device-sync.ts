import type { RunReport } from './run-report';
import type { SyncDeps } from './sync-deps';
import type { SyncTarget } from '../connections/sync-target';
import type { JamfDevice } from '../planner/jamf-device';
import { SyncSession } from './sync-session';
import { syncDeviceFileVaultKeys } from './sync-filevault';
import { ScopeInRun, clearBackInScope, markOutOfScope, type UnseenAsset } from './scope-in-run';
import { isEmptyScope } from '../scope/device-scope';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/query';

export interface DeviceRef {
  kind: 'computer' | 'mobile';
  jamfId: string;
}

export interface DeviceSyncResult {
  report: RunReport;
  /** Devices Jamf answered 404 for: left for the nightly run to confirm (R14), not retried. */
  notFound: DeviceRef[];
}

/**
 * Refreshes a few devices by id (the webhook worker's path): re-fetches each from Jamf (a webhook's
 * summary is never trusted as inventory), then plans and applies them with the same code as the
 * nightly run, recorded as one run.
 */
export async function syncDevices(
  deps: SyncDeps,
  target: SyncTarget,
  refs: readonly DeviceRef[],
  options: { trigger: 'webhook' | 'manual' },
): Promise<DeviceSyncResult> {
  const log = deps.logger.child({ organization: target.organizationSlug });
  const session = new SyncSession(deps.db, target, { trigger: options.trigger, mode: 'device', dryRun: false, logger: log });
  const fetched = await Promise.all(
    refs.map(async (ref) => ({
      ref,
      record: ref.kind === 'computer' ? await deps.client.getComputer(ref.jamfId) : await deps.client.getMobileDevice(ref.jamfId),
    })),
  );
  // A device outside the connection's scope is not synced from a webhook either (checked before the run starts).
  const outside = await devicesOutsideScope(deps, target, fetched);
  await session.start();
  try {
    const notFound: DeviceRef[] = [];
    const devices: JamfDevice[] = [];
    for (const { ref, record } of fetched) {
      if (record === null) {
        notFound.push(ref);
        continue;
      }
      if (outside.has(ref)) continue;
      try {
        devices.push(deps.mapDevice(ref.kind, record, target));
      } catch (err) {
        session.reportError({ code: 'record_unreadable', serialNumber: null, jamfId: ref.jamfId, message: (err as Error).message });
      }
    }
    await session.processBatch(devices);
    for (const change of await clearBackInScope(deps.db, target.organizationId, session.seenInRun.keys(), { dryRun: false, runId: session.runId })) session.addChange(change);
    if (outside.size) {
      const left = await markOutOfScope(deps.db, target.organizationId, await assetsOf(deps, target, [...outside]), { dryRun: false, runId: session.runId });
      for (const change of left) session.addChange(change);
    }
    if (target.fetchFileVaultKeys) {
      await syncDeviceFileVaultKeys(deps, session, devices.filter((d) => d.kind === 'computer').map((d) => d.jamfId));
    }
    if (notFound.length) {
      await session.addWarnings(
        notFound.map((ref) => ({
          code: 'device_not_found_in_jamf',
          serialNumber: null,
          jamfId: ref.jamfId,
          message: `Jamf has no ${ref.kind === 'computer' ? 'computer' : 'mobile device'} with id ${ref.jamfId} (404); the nightly sync will confirm whether it was removed`,
        })),
      );
    }
    return { report: await session.finish(null), notFound };
  } finally {
    session.stopHeartbeat();
  }
}

/** The fetched devices the connection's scope leaves out (kind, site, or Jamf's filter for that one id). */
async function devicesOutsideScope(
  deps: SyncDeps,
  target: SyncTarget,
  fetched: ReadonlyArray<{ ref: DeviceRef; record: unknown }>,
): Promise<Set<DeviceRef>> {
  const outside = new Set<DeviceRef>();
  if (isEmptyScope(target.deviceScope)) return outside;
  const scope = await ScopeInRun.resolve(deps.client, target.deviceScope);
  for (const { ref, record } of fetched) {
    if (record === null) continue;
    const keep = scope.includes(ref.kind) && scope.keep(ref.kind, record, ref.jamfId) && (await scope.jamfKeeps(deps.client, ref.kind, ref.jamfId));
    if (!keep) outside.add(ref);
  }
  return outside;
}

/** The present assets of these Jamf devices (a device never synced has none: nothing to mark). */
async function assetsOf(deps: SyncDeps, target: SyncTarget, refs: readonly DeviceRef[]): Promise<UnseenAsset[]> {
  const wanted = JSON.stringify(refs.map((r) => ({ kind: r.kind, id: r.jamfId })));
  return selectRows<UnseenAsset>(
    deps.db,
    sql`select a.id, a.serial_number, a.jamf_id, a.jamf_kind from assets a join jsonb_to_recordset(${wanted}::jsonb) as x(kind text, id text)
        on a.jamf_kind = x.kind and a.jamf_id = x.id
        where a.organization_id = ${target.organizationId} and a.jamf_presence = 'present'`,
  );
}
