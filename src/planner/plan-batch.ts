import type { AssetType } from '../catalog/types';
import type { ASSET_STATUSES } from '../db/schema/assets';
import { diffJamfOwnedFields, type FieldChange, type JamfOwnedValues } from './jamf-owned-fields';
import type { JamfDevice, SecureFacts, SkipReason } from './jamf-device';
import { employeeName, isIgnoredPerson, normalizeEmail, normalizePersonName, personNameKey } from './people';

/**
 * The planner: pure. Given a batch of Jamf devices and the current rows they touch, it decides
 * what to create, update, skip and report: R1–R3, R5, R6, R9–R11, R13, R15, R16 and R18, and which
 * secure facts (R12) and field changes (R17) to write. The reconciler and the webhook worker both
 * call it; apply-batch.ts writes its result in one transaction. The README's rule table says where
 * the other rules are decided.
 */

type AssetStatus = (typeof ASSET_STATUSES)[number];

/**
 * R2: every asset the sync creates starts as allocated. From then on the status belongs to the
 * inventory (R6): no sync changes it.
 */
const NEW_ASSET_STATUS: AssetStatus = 'allocated';

export interface ExistingAsset {
  id: string;
  serialNumber: string;
  jamfKind: 'computer' | 'mobile' | null;
  jamfReportDate: string | null;
  jamfPresence: 'present' | 'removed' | null;
  jamfManaged: boolean | null;
  values: JamfOwnedValues;
  secure: SecureFacts | null;
}

export interface PlanContext {
  employeePolicy: 'create' | 'hold';
  ignoreList: readonly string[];
  /** Existing assets of the organization for the serials in this batch. */
  assetsBySerial: ReadonlyMap<string, ExistingAsset>;
  /** Existing employees for the (normalized) emails in this batch: email → employee id. */
  employeeIdByEmail: ReadonlyMap<string, string>;
  /** R10: existing employees whose name key (personNameKey) is a name of this batch: key → each one's email. */
  employeesByNameKey: ReadonlyMap<string, readonly NamedEmployee[]>;
  /** The connection's `derive_names_from_email`: name a nameless Jamf user from a first.last@ address. */
  deriveNamesFromEmail: boolean;
  /** Serials seen earlier in this run, with the Jamf id that held each (R13 across batches). */
  seenInRun: ReadonlyMap<string, string>;
}

/** An employee as R10 reports it: the email it is known by (its first), so both addresses can be shown. */
export interface NamedEmployee {
  email: string;
  /** Stored employees: their id and names (the preview shows whom a new one resembles); absent for one planned in this run. */
  employeeId?: string;
  firstName?: string;
  lastName?: string;
}

/** R10: a Jamf user with the name of an employee of another email, on the device that brought it. */
export interface PossibleDuplicate {
  email: string;
  normalizedEmail: string;
  firstName: string;
  lastName: string;
  serialNumber: string;
  jamfId: string;
  /** The employees (stored, or planned earlier in this run) of the same name key. */
  resembles: NamedEmployee[];
  /** Policy "hold": no employee created and no assignee set; the review queue records it (R23). */
  held: boolean;
}

type AssigneePlan = { employeeId: string } | { newEmployeeEmail: string } | null;

export interface PlannedCreate {
  serialNumber: string;
  jamfKind: 'computer' | 'mobile';
  jamfId: string;
  assetType: AssetType;
  /** R2: always NEW_ASSET_STATUS; apply-batch.ts writes it as given. */
  status: AssetStatus;
  values: JamfOwnedValues;
  reportDate: string | null;
  managed: boolean;
  secure: SecureFacts;
  assignee: AssigneePlan;
}

interface PlannedUpdate {
  assetId: string;
  serialNumber: string;
  jamfId: string;
  jamfKind: 'computer' | 'mobile';
  /** Field-level changes for the change log (R17); empty when only bookkeeping moves. */
  changes: FieldChange[];
  reportDate: string | null;
  managed: boolean;
  /** Secure facts to write, or null when they did not change (R18). */
  secure: SecureFacts | null;
}

