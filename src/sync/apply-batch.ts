import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query';
import type { BatchPlan } from '../planner/plan-batch';
import { recordHeldAssignees } from './record-held-assignees';

export interface AppliedBatch {
  /** serial → id of each asset created. */
  createdAssetIds: Map<string, string>;
  employeesCreated: number;
}

/**
 * Writes one planned batch: employees, assets, secure facts, change log. The caller holds the
 * transaction, so a batch is all or nothing. Ids are made here so rows can reference each other
 * without reading back; rows travel as one JSON parameter per statement (jsonb_to_recordset), so
 * each step is one round trip whatever the batch size.
 */
export async function applyBatch(
  tx: Executor,
  plan: BatchPlan,
  scope: { organizationId: string; runId: string | null },
): Promise<AppliedBatch> {
  const org = scope.organizationId;
  const employeeIdByEmail = new Map(plan.newEmployees.map((e) => [e.normalizedEmail, randomUUID()]));
  const createdAssetIds = new Map(plan.creates.map((c) => [c.serialNumber, randomUUID()]));

  if (plan.newEmployees.length) {
    const rows = plan.newEmployees.map((e) => ({ ...e, id: employeeIdByEmail.get(e.normalizedEmail) }));
    await tx.execute(sql`insert into employees (id, organization_id, first_name, last_name, normalized_name, name_key, source)
      select id, ${org}, "firstName", "lastName", "normalizedName", "nameKey", 'jamf'
      from jsonb_to_recordset(${json(rows)}) as x(id uuid, "firstName" text, "lastName" text, "normalizedName" text, "nameKey" text)`);
    await tx.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email)
      select ${org}, id, email, "normalizedEmail"
      from jsonb_to_recordset(${json(rows)}) as x(id uuid, email text, "normalizedEmail" text)`);
  }

  if (plan.creates.length) {
    const rows = plan.creates.map((c) => ({
      id: createdAssetIds.get(c.serialNumber),
      serialNumber: c.serialNumber,
      assetType: c.assetType,
      status: c.status,
      assigneeId: !c.assignee ? null : 'employeeId' in c.assignee ? c.assignee.employeeId : employeeIdByEmail.get(c.assignee.newEmployeeEmail),
      jamfKind: c.jamfKind,
      reportDate: c.reportDate,
      managed: c.managed,
      ...c.values,
    }));
    await tx.execute(sql`insert into assets (id, organization_id, serial_number, asset_type, status, assignee_employee_id,
        make, model, model_identifier, model_number, display_size_inches, release_date, color, keyboard_language, imei,
        memory_mb, processor, processor_frequency_mhz, storage_mb, storage_type, operating_system, jamf_id,
        jamf_kind, jamf_presence, jamf_report_date, jamf_managed, source)
      select id, ${org}, "serialNumber", "assetType", status, "assigneeId",
        make, model, "modelIdentifier", "modelNumber", "displaySizeInches", "releaseDate", color, "keyboardLanguage", imei,
        "memoryMb", processor, "processorFrequencyMhz", "storageMb", "storageType", "operatingSystem", "jamfId",
        "jamfKind", 'present', "reportDate", managed, 'jamf'
      from jsonb_to_recordset(${json(rows)}) as x(${ASSET_RECORD_COLUMNS}, id uuid, "serialNumber" text, "assetType" text, status text,
        "assigneeId" uuid, "jamfKind" text, "reportDate" timestamptz, managed boolean)`);
  }

  if (plan.updates.length) {
    // Each update carries only the fields that changed; coalesce keeps every other column as stored.
    const rows = plan.updates.map((u) => ({
      id: u.assetId,
      jamfKind: u.jamfKind,
      reportDate: u.reportDate,
      managed: u.managed,
      present: u.changes.some((c) => c.field === 'jamfPresence'),
      ...Object.fromEntries(u.changes.filter((c) => c.field !== 'jamfPresence').map((c) => [c.field, c.new])),
    }));
    await tx.execute(sql`update assets a set
        make = coalesce(x.make, a.make),
        model = coalesce(x.model, a.model),
        model_identifier = coalesce(x."modelIdentifier", a.model_identifier),
        model_number = coalesce(x."modelNumber", a.model_number),
        display_size_inches = coalesce(x."displaySizeInches", a.display_size_inches),
        release_date = coalesce(x."releaseDate", a.release_date),
        color = coalesce(x.color, a.color),
        keyboard_language = coalesce(x."keyboardLanguage", a.keyboard_language),
        imei = coalesce(x.imei, a.imei),
        memory_mb = coalesce(x."memoryMb", a.memory_mb),
        processor = coalesce(x.processor, a.processor),
        processor_frequency_mhz = coalesce(x."processorFrequencyMhz", a.processor_frequency_mhz),
        storage_mb = coalesce(x."storageMb", a.storage_mb),
        storage_type = coalesce(x."storageType", a.storage_type),
        operating_system = coalesce(x."operatingSystem", a.operating_system),
        jamf_id = coalesce(x."jamfId", a.jamf_id),
        jamf_kind = x."jamfKind",
        jamf_report_date = x."reportDate",
        jamf_managed = x.managed,
        jamf_presence = case when x.present then 'present' else coalesce(a.jamf_presence, 'present') end,
        jamf_removed_at = case when x.present then null else a.jamf_removed_at end,
        updated_at = now()
      from jsonb_to_recordset(${json(rows)}) as x(${ASSET_RECORD_COLUMNS}, id uuid, "jamfKind" text,
        "reportDate" timestamptz, managed boolean, present boolean)
      where a.id = x.id and a.organization_id = ${org}`);
  }

  await recordHeldAssignees(
    tx,
    org,
    plan.possibleDuplicates.filter((d) => d.held),
    createdAssetIds,
  );

  const secureRows = [
    ...plan.creates.map((c) => ({ assetId: createdAssetIds.get(c.serialNumber), ...c.secure })),
    ...plan.updates.filter((u) => u.secure).map((u) => ({ assetId: u.assetId, ...u.secure })),
  ];
  if (secureRows.length) {
    await tx.execute(sql`insert into asset_secure_fields (asset_id, organization_id, activation_lock_enabled, recovery_lock_enabled, apple_care_id)
      select "assetId", ${org}, "activationLockEnabled", "recoveryLockEnabled", "appleCareId"
      from jsonb_to_recordset(${json(secureRows)}) as x("assetId" uuid, "activationLockEnabled" boolean,
        "recoveryLockEnabled" boolean, "appleCareId" text)
      on conflict (asset_id) do update set
        activation_lock_enabled = excluded.activation_lock_enabled,
        recovery_lock_enabled = excluded.recovery_lock_enabled,
        apple_care_id = excluded.apple_care_id,
        updated_at = now()`);
  }

  const changeRows = [
    // A creation is one row holding the Jamf facts it was created with, not one row per field.
    ...plan.creates.map((c) => ({
      assetId: createdAssetIds.get(c.serialNumber),
      field: '(created)',
      old: null,
      new: { serialNumber: c.serialNumber, assetType: c.assetType, ...dropNulls(c.values) },
    })),
    ...plan.updates.flatMap((u) => u.changes.map((c) => ({ assetId: u.assetId, field: c.field, old: c.old, new: c.new }))),
  ];
  if (changeRows.length) {
    await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
      select ${org}, "assetId", ${scope.runId}, field, old, new
      from jsonb_to_recordset(${json(changeRows)}) as x("assetId" uuid, field text, old jsonb, new jsonb)`);
  }
  return { createdAssetIds, employeesCreated: plan.newEmployees.length };
}

/** Column list of jsonb_to_recordset for the Jamf-owned values (names as in JamfOwnedValues). */
const ASSET_RECORD_COLUMNS = sql.raw(
  `make text, model text, "modelIdentifier" text, "modelNumber" text, "displaySizeInches" real, "releaseDate" text,
   color text, "keyboardLanguage" text, imei text, "memoryMb" integer, processor text, "processorFrequencyMhz" integer,
   "storageMb" bigint, "storageType" text, "operatingSystem" text, "jamfId" text`,
);

function json(value: unknown) {
  return sql`${JSON.stringify(value)}::jsonb`;
}

function dropNulls(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}
