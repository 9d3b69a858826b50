import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { JamfClient } from '../jamf/jamf-client';
import type { Logger } from '../logging/logger';
import type { RunIssue } from '../planner/plan-batch';
import { removalRefusalReason } from '../planner/removal-guard';
import type { SyncTarget } from '../connections/sync-target';

export interface RemovalResult {
  removed: Array<{ assetId: string; serialNumber: string; jamfId: string | null }>;
  warnings: RunIssue[];
  /** Set when too many devices would go: nothing is marked and the run fails with this reason. */
  refusedReason: string | null;
  /** Unseen assets still in Jamf but outside the connection's scope: not removed, not counted by the guard. */
  outOfScope: PresentAsset[];
}

export interface PresentAsset {
  id: string;
  serial_number: string;
  jamf_id: string | null;
  jamf_kind: 'computer' | 'mobile';
}

/**
 * R14, after a complete pass: an asset Jamf no longer lists is confirmed gone by a fetch by id
 * (404), then kept (never deleted, status untouched) and marked removed with the time. If more
 * than the connection's share of the fleet would go, nothing is marked (removalRefusalReason).
 */
export async function detectRemovedDevices(
  deps: { db: AppDatabase; client: JamfClient; logger: Logger },
  target: SyncTarget,
  seenSerials: ReadonlyMap<string, string>,
  options: {
    dryRun: boolean;
    runId: string | null;
    /** Ids of the unseen assets that are in Jamf but outside the scope (src/sync/scope-in-run.ts). */
    outsideScope?: (unseen: readonly PresentAsset[]) => Promise<ReadonlySet<string>>;
  },
): Promise<RemovalResult> {
  const { db, client } = deps;
  let candidates: PresentAsset[] = [];
  let fleet = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  // Keyset pages keep memory flat on large fleets.
  for (;;) {
    const rows = await selectRows<PresentAsset>(
      db,
      sql`select id, serial_number, jamf_id, jamf_kind from assets
          where organization_id = ${target.organizationId} and jamf_presence = 'present' and jamf_kind is not null and id > ${after}
          order by id limit 1000`,
    );
    if (!rows.length) break;
    fleet += rows.length;
    for (const row of rows) if (!seenSerials.has(row.serial_number)) candidates.push(row);
    after = rows[rows.length - 1].id;
  }
  const result: RemovalResult = { removed: [], warnings: [], refusedReason: null, outOfScope: [] };
  // Leaving the scope is not leaving Jamf: such assets are set aside before the guard counts.
  if (options.outsideScope && candidates.length) {
    const outside = await options.outsideScope(candidates);
    result.outOfScope = candidates.filter((c) => outside.has(c.id));
    candidates = candidates.filter((c) => !outside.has(c.id));
    fleet -= result.outOfScope.length;
  }
  if (!candidates.length) return result;

  result.refusedReason = removalRefusalReason({ missing: candidates.length, fleet, threshold: target.removalThreshold });
  if (result.refusedReason) return result;

  for (let i = 0; i < candidates.length; i += 20) {
    const chunk = candidates.slice(i, i + 20);
    const confirmed = await Promise.all(
      chunk.map(async (asset) => {
        if (!asset.jamf_id) return asset;
        const record = asset.jamf_kind === 'computer' ? await client.getComputer(asset.jamf_id) : await client.getMobileDevice(asset.jamf_id);
        return record === null ? asset : null;
      }),
    );
    for (const asset of confirmed) {
      if (!asset) continue;
      result.removed.push({ assetId: asset.id, serialNumber: asset.serial_number, jamfId: asset.jamf_id });
      result.warnings.push({
        code: 'removed_from_jamf',
        serialNumber: asset.serial_number,
        jamfId: asset.jamf_id,
        message: `Jamf no longer has this ${asset.jamf_kind === 'computer' ? 'computer' : 'mobile device'} (id ${asset.jamf_id} answers 404); the asset is kept and marked as removed from Jamf`,
      });
    }
  }

  if (!options.dryRun && result.removed.length) {
    const ids = JSON.stringify(result.removed.map((r) => ({ id: r.assetId })));
    await db.transaction(async (tx) => {
      await tx.execute(sql`update assets a set jamf_presence = 'removed', jamf_removed_at = now(), updated_at = now()
        from jsonb_to_recordset(${ids}::jsonb) as x(id uuid) where a.id = x.id`);
      await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
        select ${target.organizationId}, id, ${options.runId}, 'jamfPresence', '"present"'::jsonb, '"removed"'::jsonb
        from jsonb_to_recordset(${ids}::jsonb) as x(id uuid)`);
    });
  }
  return result;
}
