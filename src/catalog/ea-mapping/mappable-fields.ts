import type { AssetType } from '../types';

/**
 * The asset fields an extension attribute may fill: every field Jamf owns (R5, the asset type on
 * create, the ops-only flags of R12), each with the type its value must have and where the value
 * comes from when no attribute fills it. The fields the inventory owns (R6) and the keys that tie an
 * asset to its device are refused, with the reason (REFUSED_FIELDS).
 */
export type MappableField =
  | 'assetType'
  | 'make'
  | 'model'
  | 'modelIdentifier'
  | 'modelNumber'
  | 'displaySizeInches'
  | 'releaseDate'
  | 'color'
  | 'keyboardLanguage'
  | 'imei'
  | 'memoryMb'
  | 'processor'
  | 'processorFrequencyMhz'
  | 'storageMb'
  | 'storageType'
  | 'operatingSystem'
  | 'activationLockEnabled'
  | 'recoveryLockEnabled'
  | 'appleCareId';

/** How an attribute's text becomes the field's value (coerce-value.ts). */
export type FieldType =
  | 'text'
  | 'imei'
  | 'inches'
  | 'release-date'
  | 'memory-megabytes'
  | 'storage-megabytes'
  | 'megahertz'
  | 'storage-type'
  | 'asset-type'
  | 'boolean';

/**
 * Where the field's value comes from without an attribute: `jamf` (a Jamf field as reported),
 * `derived` (worked out from the model, the part number, the disk…), or nothing (keyboard language:
 * Jamf has no such field).
 */
export type NativeSource = 'jamf' | 'derived' | null;

export interface MappableFieldSpec {
  readonly type: FieldType;
  readonly native: NativeSource;
  /** Ops-only (R12, R24): a warning never quotes the attribute's value. */
  readonly secure: boolean;
}

const spec = (type: FieldType, native: NativeSource, secure = false): MappableFieldSpec => ({ type, native, secure });

export const MAPPABLE_FIELDS: Readonly<Record<MappableField, MappableFieldSpec>> = {
  assetType: spec('asset-type', 'derived'),
  make: spec('text', 'jamf'),
  model: spec('text', 'derived'),
  modelIdentifier: spec('text', 'jamf'),
  modelNumber: spec('text', 'jamf'),
  displaySizeInches: spec('inches', 'derived'),
  releaseDate: spec('release-date', 'derived'),
  color: spec('text', 'derived'),
  keyboardLanguage: spec('text', null),
  imei: spec('imei', 'jamf'),
  memoryMb: spec('memory-megabytes', 'jamf'),
  processor: spec('text', 'jamf'),
  processorFrequencyMhz: spec('megahertz', 'jamf'),
  storageMb: spec('storage-megabytes', 'jamf'),
  storageType: spec('storage-type', 'derived'),
  operatingSystem: spec('text', 'jamf'),
  activationLockEnabled: spec('boolean', 'jamf', true),
  recoveryLockEnabled: spec('boolean', 'jamf', true),
  appleCareId: spec('text', 'jamf', true),
};

export const MAPPABLE_FIELD_NAMES = Object.keys(MAPPABLE_FIELDS) as readonly MappableField[];

export const SECURE_MAPPABLE_FIELDS: ReadonlySet<MappableField> = new Set(
  MAPPABLE_FIELD_NAMES.filter((f) => MAPPABLE_FIELDS[f].secure),
);

const INVENTORY_OWNED = 'the inventory owns it (R6): a sync never writes it, so no extension attribute can fill it';

/** Fields an admin may try to map and must not, keyed by their spelling-free form (fieldKey). */
const REFUSED_FIELDS: ReadonlyMap<string, string> = new Map([
  ['assignee', INVENTORY_OWNED],
  ['assignedto', INVENTORY_OWNED],
  ['employee', INVENTORY_OWNED],
  ['location', INVENTORY_OWNED],
  ['status', INVENTORY_OWNED],
  ['condition', INVENTORY_OWNED],
  ['serialnumber', 'the serial number is the key that matches a device to its asset; it comes from the Jamf record only'],
  ['serial', 'the serial number is the key that matches a device to its asset; it comes from the Jamf record only'],
  ['jamfid', "the Jamf ID ties the asset to its Jamf record; it comes from the record's id only"],
  ['recoverykey', "the FileVault recovery key comes only from Jamf's FileVault endpoint, encrypted at rest"],
  ['filevaultrecoverykey', "the FileVault recovery key comes only from Jamf's FileVault endpoint, encrypted at rest"],
]);

/** "display_size_inches", "Display Size Inches" and "displaySizeInches" name one field. */
function fieldKey(name: string): string {
  return name.replace(/^secure\./i, '').replace(/[\s_-]+/g, '').toLowerCase();
}

// The British spelling, as the product documents speak it.
const FIELD_BY_KEY: ReadonlyMap<string, MappableField> = new Map([...MAPPABLE_FIELD_NAMES.map((f) => [fieldKey(f), f] as const), ['colour', 'color']]);

export type FieldLookup = { readonly ok: true; readonly field: MappableField } | { readonly ok: false; readonly error: string };

/** The field an admin named, or why it cannot be mapped. */
export function lookUpMappableField(name: string): FieldLookup {
  const key = fieldKey(name);
  const field = FIELD_BY_KEY.get(key);
  if (field !== undefined) return { ok: true, field };
  const refused = REFUSED_FIELDS.get(key);
  if (refused !== undefined) return { ok: false, error: `"${name}" cannot be mapped: ${refused}` };
  return { ok: false, error: `"${name}" is not an asset field Jamf owns (mappable: ${MAPPABLE_FIELD_NAMES.join(', ')})` };
}

export const ASSET_TYPES_FROM_ATTRIBUTES: readonly Exclude<AssetType, 'unknown'>[] = [
  'laptop',
  'desktop',
  'mobile',
  'tablet',
  'tv',
  'watch',
  'headset',
];
