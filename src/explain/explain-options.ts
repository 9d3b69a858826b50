import { parseEaMapPairs, type ExtensionAttributeMapping } from '../catalog';
import type { JamfRecordKind } from '../catalog';

export type OptionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parseKindOption(value: string | undefined): OptionResult<JamfRecordKind | null> {
  if (value === undefined) return { ok: true, value: null };
  const kind = value.trim().toLowerCase();
  if (kind === 'computer' || kind === 'mobile') return { ok: true, value: kind };
  return { ok: false, error: `--kind must be "computer" or "mobile", not "${value}"` };
}

/**
 * `--ea-map "Keyboard Layout=keyboardLanguage,RAM=memoryMb:jamf"` (repeatable) → the connection's
 * extension-attribute mapping, as stored. Attribute names may hold spaces but not "," or "=". Every
 * problem is named at once: a field Jamf does not own, a choice the field does not have.
 */
export function parseEaMapOption(values: readonly string[]): OptionResult<ExtensionAttributeMapping | null> {
  const parsed = parseEaMapPairs(values);
  if (!parsed.ok) return { ok: false, error: `--ea-map: ${parsed.errors.join('; ')}` };
  return { ok: true, value: Object.keys(parsed.stored).length === 0 ? null : parsed.stored };
}
