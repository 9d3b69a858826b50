/**
 * Hand-written facts that the datasets lack or get wrong, each from Apple's own publications:
 * the tech-specs pages (support.apple.com/specs, "Identify your … model" pages) and Apple Newsroom
 * announcements (the month is when the device went on sale). Only facts known for certain are here:
 * anything doubtful is left out, so it stays null in the catalog rather than being guessed.
 */
import type { ReleaseDate, StorageType } from '../../src/catalog/types';

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
const RELEASES: readonly (readonly [identifiers: readonly string[], date: string])[] = [
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
];

export const RELEASE_OVERRIDES: ReadonlyMap<string, ReleaseDate> = new Map(
  RELEASES.flatMap(([identifiers, date]) => identifiers.map((id) => [id, release(date)] as const)),
);

/**
 * Display sizes (inches, as Apple names the class: "13-inch") that no dataset gives, or gives as the
 * measured diagonal where Apple's name says otherwise. Source: support.apple.com/specs.
 */
export const DISPLAY_SIZE_OVERRIDES: ReadonlyMap<string, number> = new Map([
  ['MacBookAir1,1', 13], // 13.3-inch; names say only "MacBook Air (Early 2008)"
  ['MacBookAir2,1', 13], // 13.3-inch
  ['MacBookAir10,1', 13], // "MacBook Air (M1, 2020)": 13.3-inch
  ['Mac14,2', 13], // "MacBook Air (M2, 2022)": 13.6-inch, sold as the 13-inch MacBook Air
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
  // Apple sells the A16 iPad as "iPad 11-inch"; DeviceKit gives the measured 10.9.
  ['iPad15,7', 11],
  ['iPad15,8', 11],
]);

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
