/**
 * Merges the datasets into one entry per model identifier, cross-checking them: names are parsed
 * with the service's own parser, the majority wins where they disagree, years from every name are
 * kept (one identifier can be sold in two years), and every disagreement is written to the report.
 */
import { parseModelString, type ParsedModelString } from '../../src/catalog/model-string/parse-model-string';
import { assetTypeOfFamily, familyHasFlashStorage } from '../../src/catalog/product-families';
import type { AssetType, CatalogEntry, HandAddedFacts, PartNumberEntry, ProductFamily, ReleaseDate } from '../../src/catalog/types';
import {
  DISPLAY_SIZE_OVERRIDES,
  EXCLUDED_IDENTIFIERS,
  RELEASE_OVERRIDES,
  WRONG_NAMES,
  displaySizeOverrideSource,
  fixedMacStorage,
  statedDiagonal,
} from './apple-spec-overrides';
import type { AppleModelSources, NameSource, SourceName } from './read-sources';

export interface CrossCheckReport {
  readonly typeDisagreements: string[];
  readonly nameDisagreements: string[];
  readonly yearsMerged: string[];
  readonly releaseOverrides: string[];
  readonly displaySizeConflicts: string[];
  readonly displaySizeNotes: string[];
  readonly partNumberProblems: string[];
  readonly excluded: string[];
  readonly withoutReleaseYear: string[];
}

const DEVICE_IDENTIFIER = /^(MacBookPro|MacBookAir|MacBook|iMacPro|iMac|Macmini|MacPro|Mac|PowerBook|PowerMac|RackMac|Xserve|VirtualMac|iPhone|iPad|iPod|AppleTV|Watch|RealityDevice)(\d+),(\d+)$/;

/** Ties between names are settled by the most complete source first. */
const SOURCE_PRIORITY: readonly NameSource[] = ['sofa-identifiers', 'kyle', 'sofa-platform', 'ios-device-list', 'devicekit'];

const SOFA_DEVICE_TYPES: ReadonlyMap<string, AssetType> = new Map([
  ['Laptop', 'laptop'],
  ['Desktop', 'desktop'],
  ['Phone', 'mobile'],
  ['Tablet', 'tablet'],
  ['Set-Top Box', 'tv'],
  ['Wearable', 'watch'],
]);

interface ParsedName {
  readonly source: NameSource;
  readonly name: string;
  readonly parsed: ParsedModelString;
}

export function mergeCatalog(sources: AppleModelSources): {
  entries: CatalogEntry[];
  partNumbers: Map<string, PartNumberEntry>;
  report: CrossCheckReport;
} {
  const report: CrossCheckReport = {
    typeDisagreements: [],
    nameDisagreements: [],
    yearsMerged: [],
    releaseOverrides: [],
    displaySizeConflicts: [],
    displaySizeNotes: [],
    partNumberProblems: [],
    excluded: [],
    withoutReleaseYear: [],
  };
  const namesById = groupNames(sources.names, report);
  const entries: CatalogEntry[] = [];
  for (const [identifier, names] of [...namesById].sort(([a], [b]) => compareIdentifiers(a, b))) {
    const entry = mergeIdentifier(identifier, names, sources, report);
    if (entry) entries.push(entry);
  }
  const partNumbers = mergePartNumbers(sources, new Set(entries.map((e) => e.identifier)), report);
  return { entries, partNumbers, report };
}

function groupNames(names: readonly SourceName[], report: CrossCheckReport): Map<string, ParsedName[]> {
  const byId = new Map<string, ParsedName[]>();
  for (const { source, identifier, name } of names) {
    if (!DEVICE_IDENTIFIER.test(identifier)) continue;
    const excludedWhy = EXCLUDED_IDENTIFIERS.get(identifier);
    if (excludedWhy !== undefined) {
      addOnce(report.excluded, `${identifier}: ${excludedWhy}`);
      continue;
    }
    const wrong = WRONG_NAMES.find((w) => w.source === source && w.identifier === identifier && w.name === name);
    if (wrong) {
      addOnce(report.nameDisagreements, `${identifier}: dropped ${source} name "${name}" (${wrong.why})`);
      continue;
    }
    const parsed = parseModelString(name);
    if (!parsed) continue;
    const list = byId.get(identifier) ?? [];
    list.push({ source, name, parsed });
    byId.set(identifier, list);
  }
  return byId;
}

