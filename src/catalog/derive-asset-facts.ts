import { catalogEntriesForModel, catalogEntryFor } from './catalog-lookup';
import { assetTypeFromIdentifierPrefix, identifierHasFlashStorage } from './identifier';
import { parseModelString, type ParsedModelString } from './model-string/parse-model-string';
import { partNumberEntryFor } from './part-number';
import { assetTypeOfFamily, familyHasFlashStorage } from './product-families';
import { formatReleaseDate, singleRelease } from './release-date';
import { storageTypeFromDiskModel } from './storage-type';
import type { AssetType, CatalogEntry, FactSource, ReleaseDate, StorageType } from './types';

/** A device as Jamf describes it, already pulled out of the raw record (see jamf-record/). */
export interface AssetFactsInput {
  readonly kind: 'computer' | 'mobile';
  /** Jamf's marketing model string (`hardware.model`). */
  readonly modelString?: string | null;
  readonly modelIdentifier?: string | null;
  /** Mobile part number (`hardware.modelNumber`, e.g. "MP2F2LL"). */
  readonly modelNumber?: string | null;
  /** Computers: `hardware.make`. */
  readonly make?: string | null;
  /** Computers: `general.platform` ("Mac"); mobile devices: `deviceType` ("iOS", "tvOS", "watchOS", "visionOS"). */
  readonly platform?: string | null;
  /** Computers: `operatingSystem.name` ("macOS", "Mac OS X"). */
  readonly osName?: string | null;
  /** Model of the boot disk ("APPLE SSD AP0512Q"). */
  readonly bootDiskModel?: string | null;
}

type DerivedAssetField =
  | 'assetType'
  | 'make'
  | 'model'
  | 'modelIdentifier'
  | 'modelNumber'
  | 'displaySizeInches'
  | 'releaseDate'
  | 'color'
  | 'keyboardLanguage'
  | 'storageType';

export interface AssetFacts {
  readonly assetType: AssetType;
  readonly make: string | null;
  readonly model: string | null;
  readonly modelIdentifier: string | null;
  readonly modelNumber: string | null;
  readonly displaySizeInches: number | null;
  /** ISO partial date: "2018" or "2018-11". */
  readonly releaseDate: string | null;
  readonly color: string | null;
  readonly keyboardLanguage: string | null;
  readonly storageType: StorageType | null;
  /** Where each known value came from; a field that is null (or `unknown`) has no entry. */
  readonly sources: Readonly<Partial<Record<DerivedAssetField, FactSource>>>;
}

interface Fact<T> {
  readonly value: T;
  readonly source: FactSource;
}

/** What the identifier, the model string and the catalog say about the device, gathered once. */
interface Evidence {
  readonly input: AssetFactsInput;
  readonly apple: boolean;
  readonly parsed: ParsedModelString | null;
  /** Catalog entry of `input.modelIdentifier`, or of the model string when that is an identifier. */
  readonly entry: Fact<CatalogEntry> | null;
  /** Catalog entries matching the model string's name, used only when there is no entry. */
  readonly namedEntries: readonly CatalogEntry[];
}

const APPLE_MOBILE_PLATFORMS: ReadonlySet<string> = new Set(['ios', 'ipados', 'tvos', 'watchos', 'visionos']);
const APPLE_MAKE = /^apple(?:,? inc\.?)?$/i;
// Jamf manages Apple devices only, but a record can still say otherwise ("Android" in a hand-made record).
const NON_APPLE_PLATFORM = /\b(?:android|windows|chrome\s?os|linux)\b/i;

/**
 * Asset facts from what Jamf reports (R7, R8): pure, no I/O. A fact nothing supports stays null; a
 * model string's year wins over the catalog's when one identifier was sold in two years. Extension
 * attributes the connection maps are laid over these facts afterwards (jamf-record/, ea-mapping/).
 */
export function deriveAssetFacts(input: AssetFactsInput): AssetFacts {
  const evidence = gatherEvidence(input);
  const modelIdentifier = deriveModelIdentifier(evidence);
  const sources: Partial<Record<DerivedAssetField, FactSource>> = {};
  return {
    assetType: take(sources, 'assetType', deriveAssetType(evidence)) ?? 'unknown',
    make: take(sources, 'make', deriveMake(evidence)),
    model: take(sources, 'model', deriveModel(evidence)),
    modelIdentifier: take(sources, 'modelIdentifier', modelIdentifier),
    modelNumber: take(sources, 'modelNumber', jamfText(input.modelNumber)),
    displaySizeInches: take(sources, 'displaySizeInches', deriveDisplaySize(evidence)),
    releaseDate: take(sources, 'releaseDate', deriveReleaseDate(evidence)),
    color: take(sources, 'color', deriveColor(evidence, modelIdentifier?.value ?? null)),
    // Jamf has no keyboard language: only a mapped extension attribute fills it (ea-mapping/).
    keyboardLanguage: null,
    storageType: take(sources, 'storageType', deriveStorageType(evidence)),
    sources,
  };
}

