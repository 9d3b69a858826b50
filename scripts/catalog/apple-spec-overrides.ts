/**
 * Hand-written facts that the datasets lack or get wrong, each from Apple's own publications:
 * the tech-specs pages (support.apple.com/specs, "Identify your … model" pages) and Apple Newsroom
 * announcements (the month is when the device went on sale). Only facts known for certain are here:
 * anything doubtful is left out, so it stays null in the catalog rather than being guessed. The one
 * exception, devices newer than those pages, is tagged `press` so that it can be checked and replaced.
 */
import type { HandAddedSource, ProductFamily, ReleaseDate, StorageType } from '../../src/catalog/types';

/** "2023-09" → { year: 2023, month: 9 }; "2012" → { year: 2012 }. */
function release(date: string): ReleaseDate {
  const [year, month] = date.split('-').map(Number);
  return month === undefined ? { year } : { year, month };
}

function range(prefix: string, major: number, minors: readonly number[]): string[] {
  return minors.map((minor) => `${prefix}${major},${minor}`);
}

/**
 * Release dates of iOS-family devices: no dataset gives them (names such as "iPhone 15 Pro" carry no
 * year). Source: Apple Newsroom launch announcements and support.apple.com/specs.
 * Macs are not here: their names carry the year ("MacBook Pro (13-inch, 2018)") except where noted.
 */