function mergeIdentifier(
  identifier: string,
  allNames: readonly ParsedName[],
  sources: AppleModelSources,
  report: CrossCheckReport,
): CatalogEntry | null {
  // SOFA lists prototypes as "Unreleased …": they never reach a customer's Jamf.
  const names = allNames.filter((n) => !n.parsed.details.some((d) => d.toLowerCase() === 'unreleased'));
  if (names.length === 0) {
    report.excluded.push(`${identifier}: only named as unreleased ("${allNames[0].name}")`);
    return null;
  }
  const withFamily = names.filter((n) => n.parsed.family !== null);
  if (withFamily.length === 0) {
    report.excluded.push(`${identifier}: no name parses to a product family ("${names[0].name}")`);
    return null;
  }
  const family = majority(withFamily, (n) => n.parsed.family as ProductFamily, identifier, 'family', report);
  const model = majority(
    withFamily.filter((n) => n.parsed.family === family),
    (n) => n.parsed.model as string,
    identifier,
    'model',
    report,
  );
  const assetType = assetTypeOfFamily(family);
  crossCheckType(identifier, assetType, sources, report);

  const handAdded: HandAddedFacts = {};
  return {
    identifier,
    family,
    model,
    names: [...new Set(names.map((n) => n.name))],
    assetType,
    releases: mergeReleases(identifier, names, report, handAdded),
    displaySizesInches: mergeDisplaySizes(identifier, family, names, sources, report, handAdded),
    storageType: familyHasFlashStorage(family) ? 'Flash' : fixedMacStorage(identifier),
    ...(Object.keys(handAdded).length > 0 ? { handAdded } : {}),
  };
}

/** The value most names give; ties go to the higher-priority source. Minority values are reported. */
function majority<T extends string>(
  names: readonly ParsedName[],
  valueOf: (n: ParsedName) => T,
  identifier: string,
  what: string,
  report: CrossCheckReport,
): T {
  const counts = new Map<T, { count: number; bestPriority: number }>();
  for (const n of names) {
    const value = valueOf(n);
    const priority = SOURCE_PRIORITY.indexOf(n.source);
    const current = counts.get(value) ?? { count: 0, bestPriority: Number.MAX_SAFE_INTEGER };
    counts.set(value, { count: current.count + 1, bestPriority: Math.min(current.bestPriority, priority) });
  }
  const ranked = [...counts].sort(([, a], [, b]) => b.count - a.count || a.bestPriority - b.bestPriority);
  const winner = ranked[0][0];
  for (const [value] of ranked.slice(1)) {
    const from = names.filter((n) => valueOf(n) === value).map((n) => `${n.source} "${n.name}"`);
    report.nameDisagreements.push(`${identifier}: ${what} "${winner}" kept over "${value}" (${from.join(', ')})`);
  }
  return winner;
}

function crossCheckType(identifier: string, assetType: AssetType, sources: AppleModelSources, report: CrossCheckReport): void {
  const sofa = sources.sofaPlatform.get(identifier);
  if (!sofa) return;
  const sofaType = SOFA_DEVICE_TYPES.get(sofa.deviceType);
  if (sofaType !== undefined && sofaType !== assetType) {
    report.typeDisagreements.push(
      `${identifier} (${sofa.marketingName}): SOFA says ${sofa.deviceType}; kept ${assetType} from the product family`,
    );
  }
}

