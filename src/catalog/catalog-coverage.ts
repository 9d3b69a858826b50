import { APPLE_MODELS } from './model-data/apple-models.generated';
import { PART_NUMBER_COLORS } from './model-data/part-number-colors.generated';
import type { CatalogEntry, HandAddedSource, ProductFamily } from './types';

/**
 * Why an identifier is not counted for display size: it has no built-in display, or Apple states
 * none as a diagonal. Everything else (laptops, iMacs, phones, iPads, iPod touch) must have one.
 */
export type NoDisplayReason = 'no built-in display' | 'case size in mm, not a diagonal' | 'no stated diagonal' | 'not a device';

const NO_DISPLAY: Partial<Record<ProductFamily, NoDisplayReason>> = {
  'Mac mini': 'no built-in display',
  'Mac Studio': 'no built-in display',
  'Mac Pro': 'no built-in display',
  'Power Mac': 'no built-in display',
  Xserve: 'no built-in display',
  'Apple TV': 'no built-in display',
  'Apple Watch': 'case size in mm, not a diagonal',
  // Two micro-OLED panels, one per eye: Apple states pixels, not a diagonal.
  'Apple Vision Pro': 'no stated diagonal',
  'Apple Virtual Machine': 'not a device',
};

export function noDisplayReason(entry: CatalogEntry): NoDisplayReason | null {
  return NO_DISPLAY[entry.family] ?? null;
}

export interface CatalogCoverage {
  readonly identifiers: number;
  readonly byAssetType: Readonly<Record<string, number>>;
  /** Identifiers that should have a display size, and those that do. */
  readonly withDisplay: { readonly expected: number; readonly known: number; readonly missing: readonly string[] };
  readonly withoutDisplayByReason: Readonly<Record<string, number>>;
  /** Identifiers whose catalog entry holds two sizes (iMac10,1: 21.5 and 27): the model string picks one. */
  readonly severalDisplaySizes: readonly string[];
  /** Every identifier except virtual machines should have a release. */
  readonly withRelease: {
    readonly expected: number;
    readonly known: number;
    readonly withMonth: number;
    readonly missing: readonly string[];
    /** Sold in more than one year: the model string's year picks one. */
    readonly severalYears: readonly string[];
  };
  readonly withColourByPartNumber: number;
  readonly partNumberPrefixes: number;
  readonly handAdded: Readonly<Record<string, number>>;
}

export function catalogCoverage(entries: readonly CatalogEntry[] = APPLE_MODELS): CatalogCoverage {
  const byAssetType: Record<string, number> = {};
  const withoutDisplayByReason: Record<string, number> = {};
  const handAdded: Record<string, number> = {};
  const displayMissing: string[] = [];
  const releaseMissing: string[] = [];
  let displayExpected = 0;
  let releaseExpected = 0;
  let withMonth = 0;
  for (const entry of entries) {
    byAssetType[entry.assetType] = (byAssetType[entry.assetType] ?? 0) + 1;
    const reason = noDisplayReason(entry);
    if (reason === null) {
      displayExpected++;
      if (entry.displaySizesInches.length === 0) displayMissing.push(entry.identifier);
    } else {
      withoutDisplayByReason[reason] = (withoutDisplayByReason[reason] ?? 0) + 1;
    }
    if (reason !== 'not a device') {
      releaseExpected++;
      if (entry.releases.length === 0) releaseMissing.push(entry.identifier);
      else if (entry.releases.every((r) => r.month !== undefined)) withMonth++;
    }
    for (const [fact, source] of Object.entries(entry.handAdded ?? {}) as [string, HandAddedSource][]) {
      const key = `${fact}: ${source}`;
      handAdded[key] = (handAdded[key] ?? 0) + 1;
    }
  }
  const coloured = new Set<string>();
  for (const [, identifiers] of Object.values(PART_NUMBER_COLORS)) for (const id of identifiers.split(' ')) coloured.add(id);
  const known = new Set(entries.map((e) => e.identifier));
  return {
    identifiers: entries.length,
    byAssetType,
    withDisplay: { expected: displayExpected, known: displayExpected - displayMissing.length, missing: displayMissing },
    withoutDisplayByReason,
    severalDisplaySizes: entries.filter((e) => e.displaySizesInches.length > 1).map((e) => e.identifier),
    withRelease: {
      expected: releaseExpected,
      known: releaseExpected - releaseMissing.length,
      withMonth,
      missing: releaseMissing,
      severalYears: entries.filter((e) => new Set(e.releases.map((r) => r.year)).size > 1).map((e) => e.identifier),
    },
    withColourByPartNumber: [...coloured].filter((id) => known.has(id)).length,
    partNumberPrefixes: Object.keys(PART_NUMBER_COLORS).length,
    handAdded,
  };
}