/** The fact's value, noting its source. */
function take<T>(sources: Partial<Record<DerivedAssetField, FactSource>>, field: DerivedAssetField, fact: Fact<T> | null): T | null {
  if (fact === null) return null;
  sources[field] = fact.source;
  return fact.value;
}

function gatherEvidence(input: AssetFactsInput): Evidence {
  const make = trimmed(input.make);
  const apple =
    (make === null || APPLE_MAKE.test(make)) &&
    !mentionsOtherPlatform(input.platform) &&
    !mentionsOtherPlatform(input.osName) &&
    !mentionsOtherPlatform(input.modelString);
  if (!apple) return { input, apple, parsed: null, entry: null, namedEntries: [] };

  const parsed = parseModelString(input.modelString);
  const byIdentifier = catalogEntryFor(input.modelIdentifier);
  const byString = byIdentifier === null ? catalogEntryFor(parsed?.identifier) : null;
  const entry: Fact<CatalogEntry> | null =
    byIdentifier !== null
      ? { value: byIdentifier, source: 'identifier' }
      : byString !== null
        ? { value: byString, source: 'model-string' }
        : null;
  const namedEntries = entry === null && parsed !== null ? catalogEntriesForModel(parsed, input.modelString) : [];
  return { input, apple, parsed, entry, namedEntries };
}

function deriveAssetType({ apple, parsed, entry, input }: Evidence): Fact<AssetType> | null {
  if (!apple) return null;
  // A catalog entry decides even when it says `unknown` (a virtual Mac): the source then explains why.
  if (entry !== null) return { value: entry.value.assetType, source: entry.source };
  const byPrefix = assetTypeFromIdentifierPrefix(input.modelIdentifier ?? '');
  if (byPrefix !== null) return { value: byPrefix, source: 'identifier' };
  const byStringPrefix = parsed?.identifier ? assetTypeFromIdentifierPrefix(parsed.identifier) : null;
  if (byStringPrefix !== null) return { value: byStringPrefix, source: 'model-string' };
  if (parsed?.family != null) return { value: assetTypeOfFamily(parsed.family), source: 'model-string' };
  const byPlatform = assetTypeFromPlatform(input.platform) ?? assetTypeFromPlatform(input.osName);
  return byPlatform === null ? null : { value: byPlatform, source: 'jamf-field' };
}

/** Only platforms that name one kind of device; "iOS" covers phones and iPads, "Mac" laptops and desktops. */
function assetTypeFromPlatform(platform: string | null | undefined): AssetType | null {
  switch (platform?.trim().toLowerCase()) {
    case 'tvos':
      return 'tv';
    case 'watchos':
      return 'watch';
    case 'visionos':
      return 'headset';
    case 'ipados':
      return 'tablet';
    default:
      return null;
  }
}

function deriveMake({ apple, input, parsed, entry }: Evidence): Fact<string> | null {
  const make = trimmed(input.make);
  if (!apple) return make === null ? null : { value: make, source: 'jamf-field' };
  if (make !== null) return { value: 'Apple', source: 'jamf-field' };
  if (entry !== null) return { value: 'Apple', source: entry.source };
  if (assetTypeFromIdentifierPrefix(input.modelIdentifier ?? '') !== null) return { value: 'Apple', source: 'identifier' };
  if (parsed?.family != null) return { value: 'Apple', source: 'model-string' };
  // Jamf's mobile-device inventory holds Apple devices only.
  if (input.kind === 'mobile') return { value: 'Apple', source: 'jamf-field' };
  return null;
}

function deriveModel({ parsed, entry, input }: Evidence): Fact<string> | null {
  if (parsed?.model != null) return { value: parsed.model, source: 'model-string' };
  if (entry !== null) return { value: entry.value.model, source: entry.source };
  if (parsed?.identifier != null) return null;
  return jamfText(input.modelString);
}

