/**
 * Plain records for the pure planner's tests: Jamf devices as the mapper hands them over, the
 * assets and employees the database would return, and the plan context built from them. Only what
 * a test states, plus realistic defaults; no simulator, no database.
 */
import type { JamfDevice, JamfPerson, SecureFacts } from '../../src/planner/jamf-device';
import type { JamfOwnedValues } from '../../src/planner/jamf-owned-fields';
import { normalizeEmail, personNameKey } from '../../src/planner/people';
import { planBatch, type BatchPlan, type ExistingAsset, type NamedEmployee, type PlanContext, type PlannedCreate } from '../../src/planner/plan-batch';

export type DeviceSpec = Partial<Omit<JamfDevice, 'values' | 'assignee' | 'secure'>> & {
  values?: Partial<JamfOwnedValues>;
  /** null: Jamf has no user for the device. */
  assignee?: Partial<JamfPerson> | null;
  secure?: Partial<SecureFacts>;
};

/** A managed MacBook Pro with serial `C02PLAN000<id>`, assigned to a user with email and names. */
export function jamfDevice(id: number, spec: DeviceSpec = {}): JamfDevice {
  const jamfId = spec.jamfId ?? String(id);
  const { values, assignee, secure, ...rest } = spec;
  return {
    kind: 'computer',
    jamfId,
    serialNumber: `C02PLAN${String(id).padStart(5, '0')}`,
    managed: true,
    reportDate: '2026-11-01T10:00:00.000Z',
    assetType: 'laptop',
    createBlockedBy: null,
    ...rest,
    values: {
      make: 'Apple',
      model: 'MacBook Pro',
      modelIdentifier: 'Mac15,3',
      modelNumber: null,
      displaySizeInches: 14.2,
      releaseDate: '2023-11',
      color: 'Space Gray',
      keyboardLanguage: null,
      imei: null,
      memoryMb: 16384,
      processor: 'Apple M3',
      processorFrequencyMhz: null,
      storageMb: 500277,
      storageType: 'SSD',
      operatingSystem: 'macOS 14.5.0 (23F79)',
      jamfId,
      ...values,
    },
    assignee:
      assignee === null
        ? null
        : { email: `user${id}@acme.example`, firstName: 'Jane', lastName: `Doe${id}`, username: `user${id}`, ...assignee },
    secure: { activationLockEnabled: false, recoveryLockEnabled: false, appleCareId: null, ...secure },
  };
}

/** The asset a sync would have stored for `device` (same facts, report date and secure facts). */
export function assetOf(device: JamfDevice, spec: Partial<Omit<ExistingAsset, 'values'>> & { values?: Partial<JamfOwnedValues> } = {}): ExistingAsset {
  const { values, ...rest } = spec;
  return {
    id: `asset-${device.serialNumber}`,
    serialNumber: device.serialNumber!,
    jamfKind: device.kind,
    jamfReportDate: device.reportDate,
    jamfPresence: 'present',
    jamfManaged: device.managed,
    secure: { ...device.secure },
    ...rest,
    values: { ...device.values, ...values },
  };
}

/** The asset applying `create` would store (what apply-batch.ts writes for it). */
export function assetFromCreate(create: PlannedCreate): ExistingAsset {
  return {
    id: `asset-${create.serialNumber}`,
    serialNumber: create.serialNumber,
    jamfKind: create.jamfKind,
    jamfReportDate: create.reportDate,
    jamfPresence: 'present',
    jamfManaged: create.managed,
    values: { ...create.values },
    secure: { ...create.secure },
  };
}

export interface EmployeeSpec {
  id: string;
  firstName: string;
  lastName: string;
  emails: string[];
}

export interface ContextSpec {
  assets?: ExistingAsset[];
  employees?: EmployeeSpec[];
  employeePolicy?: PlanContext['employeePolicy'];
  ignoreList?: string[];
  deriveNamesFromEmail?: boolean;
  seenInRun?: Array<[string, string]>;
}

/** What load-plan-context.ts would read for these rows (it looks them up by the same keys). */
export function planContext(spec: ContextSpec = {}): PlanContext {
  const employeeIdByEmail = new Map<string, string>();
  const employeesByNameKey = new Map<string, NamedEmployee[]>();
  for (const employee of spec.employees ?? []) {
    for (const email of employee.emails) employeeIdByEmail.set(normalizeEmail(email)!, employee.id);
    const key = personNameKey(employee.firstName, employee.lastName);
    employeesByNameKey.set(key, [...(employeesByNameKey.get(key) ?? []), { email: employee.emails[0] }]);
  }
  return {
    employeePolicy: spec.employeePolicy ?? 'create',
    ignoreList: spec.ignoreList ?? [],
    assetsBySerial: new Map((spec.assets ?? []).map((asset) => [asset.serialNumber, asset])),
    employeeIdByEmail,
    employeesByNameKey,
    deriveNamesFromEmail: spec.deriveNamesFromEmail ?? false,
    seenInRun: new Map(spec.seenInRun ?? []),
  };
}

export function plan(devices: JamfDevice[], spec: ContextSpec = {}): BatchPlan {
  return planBatch(devices, planContext(spec));
}