const RELEASES: readonly (readonly [identifiers: readonly string[], date: string, source?: HandAddedSource])[] = [
  // iPhone
  [['iPhone1,1'], '2007-06'],
  [['iPhone1,2'], '2008-07'],
  [['iPhone2,1'], '2009-06'],
  [['iPhone3,1'], '2010-06'],
  [['iPhone3,3'], '2011-02'], // the CDMA iPhone 4 (Verizon) went on sale in February 2011
  [['iPhone4,1'], '2011-10'],
  [range('iPhone', 5, [1, 2]), '2012-09'],
  [range('iPhone', 5, [3, 4]), '2013-09'],
  [range('iPhone', 6, [1, 2]), '2013-09'],
  [range('iPhone', 7, [1, 2]), '2014-09'],
  [range('iPhone', 8, [1, 2]), '2015-09'],
  [['iPhone8,4'], '2016-03'],
  [range('iPhone', 9, [1, 2, 3, 4]), '2016-09'],
  [range('iPhone', 10, [1, 2, 4, 5]), '2017-09'],
  [range('iPhone', 10, [3, 6]), '2017-11'], // iPhone X
  [range('iPhone', 11, [2, 4, 6]), '2018-09'],
  [['iPhone11,8'], '2018-10'], // iPhone XR
  [range('iPhone', 12, [1, 3, 5]), '2019-09'],
  [['iPhone12,8'], '2020-04'],
  [range('iPhone', 13, [2, 3]), '2020-10'], // iPhone 12 and 12 Pro
  [range('iPhone', 13, [1, 4]), '2020-11'], // iPhone 12 mini and 12 Pro Max
  [range('iPhone', 14, [2, 3, 4, 5]), '2021-09'],
  [['iPhone14,6'], '2022-03'],
  [['iPhone14,7', 'iPhone15,2', 'iPhone15,3'], '2022-09'],
  [['iPhone14,8'], '2022-10'], // iPhone 14 Plus
  [['iPhone15,4', 'iPhone15,5', 'iPhone16,1', 'iPhone16,2'], '2023-09'],
  [range('iPhone', 17, [1, 2, 3, 4]), '2024-09'],
  [['iPhone17,5'], '2025-02'], // iPhone 16e
  [range('iPhone', 18, [1, 2, 3, 4]), '2025-09'],
  // iPod touch
  [['iPod1,1'], '2007-09'],
  [['iPod2,1'], '2008-09'],
  [['iPod3,1'], '2009-09'],
  [['iPod4,1'], '2010-09'],
  [['iPod5,1'], '2012-10'],
  [['iPod7,1'], '2015-07'],
  [['iPod9,1'], '2019-05'],
  // iPad
  [['iPad1,1', 'iPad1,2'], '2010-04'],
  [range('iPad', 2, [1, 2, 3]), '2011-03'],
  [range('iPad', 2, [5, 6, 7]), '2012-11'],
  [range('iPad', 3, [1, 2, 3]), '2012-03'],
  [range('iPad', 3, [4, 5, 6]), '2012-11'],
  [range('iPad', 4, [1, 2, 3, 4, 5, 6]), '2013-11'],
  [[...range('iPad', 4, [7, 8, 9]), ...range('iPad', 5, [3, 4])], '2014-10'],
  [range('iPad', 5, [1, 2]), '2015-09'],
  [range('iPad', 6, [7, 8]), '2015-11'],
  [range('iPad', 6, [3, 4]), '2016-03'],
  [range('iPad', 6, [11, 12]), '2017-03'],
  [range('iPad', 7, [1, 2, 3, 4]), '2017-06'],
  [range('iPad', 7, [5, 6]), '2018-03'],
  [range('iPad', 8, [1, 2, 3, 4, 5, 6, 7, 8]), '2018-11'],
  [range('iPad', 11, [1, 2, 3, 4]), '2019-03'],
  [range('iPad', 7, [11, 12]), '2019-09'],
  [range('iPad', 8, [9, 10, 11, 12]), '2020-03'],
  [range('iPad', 11, [6, 7]), '2020-09'],
  [range('iPad', 13, [1, 2]), '2020-10'],
  [range('iPad', 13, [4, 5, 6, 7, 8, 9, 10, 11]), '2021-05'],
  [[...range('iPad', 12, [1, 2]), ...range('iPad', 14, [1, 2])], '2021-09'],
  [range('iPad', 13, [16, 17]), '2022-03'],
  [[...range('iPad', 13, [18, 19]), ...range('iPad', 14, [3, 4, 5, 6])], '2022-10'],
  [[...range('iPad', 14, [8, 9, 10, 11]), ...range('iPad', 16, [3, 4, 5, 6])], '2024-05'],
  [range('iPad', 16, [1, 2]), '2024-10'],
  [range('iPad', 15, [3, 4, 5, 6, 7, 8]), '2025-03'],
  [range('iPad', 17, [1, 2, 3, 4]), '2025-10'],
  // Apple TV
  [['AppleTV1,1'], '2007-03'],
  [['AppleTV2,1'], '2010-09'],
  [['AppleTV3,1'], '2012-03'],
  [['AppleTV3,2'], '2013-01'], // the quiet "Rev A" of the third generation
  [['AppleTV5,3'], '2015-10'],
  [['AppleTV6,2'], '2017-09'],
  [['AppleTV11,1'], '2021-05'],
  [['AppleTV14,1'], '2022-11'],
  // Apple Watch
  [range('Watch', 1, [1, 2]), '2015-04'],
  [range('Watch', 2, [3, 4, 6, 7]), '2016-09'],
  [range('Watch', 3, [1, 2, 3, 4]), '2017-09'],
  [range('Watch', 4, [1, 2, 3, 4]), '2018-09'],
  [range('Watch', 5, [1, 2, 3, 4]), '2019-09'],
  [[...range('Watch', 5, [9, 10, 11, 12]), ...range('Watch', 6, [1, 2, 3, 4])], '2020-09'],
  [range('Watch', 6, [6, 7, 8, 9]), '2021-10'],
  [range('Watch', 6, [10, 11, 12, 13, 14, 15, 16, 17, 18]), '2022-09'],
  [range('Watch', 7, [1, 2, 3, 4, 5]), '2023-09'],
  [range('Watch', 7, [8, 9, 10, 11]), '2024-09'],
  [range('Watch', 7, [12, 13, 14, 15, 16, 17, 18, 19, 20]), '2025-09'],
  // Apple Vision Pro
  [['RealityDevice14,1'], '2024-02'],
  [['RealityDevice17,1'], '2025-10'],
  // Macs whose names carry no year in any dataset
  [['Mac13,1', 'Mac13,2'], '2022-03'], // Mac Studio (M1 Max / M1 Ultra)
  [['Mac17,2'], '2025-10'], // MacBook Pro 14-inch (M5)
  // Announced in the week of 2 March 2026 (Apple's "special Apple Experience", 4 March), on sale in
  // March. Not yet in any dataset with a date, and newer than the Apple pages this file was written
  // from: taken from press coverage, so tagged `press` for a reviewer to confirm on Apple Newsroom
  // (macrumors.com/guide/apple-products-march-2026; MacBook Neo on sale 11 March 2026).
  [['Mac17,3', 'Mac17,4'], '2026-03', 'press'], // MacBook Air 13-inch and 15-inch (M5)
  [['Mac17,5'], '2026-03', 'press'], // MacBook Neo (A18 Pro)
  [range('Mac', 17, [6, 7, 8, 9]), '2026-03', 'press'], // MacBook Pro 14-inch and 16-inch (M5 Pro, M5 Max)
  [['iPhone18,5'], '2026-03', 'press'], // iPhone 17e
  [range('iPad', 16, [8, 9, 10, 11]), '2026-03', 'press'], // iPad Air 11-inch and 13-inch (M4)
  // PowerPC Macs (1999–2005), whose SOFA names carry no year. Year only, from Apple's product
  // history (support.apple.com/specs); two years where one identifier was sold in both.
  [['PowerBook1,1', 'PowerMac1,1', 'PowerMac1,2', 'PowerMac2,1', 'PowerMac3,1'], '1999', 'apple-specs-year'],
  [['PowerBook2,1'], '1999', 'apple-specs-year'],
  [['PowerBook2,1'], '2000', 'apple-specs-year'], // the iBook Special Edition of February 2000
  [['PowerBook2,2', 'PowerBook3,1', 'PowerMac3,3', 'PowerMac5,1'], '2000', 'apple-specs-year'],
  [['PowerBook3,2', 'PowerBook3,3', 'PowerMac3,4'], '2001', 'apple-specs-year'],
  [['PowerMac3,5'], '2001', 'apple-specs-year'],
  [['PowerMac3,5'], '2002', 'apple-specs-year'], // QuickSilver 2002
  [['PowerBook3,4', 'PowerBook3,5', 'PowerBook4,2', 'PowerMac4,5', 'RackMac1,1'], '2002', 'apple-specs-year'],
  [['PowerBook4,3', 'PowerMac3,6'], '2002', 'apple-specs-year'],
  [['PowerBook4,3', 'PowerMac3,6'], '2003', 'apple-specs-year'], // iBook (32 VRAM); Power Mac G4 (FW 800)
  [['PowerBook5,1', 'PowerBook5,2', 'PowerBook5,3', 'PowerBook6,1', 'PowerBook6,2', 'PowerBook6,3'], '2003', 'apple-specs-year'],
  [['PowerMac4,4', 'PowerMac6,1', 'PowerMac6,3', 'PowerMac7,2', 'RackMac1,2'], '2003', 'apple-specs-year'],
  [['PowerBook5,4', 'PowerBook5,5', 'PowerBook6,4', 'PowerMac8,1', 'PowerMac6,4'], '2004', 'apple-specs-year'],
  [['PowerMac6,4'], '2005', 'apple-specs-year'], // eMac (2005)
  [['PowerBook5,6', 'PowerBook5,7', 'PowerBook5,8', 'PowerBook5,9', 'PowerBook6,8', 'PowerMac8,2', 'PowerMac12,1'], '2005', 'apple-specs-year'],
];

