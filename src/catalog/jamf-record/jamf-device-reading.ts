import type { AssetFactsInput } from '../derive-asset-facts';
import type { ExtensionAttributeValue } from '../extension-attributes';
import { asArray, asObject, text } from './read-fields';

/** What the mapper needs from one raw Jamf record, whatever endpoint it came from. */
export interface JamfDeviceReading {
  readonly jamfId: string | null;
  readonly serialNumber: string | null;
  /** True only when Jamf says so; missing or null counts as not managed (R1). */
  readonly managed: boolean;
  readonly factsInput: AssetFactsInput;
  /** Every extension attribute of the record, wherever Jamf filed it. */
  readonly extensionAttributes: readonly ExtensionAttributeValue[];
  readonly imei: string | null;
  readonly memoryMb: number | null;
  readonly processor: string | null;
  readonly processorFrequencyMhz: number | null;
  readonly storageMb: number | null;
  readonly os: { readonly platform: unknown; readonly name: unknown; readonly version: unknown; readonly build: unknown };
  readonly activationLockEnabled: boolean | null;
  readonly recoveryLockEnabled: boolean | null;
  readonly appleCareId: string | null;
  readonly assigneeEmail: unknown;
  readonly assigneeName: unknown;
}

/**
 * Extension attributes from every place Jamf puts them (top level and per section), as
 * `{name, values}`. Computer records use `values[]`; mobile records use `value` (a list or a string).
 */
export function readExtensionAttributes(...lists: unknown[]): ExtensionAttributeValue[] {
  const attributes: ExtensionAttributeValue[] = [];
  for (const list of lists) {
    for (const item of asArray(list)) {
      const attribute = asObject(item);
      const name = text(attribute?.name);
      if (attribute === null || name === null) continue;
      const raw = attribute.values ?? attribute.value;
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null));
      attributes.push({ name, values });
    }
  }
  return attributes;
}
