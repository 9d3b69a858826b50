import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { AssetFactColumns } from '../db/asset-fact-columns';

/** The columns of `assets` this read maps (`a.*` also brings ids and bookkeeping it leaves out). */
interface AssetRow extends AssetFactColumns {
  serial_number: string;
  jamf_id: string | null;
  asset_type: string;
  status: string;
  condition: string | null;
  location: string | null;
  assignee_email: string | null;
  jamf_presence: 'present' | 'removed' | null;
  jamf_removed_at: Date | string | null;
  out_of_scope_at: Date | string | null;
  updated_at: Date | string;
}

/**
 * Customer-facing asset reads: every asset field under the names `explain` uses, plus what the
 * inventory owns. Secure fields (R12) are never selected here.
 */
export async function listAssets(db: AppDatabase, organizationId: string, options: { limit: number; after?: string; serial?: string }) {
  const rows = await selectRows<AssetRow>(
    db,
    sql`select a.*, (select min(ee.email) from employee_emails ee where ee.employee_id = a.assignee_employee_id) as assignee_email
        from assets a
        where a.organization_id = ${organizationId}
          ${options.serial ? sql`and a.serial_number = ${options.serial.trim().toUpperCase()}` : sql``}
          ${options.after ? sql`and a.serial_number > ${options.after}` : sql``}
        order by a.serial_number limit ${options.limit}`,
  );
  return rows.map((a) => ({
    serialNumber: a.serial_number,
    jamfId: a.jamf_id,
    assetType: a.asset_type,
    make: a.make,
    model: a.model,
    modelIdentifier: a.model_identifier,
    modelNumber: a.model_number,
    displaySizeInches: a.display_size_inches === null ? null : Number(a.display_size_inches),
    releaseDate: a.release_date,
    color: a.color,
    keyboardLanguage: a.keyboard_language,
    imei: a.imei,
    memoryMb: a.memory_mb,
    processor: a.processor,
    processorFrequencyMhz: a.processor_frequency_mhz,
    storageMb: a.storage_mb === null ? null : Number(a.storage_mb),
    storageType: a.storage_type,
    operatingSystem: a.operating_system,
    status: a.status,
    condition: a.condition,
    location: a.location,
    assigneeEmail: a.assignee_email,
    jamfPresence: a.jamf_presence,
    jamfRemovedAt: a.jamf_removed_at ? new Date(a.jamf_removed_at).toISOString() : null,
    /** In Jamf but outside the connection's scope since then (not removed); null when in scope. */
    outOfScopeAt: a.out_of_scope_at ? new Date(a.out_of_scope_at).toISOString() : null,
    updatedAt: new Date(a.updated_at).toISOString(),
  }));
}