function mergeReleases(
  identifier: string,
  names: readonly ParsedName[],
  report: CrossCheckReport,
  handAdded: HandAddedFacts,
): ReleaseDate[] {
  const byYear = new Map<number, number | undefined>();
  for (const { parsed } of names) {
    if (parsed.year === null) continue;
    const month = byYear.get(parsed.year) ?? parsed.month ?? undefined;
    byYear.set(parsed.year, month);
  }
  if (byYear.size > 1) {
    const from = names.filter((n) => n.parsed.year !== null).map((n) => `${n.source} "${n.name}"`);
    report.yearsMerged.push(`${identifier}: sold in ${[...byYear.keys()].sort().join(' and ')} (${[...new Set(from)].join('; ')})`);
  }
  const override = RELEASE_OVERRIDES.get(identifier);
  if (override) {
    const named = [...byYear.keys()];
    const years = override.releases.map((r) => r.year);
    if (named.length > 0 && !named.every((year) => years.includes(year))) {
      report.releaseOverrides.push(`${identifier}: names say ${named.join('/')}, Apple's specs say ${years.join('/')}; kept Apple's`);
      byYear.clear();
    }
    for (const r of override.releases) byYear.set(r.year, r.month ?? byYear.get(r.year));
    handAdded.releases = override.source;
  }
  const releases = [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, month]) => (month === undefined ? { year } : { year, month }));
  if (releases.length === 0) report.withoutReleaseYear.push(`${identifier} (${names[0].name})`);
  return releases;
}

/** The sizes from names or DeviceKit, as Apple states them (a hand-written size replaces them). */
function mergeDisplaySizes(
  identifier: string,
  family: ProductFamily,
  names: readonly ParsedName[],
  sources: AppleModelSources,
  report: CrossCheckReport,
  handAdded: HandAddedFacts,
): number[] {
  const sizes = namedOrMeasuredSizes(identifier, names, sources, report);
  if (DISPLAY_SIZE_OVERRIDES.has(identifier)) {
    handAdded.displaySizesInches = displaySizeOverrideSource(identifier);
    return sizes;
  }
  const stated = [...new Set(sizes.map((size) => statedDiagonal(identifier, family, size)))].sort((a, b) => a - b);
  if (stated.some((size, i) => size !== sizes[i])) {
    handAdded.displaySizesInches = 'apple-specs';
    addOnce(report.displaySizeNotes, STATED_DIAGONAL_NOTE);
  }
  return stated;
}

const STATED_DIAGONAL_NOTE =
  'Mac laptops: names give the class ("13-inch"), the catalog keeps the diagonal Apple states in the tech specs (13.3, 13.6, 14.2, 15.3, 15.4, 16.2; `statedDiagonal` in apple-spec-overrides.ts)';

/**
 * Sizes from names ("13-inch") are Apple's class sizes and win; DeviceKit's measured diagonals fill
 * phones, iPads and watches whose names carry no size. For watches DeviceKit's case size must agree
 * with the names' case size, else the size stays unknown.
 */
function namedOrMeasuredSizes(
  identifier: string,
  names: readonly ParsedName[],
  sources: AppleModelSources,
  report: CrossCheckReport,
): number[] {
  const override = DISPLAY_SIZE_OVERRIDES.get(identifier);
  const fromNames = [...new Set(names.map((n) => n.parsed.displaySizeInches).filter((s): s is number => s !== null))].sort(
    (a, b) => a - b,
  );
  const kit = sources.deviceKit.find((row) => row.identifiers.includes(identifier));
  const kitSize = kit && kit.diagonalInches > 0 ? kit.diagonalInches : null;

  if (override !== undefined) {
    if (fromNames.length > 0 && !fromNames.includes(override)) {
      report.displaySizeNotes.push(`${identifier}: names say ${fromNames.join('/')}", kept Apple's ${override}"`);
    }
    return [override];
  }
  if (fromNames.length > 0) {
    if (kitSize !== null && !fromNames.includes(kitSize)) {
      report.displaySizeNotes.push(
        `${identifier}: name class size ${fromNames.join('/')}" kept; DeviceKit's measured diagonal is ${kitSize}"`,
      );
    }
    return fromNames;
  }
  if (kit === undefined || kitSize === null) return [];
  if (names.some((n) => n.parsed.family === 'Apple Watch')) {
    reportWatchCaseConflict(identifier, names, kit, report);
    addOnce(report.displaySizeNotes, WATCH_DIAGONAL_NOTE);
    return [];
  }
  return [kitSize];
}

