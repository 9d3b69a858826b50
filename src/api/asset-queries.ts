import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { AssetFactColumns } from '../db/asset-fact-columns';
import { normalizeEmail } from '../planner/people';

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

export interface AssetFilter {
  /** Only the asset of this serial number. */
  serial?: string;
  /** Serial numbers starting with this. */
  serialPrefix?: string;
  type?: string;
  /** Jamf presence: still in Jamf, or gone from it (R14); assets Jamf never had match neither. */
  presence?: 'present' | 'removed';
  /** Changed (by a sync or an import) at or after this time. */
  updatedSince?: Date;
  /** Assigned to the employee holding this email (compared as emails are keyed: case, plus tag). */
  assigneeEmail?: string;
  /** Assigned to this employee (an id checked to be a UUID by the caller). */
  assigneeEmployeeId?: string;
}

/**
 * Customer-facing asset reads: every asset field under the names `explain` uses, plus what the
 * inventory owns, by serial number from `after` (the previous page's last serial). Secure fields
 * (R12) are never selected here.
 */
export async function listAssets(db: AppDatabase, organizationId: string, options: AssetFilter & { limit: number; after?: string }) {
  const upper = (serial: string) => serial.trim().toUpperCase();
  const email = options.assigneeEmail === undefined ? null : (normalizeEmail(options.assigneeEmail) ?? '');
  const rows = await selectRows<AssetRow>(
    db,
    sql`select a.*, (select min(ee.email) from employee_emails ee where ee.employee_id = a.assignee_employee_id) as assignee_email
        from assets a
        where a.organization_id = ${organizationId}
          ${options.serial ? sql`and a.serial_number = ${upper(options.serial)}` : sql``}
          ${options.serialPrefix ? sql`and starts_with(a.serial_number, ${upper(options.serialPrefix)})` : sql``}
          ${options.type ? sql`and a.asset_type = ${options.type}` : sql``}
          ${options.presence ? sql`and a.jamf_presence = ${options.presence}` : sql``}
          ${options.updatedSince ? sql`and a.updated_at >= ${options.updatedSince.toISOString()}::timestamptz` : sql``}
          ${email === null ? sql`` : sql`and a.assignee_employee_id in (select ee.employee_id from employee_emails ee where ee.organization_id = ${organizationId} and ee.normalized_email = ${email})`}
          ${options.assigneeEmployeeId ? sql`and a.assignee_employee_id = ${options.assigneeEmployeeId}::uuid` : sql``}
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
