import type { RunReport } from './run-report';
import type { SyncDeps } from './sync-deps';
import type { SyncTarget } from '../connections/sync-target';
import type { JamfDevice } from '../planner/jamf-device';
import { SyncSession } from './sync-session';
import { syncDeviceFileVaultKeys } from './sync-filevault';

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
  await session.start();
  try {
    const notFound: DeviceRef[] = [];
    const devices: JamfDevice[] = [];
    for (const { ref, record } of fetched) {
      if (record === null) {
        notFound.push(ref);
        continue;
      }
      try {
        devices.push(deps.mapDevice(ref.kind, record, target));
      } catch (err) {
        session.reportError({ code: 'record_unreadable', serialNumber: null, jamfId: ref.jamfId, message: (err as Error).message });
      }
    }
    await session.processBatch(devices);
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