/** The source is written into the catalog entry (`handAdded`) so a reviewer can check each hand-added fact. */
export interface HandRelease {
  readonly releases: readonly ReleaseDate[];
  readonly source: HandAddedSource;
}

/** Hand-added releases per identifier; one identifier may have two rows (sold in two years). */
export const RELEASE_OVERRIDES: ReadonlyMap<string, HandRelease> = RELEASES.reduce((byId, [identifiers, date, source]) => {
  for (const id of identifiers) {
    const known = byId.get(id);
    byId.set(id, { releases: [...(known?.releases ?? []), release(date)], source: source ?? 'apple-newsroom' });
  }
  return byId;
}, new Map<string, HandRelease>());

/**
 * Display sizes (inches) as Apple states them in the tech specs ("13.6-inch (diagonal)"), for
 * identifiers whose names give no size, or give only the class ("13-inch"). Source: support.apple.com/specs.
 */
export const DISPLAY_SIZE_OVERRIDES: ReadonlyMap<string, number> = new Map([
  ['MacBookAir1,1', 13.3], // names say only "MacBook Air (Early 2008)"
  ['MacBookAir2,1', 13.3],
  ['MacBookAir10,1', 13.3], // "MacBook Air (M1, 2020)"
  ['Mac14,2', 13.6], // "MacBook Air (M2, 2022)"
  ['Mac17,5', 13], // MacBook Neo: "13-inch Liquid Retina display" (press coverage, March 2026; see RELEASES)
  ['iMacPro1,1', 27],
  ['iPhone1,1', 3.5],
  ['iPhone1,2', 3.5],
  ['iPhone2,1', 3.5],
  ['iPod1,1', 3.5],
  ['iPod2,1', 3.5],
  ['iPod3,1', 3.5],
  ['iPod4,1', 3.5],
  ['iPad1,1', 9.7],
  ['iPad1,2', 9.7],
  // Apple states the A16 iPad and the M2-and-later 11-inch iPad Air as "11-inch (diagonal)";
  // DeviceKit gives the measured 10.9 (which Apple states for iPad Air 4th/5th and iPad 10th generation).
  ['iPad15,7', 11],
  ['iPad15,8', 11],
  ['iPad16,8', 11],
  ['iPad16,9', 11],
  // PowerPC laptops and iMacs whose names give no size.
  ['PowerBook1,1', 14.1],
  ['PowerBook2,1', 12.1],
  ['PowerBook2,2', 12.1],
  ['PowerBook3,1', 14.1],
  ['PowerBook3,2', 15.2],
  ['PowerBook3,3', 15.2],
  ['PowerBook3,4', 15.2],
  ['PowerBook3,5', 15.2],
  ['PowerBook4,1', 12.1],
  ['PowerMac2,1', 15],
  ['PowerMac2,2', 15],
  ['PowerMac4,1', 15],
  ['PowerMac4,4', 17],
  ['PowerMac6,4', 17],
]);