interface PlannedEmployee {
  email: string;
  normalizedEmail: string;
  firstName: string;
  lastName: string;
  normalizedName: string;
  /** personNameKey: what R10 compares. */
  nameKey: string;
}

export interface RunIssue {
  code: string;
  serialNumber: string | null;
  jamfId: string | null;
  message: string;
}

export interface BatchPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: Array<{ assetId: string; serialNumber: string }>;
  skips: Array<{ reason: SkipReason; serialNumber: string | null; jamfId: string }>;
  newEmployees: PlannedEmployee[];
  employeesLinked: number;
  /** R10's possible duplicates (each also a `possible_duplicate_employee` warning), held or created. */
  possibleDuplicates: PossibleDuplicate[];
  warnings: RunIssue[];
  /** serial → Jamf id of every device in this batch that has a serial (for R13 and R14). */
  seen: Array<[string, string]>;
}

export function planBatch(devices: readonly JamfDevice[], ctx: PlanContext): BatchPlan {
  const plan: BatchPlan = {
    creates: [],
    updates: [],
    unchanged: [],
    skips: [],
    newEmployees: [],
    employeesLinked: 0,
    possibleDuplicates: [],
    warnings: [],
    seen: [],
  };
  const newEmployeeByEmail = new Map<string, PlannedEmployee>();
  const newNames = new Map<string, NamedEmployee[]>();

  for (const device of pickOnePerSerial(devices, ctx, plan)) {
    const serial = device.serialNumber;
    for (const message of device.mappingWarnings ?? []) {
      // A bad attribute value fills nothing and never stops the device (R19): the admin is told.
      plan.warnings.push({ code: 'extension_attribute_invalid', serialNumber: serial, jamfId: device.jamfId, message });
    }
    if (!serial) {
      plan.skips.push({ reason: 'no_serial', serialNumber: null, jamfId: device.jamfId });
      continue;
    }
    const existing = ctx.assetsBySerial.get(serial);
    if (existing) {
      planExisting(device, serial, existing, plan);
      continue;
    }
    if (device.createBlockedBy) {
      plan.skips.push({ reason: device.createBlockedBy, serialNumber: serial, jamfId: device.jamfId });
      continue;
    }
    plan.creates.push({
      serialNumber: serial,
      jamfKind: device.kind,
      jamfId: device.jamfId,
      assetType: device.assetType,
      status: NEW_ASSET_STATUS,
      values: device.values,
      reportDate: device.reportDate,
      managed: device.managed,
      secure: device.secure,
      assignee: planAssignee(device, serial, ctx, plan, newEmployeeByEmail, newNames),
    });
  }
  return plan;
}

/**
 * R13: of several records with one serial, the one with the latest inventory report wins, and an
 * asset is never rolled back to an older report (which also keeps an older webhook from undoing a
 * newer sync). Ties keep the record the asset already follows, else the highest Jamf id, so the
 * choice is the same on every run and never flips.
 */
