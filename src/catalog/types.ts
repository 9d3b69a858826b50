/** The kinds of asset the inventory knows (R8). `unknown` blocks creation (R1). */
export type AssetType = 'laptop' | 'desktop' | 'mobile' | 'tablet' | 'tv' | 'watch' | 'headset' | 'unknown';

export type StorageType = 'SSD' | 'HDD' | 'Fusion' | 'Flash';

/**
 * Where a derived fact came from, so an admin can ask "why did this device map like that":
 * - `identifier`: the model identifier, looked up in the catalog (or its prefix, e.g. `iPhone…`);
 * - `model-string`: Jamf's marketing model string, parsed (possibly helped by the catalog);
 * - `part-number`: the part number (`MP2F2LL`), looked up in the part-number colour table;
 * - `jamf-field`: a Jamf field taken as reported (or Jamf's platform/OS field).
 * A value an extension attribute filled says `extension attribute <name>` instead (JamfRecordFacts).
 */
export type FactSource = 'identifier' | 'model-string' | 'part-number' | 'jamf-field';

/** Product lines, spelled as Apple spells them. The asset type follows from the line. */
export type ProductFamily =
  | 'MacBook Pro'
  | 'MacBook Air'
  | 'MacBook'
  | 'PowerBook'
  | 'iBook'
  | 'iMac Pro'
  | 'iMac'
  | 'eMac'
  | 'Mac mini'
  | 'Mac Studio'
  | 'Mac Pro'
  | 'Power Mac'
  | 'Xserve'
  | 'iPhone'
  | 'iPod touch'
  | 'iPad Pro'
  | 'iPad Air'
  | 'iPad mini'
  | 'iPad'
  | 'Apple TV'
  | 'Apple Watch'
  | 'Apple Vision Pro'
  | 'Apple Virtual Machine';

/** A release: the year always, the month (1–12) only when a source states it. */
export interface ReleaseDate {
  readonly year: number;
  readonly month?: number;
}

/** One model identifier in the generated catalog (see scripts/build-catalog.ts). */
export interface CatalogEntry {
  /** Apple's spelling, e.g. `MacBookPro15,2`. */
  readonly identifier: string;
  readonly family: ProductFamily;
  /** Clean model name: the family plus the words that name the model, e.g. "iPhone 15 Pro", "MacBook Pro". */
  readonly model: string;
  /** Every marketing name the sources give, e.g. "MacBook Pro (13-inch, 2018)". */
  readonly names: readonly string[];
  readonly assetType: AssetType;
  /** All releases sold under this identifier, oldest first (MacBookPro15,2: 2018 and 2019). */
  readonly releases: readonly ReleaseDate[];
  /** All display sizes sold under this identifier (iMac10,1: 21.5 and 27); empty when none or unknown. */
  readonly displaySizesInches: readonly number[];
  /** Only when every configuration had the same kind of storage. */
  readonly storageType: StorageType | null;
  /** Facts written by hand (scripts/catalog/apple-spec-overrides.ts) rather than taken from a dataset, and from where. */
  readonly handAdded?: HandAddedFacts;
}

/**
 * Where a hand-added fact comes from: `apple-newsroom` (launch announcements), `apple-specs`
 * (support.apple.com/specs), `apple-specs-year` (the same, year only), `press` (third-party coverage
 * of devices newer than those pages, to be confirmed on Apple Newsroom).
 */
export type HandAddedSource = 'apple-newsroom' | 'apple-specs' | 'apple-specs-year' | 'press';

export interface HandAddedFacts {
  releases?: HandAddedSource;
  displaySizesInches?: HandAddedSource;
}

/** A part-number prefix (first five characters, e.g. `MP2F2`) and what it tells. */
export interface PartNumberEntry {
  readonly color: string;
  readonly identifiers: readonly string[];
}