/** Hand-added display sizes taken from press coverage rather than Apple's pages (see RELEASES). */
const DISPLAY_SIZES_FROM_PRESS: ReadonlySet<string> = new Set(['Mac17,5']);

export function displaySizeOverrideSource(identifier: string): HandAddedSource {
  return DISPLAY_SIZES_FROM_PRESS.has(identifier) ? 'press' : 'apple-specs';
}

/** The 13-inch MacBook Air with the notch-era design: 13.6-inch, where earlier 13-inch Airs were 13.3. */
const AIR_13_6: ReadonlySet<string> = new Set(['Mac14,2', 'Mac15,12', 'Mac16,12', 'Mac17,3']);
/** The 2019 16-inch MacBook Pro is 16.0-inch; the Apple-silicon ones are 16.2-inch. */
const PRO_16_0: ReadonlySet<string> = new Set(['MacBookPro16,1', 'MacBookPro16,4']);

/**
 * Apple names laptops by class ("MacBook Pro (13-inch, 2018)") and states the diagonal in the tech
 * specs (13.3-inch). This maps a class size from a name to the stated diagonal; sizes already stated
 * exactly (iMac 21.5, iPad 12.9) and every other family pass through unchanged.
 */
export function statedDiagonal(identifier: string, family: ProductFamily, classSize: number): number {
  const table = STATED_BY_FAMILY[family];
  if (table === undefined) return classSize;
  if (family === 'MacBook Air' && classSize === 13 && AIR_13_6.has(identifier)) return 13.6;
  if (family === 'MacBook Pro' && classSize === 16 && PRO_16_0.has(identifier)) return 16;
  return table[classSize] ?? classSize;
}

const STATED_BY_FAMILY: Partial<Record<ProductFamily, Readonly<Record<number, number>>>> = {
  'MacBook Air': { 11: 11.6, 13: 13.3, 15: 15.3 },
  'MacBook Pro': { 13: 13.3, 14: 14.2, 15: 15.4, 16: 16.2, 17: 17 },
  MacBook: { 13: 13.3, 12: 12 },
  PowerBook: { 12: 12.1, 15: 15.2, 17: 17 },
  iBook: { 12: 12.1, 14: 14.1 },
};

/**
 * Identifiers whose every configuration had the same storage (support.apple.com/specs): the flash-only
 * Retina MacBook Pros, MacBook Airs from Late 2010, the 12-inch MacBook, Macs from 2018–2020 that
 * dropped hard disks, and every Apple-silicon Mac. Others offered HDD, Fusion or SSD: null.
 */
export function fixedMacStorage(identifier: string): StorageType | null {
  const match = /^([A-Za-z]+)(\d+),(\d+)$/.exec(identifier);
  if (!match) return null;
  const [, prefix, majorText] = match;
  const major = Number(majorText);
  switch (prefix) {
    case 'Mac':
      return major >= 13 ? 'SSD' : null;
    case 'MacBookPro':
      return major >= 10 ? 'SSD' : null;
    case 'MacBookAir':
      return major >= 3 ? 'SSD' : null;
    case 'MacBook':
      return major >= 8 ? 'SSD' : null;
    case 'iMacPro':
      return 'SSD';
    case 'iMac':
      return major >= 20 ? 'SSD' : null;
    case 'Macmini':
      return major >= 8 ? 'SSD' : null;
    case 'MacPro':
      return major >= 6 ? 'SSD' : null;
    default:
      return null;
  }
}

/** Names a dataset gets wrong (PROVENANCE.md lists them); they are dropped before names are compared. */
export const WRONG_NAMES: readonly { source: string; identifier: string; name: string; why: string }[] = [
  {
    source: 'sofa-platform',
    identifier: 'iPhone18,1',
    name: 'iPhone 17 Pro Max',
    why: 'iPhone18,1 is the iPhone 17 Pro (SOFA device_identifiers, kyle and DeviceKit agree); 18,2 is the Pro Max',
  },
];

/** Identifiers that are in the datasets but are not assets Jamf manages. */
export const EXCLUDED_IDENTIFIERS: ReadonlyMap<string, string> = new Map([
  ['iPhone99,11', 'a virtual machine of the iPhone Security Research Environment'],
  ['Watch2,5', 'the T1 chip, not a watch'],
]);
