import { sql } from 'drizzle-orm';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import type { AssetFactColumns } from '../db/asset-fact-columns';
import type { JamfDevice } from '../planner/jamf-device';
import type { ExistingAsset, NamedEmployee, PlanContext } from '../planner/plan-batch';
import { employeeName, normalizeEmail, personNameKey } from '../planner/people';
import type { JamfOwnedValues } from '../planner/jamf-owned-fields';

export interface ConnectionPolicy {
  employeePolicy: 'create' | 'hold';
  ignoreList: readonly string[];
  deriveNamesFromEmail: boolean;
}

/**
 * Reads, in three queries whatever the batch size, the rows a batch of devices touches: their
 * assets by serial, employees by email, and employees by name key with their first email (for R10).
 */
export async function loadPlanContext(
  db: Executor,
  organizationId: string,
  devices: readonly JamfDevice[],
  policy: ConnectionPolicy,
  seenInRun: ReadonlyMap<string, string>,
): Promise<PlanContext> {
  const serials = unique(devices.map((d) => d.serialNumber));
  const emails = unique(devices.map((d) => normalizeEmail(d.assignee?.email)));
  const names = unique(
    devices.map((d) => {
      const name = d.assignee?.email ? employeeName({ ...d.assignee, email: d.assignee.email }, policy.deriveNamesFromEmail) : null;
      return name && personNameKey(name.firstName, name.lastName);
    }),
  );
  // One after another: inside a transaction they share one connection, which runs one query at a time.
  const assetRows = serials.length ? await selectAssetsBySerial(db, organizationId, serials) : [];
  const emailRows = emails.length
    ? await selectRows<{ normalized_email: string; employee_id: string }>(
        db,
        sql`select normalized_email, employee_id from employee_emails
            where organization_id = ${organizationId} and normalized_email = any(${pgTextArray(emails)}::text[])`,
      )
    : [];
  const nameRows = names.length
    ? await selectRows<{ name_key: string; email: string | null; id: string; first_name: string; last_name: string }>(
        db,
        sql`select e.name_key, e.id, e.first_name, e.last_name,
              (select ee.email from employee_emails ee where ee.employee_id = e.id order by ee.created_at, ee.email limit 1) as email
            from employees e
            where e.organization_id = ${organizationId} and e.name_key = any(${pgTextArray(names)}::text[])`,
      )
    : [];
  const employeesByNameKey = new Map<string, NamedEmployee[]>();
  for (const r of nameRows) {
    employeesByNameKey.set(r.name_key, [...(employeesByNameKey.get(r.name_key) ?? []), { email: r.email ?? '(no email)', employeeId: r.id, firstName: r.first_name, lastName: r.last_name }]);
  }
  return {
    employeePolicy: policy.employeePolicy,
    ignoreList: policy.ignoreList,
    assetsBySerial: new Map(assetRows.map((a) => [a.serialNumber, a])),
    employeeIdByEmail: new Map(emailRows.map((r) => [r.normalized_email, r.employee_id])),
    employeesByNameKey,
    deriveNamesFromEmail: policy.deriveNamesFromEmail,
    seenInRun,
  };
}

interface AssetRow extends AssetFactColumns {
  id: string;
  serial_number: string;
  jamf_kind: 'computer' | 'mobile' | null;
  jamf_report_date: string | Date | null;
  jamf_presence: 'present' | 'removed' | null;
  jamf_managed: boolean | null;
  jamf_id: string | null;
  has_secure: boolean;
  activation_lock_enabled: boolean | null;
  recovery_lock_enabled: boolean | null;
  apple_care_id: string | null;
}

async function selectAssetsBySerial(db: Executor, organizationId: string, serials: string[]): Promise<ExistingAsset[]> {
  const rows = await selectRows<AssetRow>(
    db,
    sql`select a.id, a.serial_number, a.jamf_kind, a.jamf_report_date, a.jamf_presence, a.jamf_managed,
               a.make, a.model, a.model_identifier, a.model_number, a.display_size_inches, a.release_date,
               a.color, a.keyboard_language, a.imei, a.memory_mb, a.processor, a.processor_frequency_mhz,
               a.storage_mb, a.storage_type, a.operating_system, a.jamf_id,
               s.asset_id is not null as has_secure, s.activation_lock_enabled, s.recovery_lock_enabled, s.apple_care_id
        from assets a left join asset_secure_fields s on s.asset_id = a.id
        where a.organization_id = ${organizationId} and a.serial_number = any(${pgTextArray(serials)}::text[])`,
  );
  return rows.map(toExistingAsset);
}

function toExistingAsset(r: AssetRow): ExistingAsset {
  const values: JamfOwnedValues = {
    make: r.make,
    model: r.model,
    modelIdentifier: r.model_identifier,
    modelNumber: r.model_number,
    displaySizeInches: r.display_size_inches === null ? null : Number(r.display_size_inches),
    releaseDate: r.release_date,
    color: r.color,
    keyboardLanguage: r.keyboard_language,
    imei: r.imei,
    memoryMb: r.memory_mb,
    processor: r.processor,
    processorFrequencyMhz: r.processor_frequency_mhz,
    storageMb: r.storage_mb === null ? null : Number(r.storage_mb),
    storageType: r.storage_type,
    operatingSystem: r.operating_system,
    jamfId: r.jamf_id,
  };
  return {
    id: r.id,
    serialNumber: r.serial_number,
    jamfKind: r.jamf_kind,
    jamfReportDate: r.jamf_report_date === null ? null : new Date(r.jamf_report_date).toISOString(),
    jamfPresence: r.jamf_presence,
    jamfManaged: r.jamf_managed,
    values,
    secure: r.has_secure
      ? {
          activationLockEnabled: r.activation_lock_enabled,
          recoveryLockEnabled: r.recovery_lock_enabled,
          appleCareId: r.apple_care_id,
        }
      : null,
  };
}

function unique(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}
