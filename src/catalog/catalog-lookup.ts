import { APPLE_MODELS } from './model-data/apple-models.generated';
import { parseModelString, type ParsedModelString } from './model-string/parse-model-string';
import type { CatalogEntry } from './types';

// Jamf is not consistent about case ("ipad6,11" in the single-device detail), so look up lower-cased.
const ENTRY_BY_IDENTIFIER: ReadonlyMap<string, CatalogEntry> = new Map(
  APPLE_MODELS.map((entry) => [entry.identifier.toLowerCase(), entry]),
);

const ENTRY_BY_EXACT_IDENTIFIER: ReadonlyMap<string, CatalogEntry> = new Map(APPLE_MODELS.map((entry) => [entry.identifier, entry]));

export function catalogEntryFor(identifier: string | null | undefined): CatalogEntry | null {
  if (typeof identifier !== 'string') return null;
  return ENTRY_BY_EXACT_IDENTIFIER.get(identifier) ?? ENTRY_BY_IDENTIFIER.get(identifier.trim().toLowerCase()) ?? null;
}

export function allCatalogEntries(): readonly CatalogEntry[] {
  return APPLE_MODELS;
}

/**
 * Entries whose marketing names match a model string that came without an identifier
 * ("iPad 5th Generation (Wi-Fi)" → iPad6,11 and iPad6,12). A string that is exactly one of Apple's
 * names picks that name's entries ("iPhone 4 (GSM)" is iPhone3,1, not the 2012 iPhone3,2). Otherwise
 * the key is the clean model name, the generation and the chip, since those name a model; the size,
 * when the string has one, must be of the entry's size class ("13-inch" for a 13.6-inch display); the
 * year, a revision and the radio variant ("GSM", "Wi-Fi") narrow the match when some entry has them.
 */
export function catalogEntriesForModel(parsed: ParsedModelString, modelString?: string | null): readonly CatalogEntry[] {
  const exact = typeof modelString === 'string' ? indexes().byName.get(nameKey(modelString)) : undefined;
  if (exact !== undefined) return exact;
  if (parsed.model === null) return [];
  let candidates: readonly CatalogEntry[] = indexes().byModel.get(modelKey(parsed.family, parsed.model, parsed.generation, parsed.chip)) ?? [];
  const size = parsed.displaySizeInches;
  if (size !== null) candidates = candidates.filter((entry) => sizeOfClass(entry.displaySizesInches, size) !== null);
  const year = parsed.year;
  if (year !== null) candidates = preferring(candidates, (entry) => entry.releases.some((r) => r.year === year));
  // Jamf's "Apple TV 3rd Generation Rev 2" is Apple's "(3rd generation, Rev A)", AppleTV3,2; without
  // "Rev" it is the first one, AppleTV3,1.
  const revised = parsed.revision !== null;
  candidates = preferring(candidates, (entry) => entry.names.some((name) => parseModelString(name)?.revision != null) === revised);
  if (parsed.radio.length > 0) {
    const radio = parsed.radio;
    candidates = preferring(candidates, (entry) => radiosOf(entry).some((r) => r.length === radio.length && radio.every((w) => r.includes(w))));
    candidates = preferring(candidates, (entry) => radiosOf(entry).some((r) => radio.every((w) => r.includes(w))));
  }
  return candidates;
}

/**
 * The display size of `sizes` that a model string's size names: the same size, or the stated
 * diagonal of a whole-inch class ("13-inch" names 13.3 and 13.6, "14-inch" 14.2, "11-inch" 11.6).
 * Apple's class names round down by less than MAX_CLASS_GAP; 12.9 is never "12-inch".
 */
function sizeOfClass(sizes: readonly number[], named: number): number | null {
  for (const size of sizes) if (size === named) return size;
  if (!Number.isInteger(named)) return null;
  for (const size of sizes) if (size > named && size - named < MAX_CLASS_GAP) return size;
  return null;
}

const MAX_CLASS_GAP = 0.75;

/** The candidates that pass `test`, unless none does: a hint that narrows, never one that empties. */
function preferring(candidates: readonly CatalogEntry[], test: (entry: CatalogEntry) => boolean): readonly CatalogEntry[] {
  if (candidates.length < 2) return candidates;
  const kept = candidates.filter(test);
  return kept.length > 0 ? kept : candidates;
}

function radiosOf(entry: CatalogEntry): readonly (readonly string[])[] {
  return entry.names.map((name) => parseModelString(name)?.radio ?? []);
}

/*
 * Jamf says "iPad mini 2nd Generation" and "iPad Air 2nd Generation" where Apple says "iPad mini 2"
 * and "iPad Air 2": for these families a bare number after the family is the generation.
 */
const NUMBERED_BY_GENERATION: ReadonlySet<string> = new Set(['iPad', 'iPad mini', 'iPad Air']);
const TRAILING_NUMBER = / (\d{1,2})$/;

function modelKey(family: string | null, model: string, generation: number | null, chip: string | null): string {
  let name = model;
  let gen = generation;
  if (gen === null && family !== null && NUMBERED_BY_GENERATION.has(family)) {
    const number = TRAILING_NUMBER.exec(model);
    if (number && model === `${family} ${number[1]}`) {
      name = family;
      gen = Number(number[1]);
    }
  }
  return `${name.toLowerCase()}|${gen ?? ''}|${chip?.toLowerCase() ?? ''}`;
}

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

interface NameIndexes {
  readonly byModel: Map<string, CatalogEntry[]>;
  readonly byName: Map<string, CatalogEntry[]>;
}

// Built on first use: parsing every catalog name takes a few milliseconds that most runs never need.
let built: NameIndexes | null = null;

function indexes(): NameIndexes {
  if (built !== null) return built;
  const byModel = new Map<string, CatalogEntry[]>();
  const byName = new Map<string, CatalogEntry[]>();
  for (const entry of APPLE_MODELS) {
    for (const name of entry.names) {
      addTo(byName, nameKey(name), entry);
      const parsed = parseModelString(name);
      if (parsed?.model == null) continue;
      addTo(byModel, modelKey(parsed.family, parsed.model, parsed.generation, parsed.chip), entry);
    }
  }
  built = { byModel, byName };
  return built;
}

function addTo(index: Map<string, CatalogEntry[]>, key: string, entry: CatalogEntry): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [entry]);
  else if (!list.includes(entry)) list.push(entry);
}