function pickOnePerSerial(devices: readonly JamfDevice[], ctx: PlanContext, plan: BatchPlan): JamfDevice[] {
  const bySerial = new Map<string, JamfDevice[]>();
  const chosen: JamfDevice[] = [];
  for (const device of devices) {
    if (!device.serialNumber) {
      chosen.push(device);
      continue;
    }
    const group = bySerial.get(device.serialNumber);
    if (group) group.push(device);
    else bySerial.set(device.serialNumber, [device]);
  }
  for (const [serial, group] of bySerial) {
    for (const device of group) plan.seen.push([serial, device.jamfId]);
    const existing = ctx.assetsBySerial.get(serial);
    const earlierId = ctx.seenInRun.get(serial);
    const ids = new Set(group.map((d) => d.jamfId));
    if (earlierId) ids.add(earlierId);
    if (existing?.values.jamfId && ids.size > 1) ids.add(String(existing.values.jamfId));
    const isDuplicate = ids.size > 1;

    const ranked = [...group].sort((a, b) => compareRecords(b, a, existing));
    const winner = ranked[0];
    for (const loser of ranked.slice(1)) {
      plan.skips.push({ reason: 'duplicate_serial_in_jamf', serialNumber: serial, jamfId: loser.jamfId });
    }
    if (isDuplicate) {
      plan.warnings.push({
        code: 'duplicate_serial_in_jamf',
        serialNumber: serial,
        jamfId: winner.jamfId,
        message: `Jamf has several records with serial ${serial} (ids ${[...ids].sort(byNumericId).join(', ')}); the one with the latest inventory report is used`,
      });
    }
    if (existing && isOlderThanApplied(winner, existing)) {
      const sameRecord = String(existing.values.jamfId ?? '') === winner.jamfId;
      plan.skips.push({ reason: sameRecord ? 'stale_record' : 'duplicate_serial_in_jamf', serialNumber: serial, jamfId: winner.jamfId });
      continue;
    }
    chosen.push(winner);
  }
  return chosen;
}

/** > 0 when `a` should win over `b`. */
function compareRecords(a: JamfDevice, b: JamfDevice, existing: ExistingAsset | undefined): number {
  const byDate = timeOf(a.reportDate) - timeOf(b.reportDate);
  if (byDate !== 0) return byDate;
  const followed = existing?.values.jamfId != null ? String(existing.values.jamfId) : null;
  if (followed === a.jamfId) return 1;
  if (followed === b.jamfId) return -1;
  return byNumericId(a.jamfId, b.jamfId);
}

/** Older than what the asset holds, or as old but from another record (ties keep the followed record). */
function isOlderThanApplied(device: JamfDevice, existing: ExistingAsset): boolean {
  if (!existing.jamfReportDate || !device.reportDate) return false;
  const delta = timeOf(device.reportDate) - timeOf(existing.jamfReportDate);
  if (delta < 0) return true;
  return delta === 0 && existing.values.jamfId != null && String(existing.values.jamfId) !== device.jamfId && existing.jamfKind === device.kind;
}

function planExisting(device: JamfDevice, serial: string, existing: ExistingAsset, plan: BatchPlan): void {
  // R16: an unmanaged device still refreshes its asset's hardware facts. R15: the Jamf id is one of them.
  const changes = diffJamfOwnedFields(existing.values, device.values);
  if (existing.jamfPresence === 'removed') changes.push({ field: 'jamfPresence', old: 'removed', new: 'present' });
  const secure = secureChanged(existing.secure, device.secure) ? mergeSecure(existing.secure, device.secure) : null;
  const bookkeepingMoved =
    timeOf(device.reportDate) > timeOf(existing.jamfReportDate) ||
    existing.jamfManaged !== device.managed ||
    existing.jamfKind !== device.kind;
  if (changes.length === 0 && !secure && !bookkeepingMoved) {
    plan.unchanged.push({ assetId: existing.id, serialNumber: serial });
    return;
  }
  plan.updates.push({
    assetId: existing.id,
    serialNumber: serial,
    jamfId: device.jamfId,
    jamfKind: device.kind,
    changes,
    reportDate: laterDate(existing.jamfReportDate, device.reportDate),
    managed: device.managed,
    secure,
  });
}

