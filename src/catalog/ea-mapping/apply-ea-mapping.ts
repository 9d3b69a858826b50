import type { ExtensionAttributeValue } from '../extension-attributes';
import { coerceAttributeValue } from './coerce-value';
import { MAPPABLE_FIELDS, type MappableField } from './mappable-fields';
import type { MappingEntry } from './parse-ea-mapping';

export type FieldValue = string | number | boolean | null;

/** A device's attribute that could not fill its field: the run goes on, the admin is told (R19). */
export interface MappingWarning {
  readonly field: MappableField;
  /** The attribute's name as the device reports it. */
  readonly attribute: string;
  readonly message: string;
}

export interface AttributeOverlay {
  /** The fields the attributes fill, already of the field's type. */
  readonly values: Partial<Record<MappableField, Exclude<FieldValue, null>>>;
  /** The attribute each filled field came from, for "extension attribute <name>" in `explain`. */
  readonly attributeByField: Partial<Record<MappableField, string>>;
  readonly warnings: readonly MappingWarning[];
}

const NO_OVERLAY: AttributeOverlay = { values: {}, attributeByField: {}, warnings: [] };

/**
 * What a device's extension attributes put in the asset, given the connection's mapping and the
 * value each field has without them (`current`). A field that prefers its own source takes the
 * attribute only where that source has nothing; a value of the wrong type fills nothing and warns.
 * Names match trimmed and case-insensitively, since admins type them by hand.
 */
export function overlayExtensionAttributes(
  attributes: readonly ExtensionAttributeValue[] | null | undefined,
  entries: readonly MappingEntry[],
  current: (field: MappableField) => FieldValue,
): AttributeOverlay {
  if (!attributes || attributes.length === 0 || entries.length === 0) return NO_OVERLAY;
  const entriesByName = lookupOf(entries);
  const values: Partial<Record<MappableField, Exclude<FieldValue, null>>> = {};
  const attributeByField: Partial<Record<MappableField, string>> = {};
  const warnings: MappingWarning[] = [];
  const decided = new Set<MappableField>();
  for (const attribute of attributes) {
    const mapped = entriesByName.get(attribute.name.trim().toLowerCase());
    if (mapped === undefined) continue;
    const raw = firstNonEmpty(attribute.values);
    if (raw === null) continue;
    for (const { field, prefer } of mapped) {
      if (decided.has(field)) continue;
      decided.add(field);
      const own = current(field);
      if (prefer !== 'extension-attribute' && !isMissing(field, own)) continue;
      const coerced = coerceAttributeValue(MAPPABLE_FIELDS[field].type, raw);
      if (coerced.ok) {
        values[field] = coerced.value;
        attributeByField[field] = attribute.name.trim();
      } else {
        warnings.push({ field, attribute: attribute.name.trim(), message: warningText(field, attribute.name.trim(), raw, coerced.expected, own) });
      }
    }
  }
  return { values, attributeByField, warnings };
}

// One connection's entries serve every device of a run: build the name lookup once per entries list.
const lookups = new WeakMap<readonly MappingEntry[], ReadonlyMap<string, readonly MappingEntry[]>>();

function lookupOf(entries: readonly MappingEntry[]): ReadonlyMap<string, readonly MappingEntry[]> {
  let lookup = lookups.get(entries);
  if (lookup === undefined) {
    const byName = new Map<string, MappingEntry[]>();
    for (const entry of entries) {
      const key = entry.attribute.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), entry]);
    }
    lookup = byName;
    lookups.set(entries, lookup);
  }
  return lookup;
}

function firstNonEmpty(values: readonly (string | null | undefined)[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** R5's "Jamf has no value": nothing, empty text, 0 where 0 means unknown, an unknown asset type. */
function isMissing(field: MappableField, value: FieldValue): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.trim() === '' || (field === 'assetType' && value === 'unknown');
  if (typeof value === 'number') return !Number.isFinite(value) || value === 0;
  return false;
}

const QUOTED_LIMIT = 60;

function warningText(field: MappableField, attribute: string, raw: string, expected: string, own: FieldValue): string {
  const spec = MAPPABLE_FIELDS[field];
  // R24: an ops-only field's value never reaches a report, a log or a notification.
  const shown = spec.secure ? 'its value' : JSON.stringify(raw.length > QUOTED_LIMIT ? `${raw.slice(0, QUOTED_LIMIT)}…` : raw);
  const kept = isMissing(field, own)
    ? `${field} is left as it was`
    : `${field} keeps ${spec.native === 'derived' ? 'the derived value' : "Jamf's value"}`;
  return `extension attribute "${attribute}": ${shown} is not ${expected}; ${kept}`;
}
