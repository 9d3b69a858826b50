import { deriveAssetFacts, type AssetFacts } from '../derive-asset-facts';
import { overlayExtensionAttributes, type MappingWarning } from '../ea-mapping/apply-ea-mapping';
import type { MappableField } from '../ea-mapping/mappable-fields';
import { storedMappingEntries } from '../ea-mapping/parse-ea-mapping';
import type { ExtensionAttributeMapping } from '../extension-attributes';
import type { AssetType, FactSource } from '../types';
import { assigneeFrom, type Assignee } from './assignee';
import type { JamfDeviceReading } from './jamf-device-reading';
import { computerOperatingSystem, mobileOperatingSystem } from './operating-system';
import { readComputerRecord } from './read-computer-record';
import { readMobileRecord } from './read-mobile-record';
import { asObject, at } from './read-fields';

export type JamfRecordKind = 'computer' | 'mobile';
type SkipReason = 'unmanaged' | 'no_serial' | 'unknown_asset_type';

export interface JamfRecordOptions {
  /** Connection setting: extension attribute name → "field" or "field:choice" (ea-mapping/). */
  readonly eaMapping?: ExtensionAttributeMapping | null;
}

/** The asset as the sync would write it: the derived facts plus what Jamf reports as is. */
interface ExplainedAsset extends Omit<AssetFacts, 'sources'> {
  readonly serialNumber: string | null;
  readonly jamfId: string | null;
  readonly imei: string | null;
  readonly memoryMb: number | null;
  readonly processor: string | null;
  readonly processorFrequencyMhz: number | null;
  readonly storageMb: number | null;
  readonly operatingSystem: string | null;
  readonly secure: {
    readonly activationLockEnabled: boolean | null;
    readonly recoveryLockEnabled: boolean | null;
    readonly appleCareId: string | null;
  };
}

export interface JamfRecordFacts {
  readonly asset: ExplainedAsset;
  readonly assignee: Assignee | null;
  /** R1: managed, with a serial number and a known asset type. */
  readonly createEligible: boolean;
  readonly skipReason: SkipReason | null;
  /** Where each non-null asset value came from; secure fields as "secure.activationLockEnabled". */
  readonly sources: Readonly<Record<string, FieldSource>>;
  /** Mapped extension attributes this device reports with a value of the wrong type (not applied). */
  readonly warnings: readonly MappingWarning[];
}

/** A derivation, a Jamf field, or the mapped extension attribute by its name. */
export type FieldSource = FactSource | `extension attribute ${string}`;

const SECURE_FIELDS: ReadonlySet<MappableField> = new Set(['activationLockEnabled', 'recoveryLockEnabled', 'appleCareId']);

/**
 * Maps one raw Jamf record (read defensively: any field may be missing) to the asset facts the sync
 * writes and `explain` prints. Pure; the reconciler and the webhook worker call it too.
 */
export function jamfRecordToAssetFacts(record: unknown, kind: JamfRecordKind, options: JamfRecordOptions = {}): JamfRecordFacts {
  const reading = kind === 'computer' ? readComputerRecord(record) : readMobileRecord(record);
  const facts = deriveAssetFacts(reading.factsInput);
  const operatingSystem =
    kind === 'computer'
      ? computerOperatingSystem(reading.os.name, reading.os.version, reading.os.build)
      : mobileOperatingSystem(reading.os.platform, reading.os.version, reading.os.build, facts.assetType);

  const unmapped: ExplainedAsset = {
    serialNumber: reading.serialNumber,
    jamfId: reading.jamfId,
    assetType: facts.assetType,
    make: facts.make,
    model: facts.model,
    modelIdentifier: facts.modelIdentifier,
    modelNumber: facts.modelNumber,
    displaySizeInches: facts.displaySizeInches,
    releaseDate: facts.releaseDate,
    color: facts.color,
    keyboardLanguage: facts.keyboardLanguage,
    imei: reading.imei,
    memoryMb: reading.memoryMb,
    processor: reading.processor,
    processorFrequencyMhz: reading.processorFrequencyMhz,
    storageMb: reading.storageMb,
    storageType: facts.storageType,
    operatingSystem,
    secure: {
      activationLockEnabled: reading.activationLockEnabled,
      recoveryLockEnabled: reading.recoveryLockEnabled,
      appleCareId: reading.appleCareId,
    },
  };
  const overlay = overlayExtensionAttributes(reading.extensionAttributes, storedMappingEntries(options.eaMapping), (field) =>
    SECURE_FIELDS.has(field) ? unmapped.secure[field as keyof ExplainedAsset['secure']] : unmapped[field as Exclude<MappableField, keyof ExplainedAsset['secure']>],
  );
  const asset = withMappedValues(unmapped, overlay.values);
  const sources = sourcesOf(asset, facts.sources);
  for (const [field, attribute] of Object.entries(overlay.attributeByField)) {
    sources[SECURE_FIELDS.has(field as MappableField) ? `secure.${field}` : field] = `extension attribute ${attribute}`;
  }
  // The asset type an attribute gives decides R1 like a derived one.
  const skipReason = skipReasonFor(reading, asset.assetType);
  return {
    asset,
    assignee: assigneeFrom(reading.assigneeEmail, reading.assigneeName),
    createEligible: skipReason === null,
    skipReason,
    sources,
    warnings: overlay.warnings,
  };
}

