import { MAPPABLE_FIELDS, lookUpMappableField, type MappableField } from './mappable-fields';

/**
 * Which value wins for a mapped field: the attribute (`extension-attribute`, the default and the
 * only meaning of the first mapping format), or the field's own source, Jamf's value (`jamf`) or the
 * derivation (`derived`), with the attribute filling in only where that source has nothing.
 */
export type MappingPreference = 'extension-attribute' | 'jamf' | 'derived';

export interface MappingEntry {
  /** As the admin typed it (trimmed); matched against devices trimmed and case-insensitively. */
  readonly attribute: string;
  readonly field: MappableField;
  readonly prefer: MappingPreference;
}

/**
 * The stored form, one JSON object on the connection: attribute name → "field" or "field:choice".
 * The first format (`{ "Keyboard Layout": "keyboardLanguage" }`) is this form without a choice.
 */
export type StoredEaMapping = Readonly<Record<string, string>>;

export type MappingResult =
  | { readonly ok: true; readonly entries: readonly MappingEntry[]; readonly stored: StoredEaMapping }
  | { readonly ok: false; readonly errors: readonly string[] };

const PREFERENCE_SPELLINGS: Readonly<Record<string, MappingPreference>> = {
  'extension-attribute': 'extension-attribute',
  ea: 'extension-attribute',
  attribute: 'extension-attribute',
  jamf: 'jamf',
  derived: 'derived',
  derive: 'derived',
};

/**
 * Validates a mapping as an admin sets it: every field must be one Jamf owns, every choice one the
 * field has, and one field may not be given two choices. All problems are listed at once.
 */
export function parseEaMapping(raw: unknown): MappingResult {
  if (raw === null || raw === undefined) return { ok: true, entries: [], stored: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: ['the mapping must be a JSON object of attribute name → "field" or "field:choice"'] };
  }
  const errors: string[] = [];
  const entries: MappingEntry[] = [];
  for (const [name, target] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = parseEntry(name, target);
    if (typeof parsed === 'string') errors.push(parsed);
    else entries.push(parsed);
  }
  errors.push(...conflictingChoices(entries));
  if (errors.length > 0) return { ok: false, errors };
  // A Map then fromEntries: an attribute named "__proto__" is an own key like any other.
  const stored = Object.fromEntries(entries.map((e) => [e.attribute, storedTarget(e)]));
  return { ok: true, entries, stored };
}

/** One `name → target` pair, or the message saying why not. */
function parseEntry(name: string, target: unknown): MappingEntry | string {
  const attribute = name.trim();
  if (attribute === '') return 'an extension attribute name must not be empty';
  if (typeof target !== 'string' || target.trim() === '') return `"${attribute}": expected "field" or "field:choice"`;
  const colon = target.indexOf(':');
  const fieldName = (colon < 0 ? target : target.slice(0, colon)).trim();
  const choice = colon < 0 ? 'extension-attribute' : target.slice(colon + 1).trim().toLowerCase();
  const lookup = lookUpMappableField(fieldName);
  if (!lookup.ok) return `"${attribute}": ${lookup.error}`;
  const prefer = PREFERENCE_SPELLINGS[choice];
  if (prefer === undefined) {
    return `"${attribute}": "${choice}" is not a choice (use ${lookup.field}, ${lookup.field}:${nativeChoiceWord(lookup.field)} or ${lookup.field}:extension-attribute)`;
  }
  const native = MAPPABLE_FIELDS[lookup.field].native;
  if (prefer !== 'extension-attribute' && prefer !== native) {
    const has = native === null ? 'Jamf has no such field and nothing derives it, so the attribute is its only source' : `its own source is ${native === 'jamf' ? "Jamf's value" : 'derivation'}`;
    return `"${attribute}": ${lookup.field} cannot prefer ${prefer}: ${has} (use ${lookup.field}${native === null ? '' : ` or ${lookup.field}:${native}`})`;
  }
  return { attribute, field: lookup.field, prefer };
}

function nativeChoiceWord(field: MappableField): string {
  return MAPPABLE_FIELDS[field].native ?? 'extension-attribute';
}

/** Two attributes may feed one field (the first a device has wins), but with one choice only. */
function conflictingChoices(entries: readonly MappingEntry[]): string[] {
  const byField = new Map<MappableField, MappingEntry[]>();
  for (const entry of entries) byField.set(entry.field, [...(byField.get(entry.field) ?? []), entry]);
  const errors: string[] = [];
  for (const [field, group] of byField) {
    const choices = new Set(group.map((e) => e.prefer));
    if (choices.size > 1) {
      errors.push(`${field} is mapped from ${group.map((e) => `"${e.attribute}"`).join(' and ')} with different choices (${[...choices].join(', ')}): give it one`);
    }
  }
  return errors;
}

function storedTarget(entry: MappingEntry): string {
  return entry.prefer === 'extension-attribute' ? entry.field : `${entry.field}:${entry.prefer}`;
}

/**
 * `Name=field[:choice]` pairs, comma-separated and repeatable (the `--ea-map` option of `explain`
 * and `connections add|update`) → the stored mapping. Names may hold spaces but not "," or "=".
 */
export function parseEaMapPairs(values: readonly string[]): MappingResult {
  const pairs = new Map<string, string>();
  const errors: string[] = [];
  for (const pair of values.flatMap((v) => v.split(','))) {
    if (pair.trim() === '') continue;
    const equals = pair.lastIndexOf('=');
    const name = equals > 0 ? pair.slice(0, equals).trim() : '';
    const target = equals > 0 ? pair.slice(equals + 1).trim() : '';
    if (name === '' || target === '') errors.push(`expected name=field pairs, got "${pair.trim()}"`);
    else pairs.set(name, target);
  }
  if (errors.length > 0) return { ok: false, errors };
  return parseEaMapping(Object.fromEntries(pairs));
}

// The stored mapping of one connection serves every device of a run: parse it once per object.
const entriesByStored = new WeakMap<object, readonly MappingEntry[]>();

/**
 * The entries of a stored mapping, read leniently: a mapping is validated when set, so an entry
 * that no longer parses (edited by hand in the database) is left out rather than failing the run.
 */
export function storedMappingEntries(stored: StoredEaMapping | null | undefined): readonly MappingEntry[] {
  if (!stored || typeof stored !== 'object') return [];
  let entries = entriesByStored.get(stored);
  if (entries === undefined) {
    entries = Object.entries(stored).flatMap(([name, target]) => {
      const entry = parseEntry(name, target);
      return typeof entry === 'string' ? [] : [entry];
    });
    entriesByStored.set(stored, entries);
  }
  return entries;
}
