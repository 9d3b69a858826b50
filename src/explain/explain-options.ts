import { MAPPABLE_ASSET_FIELDS, isMappableAssetField, type ExtensionAttributeMapping } from '../catalog';
import type { JamfRecordKind } from '../catalog';

export type OptionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parseKindOption(value: string | undefined): OptionResult<JamfRecordKind | null> {
  if (value === undefined) return { ok: true, value: null };
  const kind = value.trim().toLowerCase();
  if (kind === 'computer' || kind === 'mobile') return { ok: true, value: kind };
  return { ok: false, error: `--kind must be "computer" or "mobile", not "${value}"` };
}

/**
 * `--ea-map "Keyboard Layout=keyboardLanguage,Colour=color"` (repeatable) → the connection's
 * extension-attribute mapping. Attribute names may hold spaces but not "," or "=".
 */
export function parseEaMapOption(values: readonly string[]): OptionResult<ExtensionAttributeMapping | null> {
  // A Map, turned into an object with fromEntries (own properties): an attribute named
  // "__proto__" is mapped like any other instead of being swallowed by the assignment.
  const mapping = new Map<string, (typeof MAPPABLE_ASSET_FIELDS)[number]>();
  for (const pair of values.flatMap((v) => v.split(','))) {
    if (pair.trim() === '') continue;
    const equals = pair.lastIndexOf('=');
    const name = equals > 0 ? pair.slice(0, equals).trim() : '';
    const field = equals > 0 ? pair.slice(equals + 1).trim() : '';
    if (name === '' || field === '') {
      return { ok: false, error: `--ea-map expects name=field pairs, got "${pair.trim()}"` };
    }
    if (!isMappableAssetField(field)) {
      return { ok: false, error: `--ea-map: "${field}" is not a mappable field (use ${MAPPABLE_ASSET_FIELDS.join(', ')})` };
    }
    mapping.set(name, field);
  }
  return { ok: true, value: mapping.size === 0 ? null : Object.fromEntries(mapping) };
}