/** The asset with the attributes' values in place (each already of its field's type: coerce-value.ts). */
function withMappedValues(asset: ExplainedAsset, values: Partial<Record<MappableField, string | number | boolean>>): ExplainedAsset {
  if (Object.keys(values).length === 0) return asset;
  const plain: Record<string, unknown> = {};
  const secure: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (SECURE_FIELDS.has(field as MappableField)) secure[field] = value;
    else plain[field] = value;
  }
  return { ...asset, ...plain, secure: { ...asset.secure, ...secure } } as ExplainedAsset;
}

/** R1, checked in this order: unmanaged, then no serial, then unknown asset type. */
function skipReasonFor(reading: JamfDeviceReading, assetType: AssetType): SkipReason | null {
  if (!reading.managed) return 'unmanaged';
  if (reading.serialNumber === null) return 'no_serial';
  if (assetType === 'unknown') return 'unknown_asset_type';
  return null;
}

function sourcesOf(asset: ExplainedAsset, derived: Readonly<Partial<Record<string, FactSource>>>): Record<string, FieldSource> {
  const sources: Record<string, FieldSource> = {};
  for (const [field, value] of Object.entries(asset)) {
    if (field === 'secure') continue;
    if (value === null || (field === 'assetType' && value === 'unknown' && derived.assetType === undefined)) continue;
    sources[field] = derived[field] ?? 'jamf-field';
  }
  for (const [field, value] of Object.entries(asset.secure)) {
    if (value !== null) sources[`secure.${field}`] = 'jamf-field';
  }
  return sources;
}

const MOBILE_HINTS: readonly (readonly string[])[] = [
  ['mobileDeviceId'],
  ['deviceType'],
  ['ios'],
  ['tvos'],
  ['watchos'],
  ['visionos'],
  ['network'],
  ['general', 'osVersion'],
  ['general', 'managed'],
  ['hardware', 'capacityMb'],
  ['hardware', 'modelNumber'],
  ['userAndLocation', 'realName'],
];
const COMPUTER_HINTS: readonly (readonly string[])[] = [
  ['operatingSystem'],
  ['storage'],
  ['general', 'remoteManagement'],
  ['general', 'platform'],
  ['hardware', 'totalRamMegabytes'],
  ['hardware', 'processorType'],
  ['hardware', 'make'],
  ['userAndLocation', 'realname'],
];

/**
 * Tells a computer inventory record from a mobile-device record by the fields only one of them has
 * (`mobileDeviceId`/`deviceType` vs `operatingSystem`/`general.remoteManagement`…); null when unsure.
 */
export function detectJamfRecordKind(record: unknown): JamfRecordKind | null {
  if (asObject(record) === null) return null;
  const count = (hints: readonly (readonly string[])[]): number =>
    hints.filter((path) => at(record, ...path) !== undefined).length;
  const mobile = count(MOBILE_HINTS);
  const computer = count(COMPUTER_HINTS);
  if (mobile === computer) return null;
  return mobile > computer ? 'mobile' : 'computer';
}