/*
 * Apple gives watch sizes as case millimetres, never as display inches, and DeviceKit's watch
 * diagonals disagree with the resolutions Apple does publish (Series 4, 44 mm: 368 × 448 px at
 * 326 ppi is 1.78", DeviceKit says 2.0"). So a watch's display size stays unknown.
 */
const WATCH_DIAGONAL_NOTE =
  'Apple Watch: display size left unknown for every watch. Apple publishes case sizes (mm), not display diagonals, and DeviceKit\'s diagonals disagree with Apple\'s published resolutions (Series 4 44 mm: 368×448 px at 326 ppi = 1.78", DeviceKit 2.0")';

function reportWatchCaseConflict(
  identifier: string,
  names: readonly ParsedName[],
  kit: { description: string },
  report: CrossCheckReport,
): void {
  const nameCases = new Set(names.filter((n) => n.source !== 'devicekit').map((n) => n.parsed.caseSizeMm).filter((s) => s !== null));
  const kitCase = parseModelString(kit.description)?.caseSizeMm ?? null;
  if (kitCase !== null && nameCases.size > 0 && !nameCases.has(kitCase)) {
    report.displaySizeConflicts.push(
      `${identifier}: DeviceKit files it as a ${kitCase} mm case, SOFA's name says ${[...nameCases].join('/')} mm`,
    );
  }
}

function mergePartNumbers(
  sources: AppleModelSources,
  knownIdentifiers: ReadonlySet<string>,
  report: CrossCheckReport,
): Map<string, PartNumberEntry> {
  const colors = new Map<string, Set<string>>();
  const identifiers = new Map<string, Set<string>>();
  for (const row of sources.partNumbers) {
    for (const partNumber of row.partNumbers) {
      if (!/^[A-Z0-9]{5}$/.test(partNumber)) {
        addOnce(report.partNumberProblems, `${row.identifier} ${row.color}: "${partNumber}" is not a five-character part-number prefix; skipped`);
        continue;
      }
      if (row.color === '') continue;
      (colors.get(partNumber) ?? colors.set(partNumber, new Set()).get(partNumber)!).add(row.color);
      (identifiers.get(partNumber) ?? identifiers.set(partNumber, new Set()).get(partNumber)!).add(row.identifier);
    }
  }
  const merged = new Map<string, PartNumberEntry>();
  for (const [partNumber, colorSet] of [...colors].sort(([a], [b]) => a.localeCompare(b))) {
    const ids = [...(identifiers.get(partNumber) ?? [])].sort(compareIdentifiers);
    if (colorSet.size > 1) {
      report.partNumberProblems.push(`${partNumber} (${ids.join(', ')}): listed as ${[...colorSet].join(' and ')}; colour left unknown`);
      continue;
    }
    const unknown = ids.filter((id) => !knownIdentifiers.has(id));
    if (unknown.length > 0) addOnce(report.partNumberProblems, `${partNumber}: identifier ${unknown.join(', ')} is not in the catalog`);
    merged.set(partNumber, { color: [...colorSet][0], identifiers: ids });
  }
  return merged;
}

/** "iPad6,11" after "iPad6,3": natural order by prefix, then numbers. */
export function compareIdentifiers(a: string, b: string): number {
  const pa = /^([A-Za-z]+)(\d+),(\d+)$/.exec(a);
  const pb = /^([A-Za-z]+)(\d+),(\d+)$/.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa[1].localeCompare(pb[1]) || Number(pa[2]) - Number(pb[2]) || Number(pa[3]) - Number(pb[3]);
}

function addOnce(list: string[], line: string): void {
  if (!list.includes(line)) list.push(line);
}