function planAssignee(
  device: JamfDevice,
  serial: string,
  ctx: PlanContext,
  plan: BatchPlan,
  newEmployeeByEmail: Map<string, PlannedEmployee>,
  newNames: Map<string, NamedEmployee[]>,
): AssigneePlan {
  const person = device.assignee;
  const email = normalizeEmail(person?.email);
  if (!person || !email) return null; // R3: no email → no assignee
  if (isIgnoredPerson(ctx.ignoreList, person.username, person.email)) return null; // R11

  const existingId = ctx.employeeIdByEmail.get(email);
  if (existingId) {
    plan.employeesLinked++;
    return { employeeId: existingId };
  }
  if (newEmployeeByEmail.has(email)) {
    plan.employeesLinked++;
    return { newEmployeeEmail: email };
  }
  const jamfEmail = person.email!.trim();
  const name = employeeName({ email: jamfEmail, firstName: person.firstName, lastName: person.lastName }, ctx.deriveNamesFromEmail);
  if (name?.derived) {
    plan.warnings.push({
      code: 'employee_name_derived_from_email',
      serialNumber: serial,
      jamfId: device.jamfId,
      message: `Jamf user ${jamfEmail} has no first and last name; named "${name.firstName} ${name.lastName}" from the email's first.last@ form (connection setting derive_names_from_email)`,
    });
  }
  if (!name) {
    // R9: an employee needs a first name, a last name and an email.
    plan.warnings.push({
      code: 'employee_not_created_missing_name',
      serialNumber: serial,
      jamfId: device.jamfId,
      message: `Jamf user ${jamfEmail} has no usable first and last name; the asset is created without an assignee`,
    });
    return null;
  }
  const { firstName, lastName } = name;
  const nameKey = personNameKey(firstName, lastName);
  const sameName = [...(ctx.employeesByNameKey.get(nameKey) ?? []), ...(newNames.get(nameKey) ?? [])];
  if (sameName.length > 0) {
    // R10: likely the same person under another email (a personal one, another domain, a typo).
    const held = ctx.employeePolicy === 'hold';
    plan.warnings.push({
      code: 'possible_duplicate_employee',
      serialNumber: serial,
      jamfId: device.jamfId,
      message: `Jamf user ${jamfEmail} ("${firstName} ${lastName}") has the name of an employee with another email: ${sameName.map((e) => e.email).join(', ')}; ${
        held ? 'held: no employee created and no assignee set (policy "hold")' : 'a new employee is created (policy "create")'
      }`,
    });
    plan.possibleDuplicates.push({ email: jamfEmail, normalizedEmail: email, firstName, lastName, serialNumber: serial, jamfId: device.jamfId, resembles: sameName, held });
    if (held) return null;
  }
  const planned: PlannedEmployee = {
    email: jamfEmail,
    normalizedEmail: email,
    firstName,
    lastName,
    normalizedName: normalizePersonName(firstName, lastName),
    nameKey,
  };
  newEmployeeByEmail.set(email, planned);
  newNames.set(nameKey, [...(newNames.get(nameKey) ?? []), { email: jamfEmail, firstName, lastName }]);
  plan.newEmployees.push(planned);
  plan.employeesLinked++;
  return { newEmployeeEmail: email };
}

function secureChanged(current: SecureFacts | null, incoming: SecureFacts): boolean {
  const merged = mergeSecure(current, incoming);
  return (
    !current ||
    merged.activationLockEnabled !== current.activationLockEnabled ||
    merged.recoveryLockEnabled !== current.recoveryLockEnabled ||
    merged.appleCareId !== current.appleCareId
  );
}

/** Like R5: what Jamf does not report keeps its stored value. */
function mergeSecure(current: SecureFacts | null, incoming: SecureFacts): SecureFacts {
  return {
    activationLockEnabled: incoming.activationLockEnabled ?? current?.activationLockEnabled ?? null,
    recoveryLockEnabled: incoming.recoveryLockEnabled ?? current?.recoveryLockEnabled ?? null,
    appleCareId: incoming.appleCareId?.trim() || current?.appleCareId || null,
  };
}

function timeOf(iso: string | null | undefined): number {
  if (!iso) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function laterDate(a: string | null, b: string | null): string | null {
  return timeOf(b) > timeOf(a) ? b : a;
}

function byNumericId(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}
