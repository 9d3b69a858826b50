import { PART_NUMBER_COLORS } from './model-data/part-number-colors.generated';
import type { PartNumberEntry } from './types';

/*
 * An Apple part number is a five-character product code, then a region and "/A": "MP2F2LL/A".
 * Jamf reports it without the slash ("MP2F2LL"). The first letter says how it was sold: M new,
 * F refurbished, N replacement, P personalised (engraved); the other four characters are the same
 * product, so F/N/P look up the M code. A number such as "A2622" is a regulatory model number, not
 * a part number, and tells no colour.
 */
const PART_NUMBER = /^([MFNP])([A-Z0-9]{4})/i;

// Parsed rows are kept, and answers per reported part number (bounded): a fleet has few distinct
// part numbers and every device asks.
const entryByProductCode = new Map<string, PartNumberEntry | null>();

export function partNumberEntryFor(modelNumber: string | null | undefined): PartNumberEntry | null {
  if (typeof modelNumber !== 'string') return null;
  const known = entryByPartNumber.get(modelNumber);
  if (known !== undefined) return known;
  const entry = lookUp(modelNumber);
  if (entryByPartNumber.size >= CACHE_LIMIT) entryByPartNumber.clear();
  entryByPartNumber.set(modelNumber, entry);
  return entry;
}

const CACHE_LIMIT = 8192;
const entryByPartNumber = new Map<string, PartNumberEntry | null>();

function lookUp(modelNumber: string): PartNumberEntry | null {
  const match = PART_NUMBER.exec(modelNumber.trim());
  if (!match) return null;
  const code = `M${match[2].toUpperCase()}`;
  let entry = entryByProductCode.get(code);
  if (entry === undefined) {
    const row = Object.prototype.hasOwnProperty.call(PART_NUMBER_COLORS, code) ? PART_NUMBER_COLORS[code] : undefined;
    entry = row === undefined ? null : Object.freeze({ color: row[0], identifiers: Object.freeze(row[1].split(' ')) });
    entryByProductCode.set(code, entry);
  }
  return entry;
}
