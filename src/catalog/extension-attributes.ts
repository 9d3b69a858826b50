/** The asset fields a connection can fill from an extension attribute (it wins over derivation). */
export type MappableAssetField = 'color' | 'keyboardLanguage' | 'storageType' | 'modelNumber';

export const MAPPABLE_ASSET_FIELDS: readonly MappableAssetField[] = ['color', 'keyboardLanguage', 'storageType', 'modelNumber'];

/** Connection setting: extension attribute name → asset field, e.g. `{ "Keyboard Layout": "keyboardLanguage" }`. */
export type ExtensionAttributeMapping = Readonly<Record<string, MappableAssetField>>;

export interface ExtensionAttributeValue {
  readonly name: string;
  readonly values: readonly (string | null | undefined)[];
}

export function isMappableAssetField(value: string): value is MappableAssetField {
  return (MAPPABLE_ASSET_FIELDS as readonly string[]).includes(value);
}

/**
 * The first non-empty value of each mapped attribute, by asset field. Names match trimmed and
 * case-insensitively, since admins type them by hand in the connection settings.
 */
export function mappedExtensionAttributeValues(
  attributes: readonly ExtensionAttributeValue[] | null | undefined,
  mapping: ExtensionAttributeMapping | null | undefined,
): Partial<Record<MappableAssetField, string>> {
  const found: Partial<Record<MappableAssetField, string>> = {};
  if (!attributes || attributes.length === 0 || !mapping) return found;
  const fieldByName = fieldsByAttributeName(mapping);
  if (fieldByName.size === 0) return found;
  for (const attribute of attributes) {
    const field = fieldByName.get(normalizedName(attribute.name));
    if (field === undefined || found[field] !== undefined) continue;
    const value = firstNonEmpty(attribute.values);
    if (value !== null) found[field] = value;
  }
  return found;
}

function firstNonEmpty(values: readonly (string | null | undefined)[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

// One connection's mapping serves every device of a sync: build its lookup once per mapping object.
const lookupByMapping = new WeakMap<ExtensionAttributeMapping, ReadonlyMap<string, MappableAssetField>>();

function fieldsByAttributeName(mapping: ExtensionAttributeMapping): ReadonlyMap<string, MappableAssetField> {
  let lookup = lookupByMapping.get(mapping);
  if (lookup === undefined) {
    const byName = new Map<string, MappableAssetField>();
    for (const [name, field] of Object.entries(mapping)) {
      if (isMappableAssetField(field)) byName.set(name.trim().toLowerCase(), field);
    }
    lookup = byName;
    lookupByMapping.set(mapping, lookup);
  }
  return lookup;
}

// Attribute names repeat on every device of a fleet; remember their normalised form (bounded).
const NAME_CACHE_LIMIT = 4096;
const normalizedNames = new Map<string, string>();

function normalizedName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    normalized = name.trim().toLowerCase();
    if (normalizedNames.size >= NAME_CACHE_LIMIT) normalizedNames.clear();
    normalizedNames.set(name, normalized);
  }
  return normalized;
}
