/**
 * The asset fields Jamf owns (R5): a sync overwrites them with Jamf's value, except that a value
 * Jamf does not have (null, empty, 0 where 0 means unknown) never erases one already stored.
 */
export const JAMF_OWNED_FIELDS = [
  'make',
  'model',
  'modelIdentifier',
  'modelNumber',
  'displaySizeInches',
  'releaseDate',
  'color',
  'keyboardLanguage',
  'imei',
  'memoryMb',
  'processor',
  'processorFrequencyMhz',
  'storageMb',
  'storageType',
  'operatingSystem',
  'jamfId',
] as const;

type JamfOwnedField = (typeof JAMF_OWNED_FIELDS)[number];
export type JamfOwnedValues = { [K in JamfOwnedField]: string | number | null };

export interface FieldChange {
  field: string;
  old: string | number | boolean | null;
  new: string | number | boolean | null;
}

/** A value Jamf reports as "not known": it never overwrites (R5). */
function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  // 0 MHz on Apple silicon, 0 MB memory or storage before a device's first inventory: unknown, not zero.
  if (typeof value === 'number') return !Number.isFinite(value) || value === 0;
  return false;
}

/** The changes R5 allows from `current` to `incoming`, field by field, in a stable order. */
export function diffJamfOwnedFields(current: Partial<JamfOwnedValues>, incoming: Partial<JamfOwnedValues>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of JAMF_OWNED_FIELDS) {
    const next = incoming[field];
    if (isMissing(next)) continue;
    const previous = current[field] ?? null;
    if (!sameValue(previous, next ?? null)) changes.push({ field, old: previous, new: next ?? null });
  }
  return changes;
}

function sameValue(a: string | number | null, b: string | number | null): boolean {
  // Reals come back from the database as float4: compare display sizes to a tenth of an inch.
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.05;
  return a === b;
}
