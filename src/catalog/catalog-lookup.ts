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
 * Entries whose marketing names match a parsed model string that came without an identifier
 * ("iPad 5th Generation (Wi-Fi)" → iPad6,11 and iPad6,12). The key is the clean model name, the
 * generation and the chip, since those name a model; the size, when the string has one, narrows it.
 */
export function catalogEntriesForModel(parsed: ParsedModelString): readonly CatalogEntry[] {
  if (parsed.model === null) return [];
  const candidates = modelIndex().get(modelKey(parsed.model, parsed.generation, parsed.chip)) ?? [];
  const size = parsed.displaySizeInches;
  if (size === null) return candidates;
  return candidates.filter((entry) => entry.displaySizesInches.includes(size));
}

function modelKey(model: string, generation: number | null, chip: string | null): string {
  return `${model.toLowerCase()}|${generation ?? ''}|${chip?.toLowerCase() ?? ''}`;
}

// Built on first use: parsing every catalog name takes a few milliseconds that most runs never need.
let index: Map<string, CatalogEntry[]> | null = null;

function modelIndex(): Map<string, CatalogEntry[]> {
  if (index !== null) return index;
  index = new Map();
  for (const entry of APPLE_MODELS) {
    for (const name of entry.names) {
      const parsed = parseModelString(name);
      if (parsed?.model == null) continue;
      const key = modelKey(parsed.model, parsed.generation, parsed.chip);
      const list = index.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      index.set(key, list);
    }
  }
  return index;
}