function deriveModelIdentifier({ input, parsed, entry }: Evidence): Fact<string> | null {
  const reported = trimmed(input.modelIdentifier);
  if (reported !== null) {
    // Catalog spelling, since Jamf's single-device detail reports "ipad6,11".
    const canonical = entry?.source === 'identifier' ? entry.value.identifier : reported;
    return { value: canonical, source: 'jamf-field' };
  }
  if (parsed?.identifier != null) return { value: entry?.value.identifier ?? parsed.identifier, source: 'model-string' };
  return null;
}

/**
 * A size the model string states wins (R7: "MacBook Pro (13-inch, 2018)" gives 13"), so a stored size
 * never changes under an upgrade of the catalog. Only a string that names no size ("MacBook Air (M2,
 * 2022)") takes the diagonal Apple states for the identifier (13.6).
 */
function deriveDisplaySize({ parsed, entry, namedEntries }: Evidence): Fact<number> | null {
  if (parsed?.family != null && parsed.displaySizeInches !== null) return { value: parsed.displaySizeInches, source: 'model-string' };
  const matches = entry !== null ? [entry.value] : namedEntries;
  const size = agreed(matches.map((e) => (e.displaySizesInches.length === 1 ? e.displaySizesInches[0] : null)));
  return size === null ? null : { value: size, source: entry?.source ?? 'model-string' };
}

function deriveReleaseDate({ parsed, entry, namedEntries }: Evidence): Fact<string> | null {
  if (parsed?.family != null && parsed.year !== null) {
    if (parsed.month !== null) return { value: formatReleaseDate({ year: parsed.year, month: parsed.month }), source: 'model-string' };
    // The catalog may know the month of the year the string names (it never overrides the year).
    const year = parsed.year;
    const matches = entry !== null ? [entry.value] : namedEntries;
    const month = agreed(matches.map((e) => e.releases.find((r) => r.year === year)?.month ?? null));
    if (month !== null) return { value: formatReleaseDate({ year, month }), source: entry?.source ?? 'model-string' };
    return { value: String(year), source: 'model-string' };
  }
  if (entry !== null) {
    const release = singleRelease(entry.value.releases);
    return release === null ? null : { value: formatReleaseDate(release), source: entry.source };
  }
  const releases: ReleaseDate[] = [];
  for (const e of namedEntries) {
    const release = singleRelease(e.releases);
    if (release === null) return null;
    releases.push(release);
  }
  const named = singleRelease(releases);
  return named === null ? null : { value: formatReleaseDate(named), source: 'model-string' };
}

function deriveColor({ apple, input }: Evidence, modelIdentifier: string | null): Fact<string> | null {
  if (!apple) return null;
  const part = partNumberEntryFor(input.modelNumber);
  if (part === null) return null;
  // A part number filed under another device means one of the two is wrong: no colour then.
  if (modelIdentifier !== null && !part.identifiers.includes(modelIdentifier)) {
    const id = modelIdentifier.toLowerCase();
    if (!part.identifiers.some((p) => p.toLowerCase() === id)) return null;
  }
  return { value: part.color, source: 'part-number' };
}

function deriveStorageType({ apple, input, parsed, entry }: Evidence): Fact<StorageType> | null {
  const disk = storageTypeFromDiskModel(input.bootDiskModel);
  if (disk !== null) return { value: disk, source: 'jamf-field' };
  if (!apple) return null;
  if (entry !== null) return entry.value.storageType === null ? null : { value: entry.value.storageType, source: entry.source };
  if (identifierHasFlashStorage(input.modelIdentifier ?? '')) return { value: 'Flash', source: 'identifier' };
  if (parsed?.identifier && identifierHasFlashStorage(parsed.identifier)) return { value: 'Flash', source: 'model-string' };
  if (parsed?.family != null && familyHasFlashStorage(parsed.family)) return { value: 'Flash', source: 'model-string' };
  if (input.kind === 'mobile' && APPLE_MOBILE_PLATFORMS.has(input.platform?.trim().toLowerCase() ?? '')) {
    return { value: 'Flash', source: 'jamf-field' };
  }
  return null;
}

function mentionsOtherPlatform(value: string | null | undefined): boolean {
  return typeof value === 'string' && value !== '' && NON_APPLE_PLATFORM.test(value);
}

function jamfText(value: string | null | undefined): Fact<string> | null {
  const text = trimmed(value);
  return text === null ? null : { value: text, source: 'jamf-field' };
}

const RUN_OF_WHITESPACE = /\s{2,}|[\t\n\r]/;

function trimmed(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  return RUN_OF_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** The value all candidates share, or null when there are none or they differ. */
function agreed<T>(values: readonly (T | null)[]): T | null {
  if (values.length === 0 || values[0] === null) return null;
  return values.every((v) => v === values[0]) ? values[0] : null;
}
