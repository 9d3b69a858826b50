import {
  allCatalogEntries,
  catalogEntryFor,
  deriveAssetFacts,
  parseModelString,
  type AssetFacts,
} from '../../src/catalog';
import { assetTypeFromIdentifierPrefix } from '../../src/catalog/identifier';

type IdentifierExpectation = Partial<Omit<AssetFacts, 'sources'>>;

/**
 * What the catalog alone says for an identifier (no model string). Every asset type, identifiers
 * sold in two years (release date unknown without the string), SOFA's known errors corrected.
 */
const IDENTIFIERS: readonly [string, IdentifierExpectation][] = [
  // laptops
  ['MacBookPro15,2', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 13.3, releaseDate: null, storageType: 'SSD' }],
  ['MacBookPro15,1', { assetType: 'laptop', displaySizeInches: 15.4, releaseDate: null }],
  ['MacBookPro18,3', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 14.2, releaseDate: '2021' }],
  ['MacBookPro9,2', { assetType: 'laptop', displaySizeInches: 13.3, releaseDate: '2012', storageType: null }],
  ['MacBookPro5,1', { assetType: 'laptop', releaseDate: null }],
  ['MacBookPro16,4', { assetType: 'laptop', displaySizeInches: 16, releaseDate: '2019' }],
  ['Mac14,2', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 13.6, releaseDate: '2022', storageType: 'SSD' }],
  ['Mac14,15', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 15.3, releaseDate: '2023' }],
  ['Mac15,3', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 14.2, releaseDate: '2023-11' }],
  ['Mac16,1', { assetType: 'laptop', displaySizeInches: 14.2, releaseDate: '2024-11' }],
  ['Mac17,2', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 14.2, releaseDate: '2025-10' }],
  ['Mac17,5', { assetType: 'laptop', model: 'MacBook Neo', displaySizeInches: 13, releaseDate: '2026-03' }],
  ['Mac17,3', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 13.6, releaseDate: '2026-03' }],
  ['Mac17,4', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 15.3, releaseDate: '2026-03' }],
  ['Mac17,6', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 16.2, releaseDate: '2026-03' }],
  ['Mac15,12', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 13.6, releaseDate: '2024' }],
  ['MacBookPro16,1', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 16, releaseDate: '2019' }],
  ['MacBookPro18,2', { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 16.2, releaseDate: '2021' }],
  ['MacBookAir7,1', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 11.6 }],
  ['MacBook10,1', { assetType: 'laptop', model: 'MacBook', displaySizeInches: 12, releaseDate: '2017', storageType: 'SSD' }],
  ['MacBookAir10,1', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 13.3, releaseDate: '2020' }],
  ['MacBookAir7,2', { assetType: 'laptop', displaySizeInches: 13.3, releaseDate: null }],
  ['MacBookAir1,1', { assetType: 'laptop', displaySizeInches: 13.3, releaseDate: '2008', storageType: null }],
  ['PowerBook6,8', { assetType: 'laptop', model: 'PowerBook G4', displaySizeInches: 12.1, releaseDate: '2005' }],
  // desktops
  ['Mac14,3', { assetType: 'desktop', model: 'Mac mini', displaySizeInches: null, releaseDate: '2023' }],
  ['Mac13,1', { assetType: 'desktop', model: 'Mac Studio', releaseDate: '2022-03', storageType: 'SSD' }],
  ['Mac15,14', { assetType: 'desktop', model: 'Mac Studio', releaseDate: '2025' }],
  ['Mac14,8', { assetType: 'desktop', model: 'Mac Pro', releaseDate: '2023' }],
  ['iMac20,1', { assetType: 'desktop', model: 'iMac', displaySizeInches: 27, releaseDate: '2020', storageType: 'SSD' }],
  ['iMac21,1', { assetType: 'desktop', displaySizeInches: 24, releaseDate: '2021' }],
  ['iMac10,1', { assetType: 'desktop', displaySizeInches: null, releaseDate: '2009' }],
  ['iMac15,1', { assetType: 'desktop', displaySizeInches: 27, releaseDate: null }],
  ['iMacPro1,1', { assetType: 'desktop', model: 'iMac Pro', displaySizeInches: 27, releaseDate: '2017', storageType: 'SSD' }],
  ['MacPro7,1', { assetType: 'desktop', model: 'Mac Pro', releaseDate: '2019', storageType: 'SSD' }],
  ['MacPro5,1', { assetType: 'desktop', releaseDate: null }],
  ['Macmini8,1', { assetType: 'desktop', model: 'Mac mini', releaseDate: '2018', storageType: 'SSD' }],
  ['Macmini7,1', { assetType: 'desktop', releaseDate: '2014', storageType: null }],
  ['Macmini9,1', { assetType: 'desktop', releaseDate: '2020' }],
  // phones and iPod touch
  ['iPhone17,5', { assetType: 'mobile', model: 'iPhone 16e', displaySizeInches: 6.1, releaseDate: '2025-02', storageType: 'Flash' }],
  ['iPhone18,1', { assetType: 'mobile', model: 'iPhone 17 Pro', displaySizeInches: 6.3, releaseDate: '2025-09' }],
  ['iPhone18,2', { assetType: 'mobile', model: 'iPhone 17 Pro Max', displaySizeInches: 6.9 }],
  ['iPhone18,4', { assetType: 'mobile', model: 'iPhone Air', displaySizeInches: 6.5 }],
  ['iPhone18,5', { assetType: 'mobile', model: 'iPhone 17e', displaySizeInches: 6.1, releaseDate: '2026-03' }],
  ['iPhone16,1', { assetType: 'mobile', model: 'iPhone 15 Pro', displaySizeInches: 6.1, releaseDate: '2023-09' }],
  ['iPhone11,8', { assetType: 'mobile', model: 'iPhone XR', displaySizeInches: 6.1, releaseDate: '2018-10' }],
  ['iPhone10,3', { assetType: 'mobile', model: 'iPhone X', displaySizeInches: 5.8, releaseDate: '2017-11' }],
  ['iPhone8,4', { assetType: 'mobile', model: 'iPhone SE', displaySizeInches: 4, releaseDate: '2016-03' }],
  ['iPhone6,1', { assetType: 'mobile', model: 'iPhone 5s', releaseDate: '2013-09' }],
  ['iPhone1,1', { assetType: 'mobile', model: 'iPhone', displaySizeInches: 3.5, releaseDate: '2007-06' }],
  ['iPod9,1', { assetType: 'mobile', model: 'iPod touch', displaySizeInches: 4, releaseDate: '2019-05' }],
  // tablets
  ['iPad6,11', { assetType: 'tablet', model: 'iPad', displaySizeInches: 9.7, releaseDate: '2017-03', storageType: 'Flash' }],
  ['iPad7,11', { assetType: 'tablet', model: 'iPad', displaySizeInches: 10.2, releaseDate: '2019-09' }],
  ['iPad15,7', { assetType: 'tablet', model: 'iPad', displaySizeInches: 11, releaseDate: '2025-03' }],
  ['iPad14,5', { assetType: 'tablet', model: 'iPad Pro', displaySizeInches: 12.9, releaseDate: '2022-10' }],
  ['iPad16,3', { assetType: 'tablet', model: 'iPad Pro', displaySizeInches: 11, releaseDate: '2024-05' }],
  ['iPad17,3', { assetType: 'tablet', model: 'iPad Pro', displaySizeInches: 13, releaseDate: '2025-10' }],
  ['iPad14,10', { assetType: 'tablet', model: 'iPad Air', displaySizeInches: 13, releaseDate: '2024-05' }],
  ['iPad16,8', { assetType: 'tablet', model: 'iPad Air', displaySizeInches: 11, releaseDate: '2026-03' }],
  ['iPad13,1', { assetType: 'tablet', model: 'iPad Air', displaySizeInches: 10.9, releaseDate: '2020-10' }],
  ['iPad2,5', { assetType: 'tablet', model: 'iPad mini', displaySizeInches: 7.9, releaseDate: '2012-11' }],
  ['iPad16,1', { assetType: 'tablet', model: 'iPad mini', displaySizeInches: 8.3, releaseDate: '2024-10' }],
  ['iPad1,1', { assetType: 'tablet', model: 'iPad', displaySizeInches: 9.7, releaseDate: '2010-04' }],
  // TVs
  ['AppleTV11,1', { assetType: 'tv', model: 'Apple TV 4K', displaySizeInches: null, releaseDate: '2021-05', storageType: 'Flash' }],
  ['AppleTV14,1', { assetType: 'tv', model: 'Apple TV 4K', releaseDate: '2022-11' }],
  ['AppleTV5,3', { assetType: 'tv', model: 'Apple TV HD', releaseDate: '2015-10' }],
  ['AppleTV3,2', { assetType: 'tv', model: 'Apple TV', releaseDate: '2013-01' }],
  // watches: Apple gives case sizes, not display diagonals
  ['Watch7,2', { assetType: 'watch', model: 'Apple Watch Series 9', displaySizeInches: null, releaseDate: '2023-09' }],
  ['Watch6,18', { assetType: 'watch', model: 'Apple Watch Ultra', releaseDate: '2022-09' }],
  ['Watch7,5', { assetType: 'watch', model: 'Apple Watch Ultra 2', releaseDate: '2023-09' }],
  ['Watch6,10', { assetType: 'watch', model: 'Apple Watch SE', releaseDate: '2022-09' }],
  ['Watch1,1', { assetType: 'watch', model: 'Apple Watch', releaseDate: '2015-04' }],
  // headsets
  ['RealityDevice14,1', { assetType: 'headset', model: 'Apple Vision Pro', releaseDate: '2024-02', storageType: 'Flash' }],
  ['RealityDevice17,1', { assetType: 'headset', model: 'Apple Vision Pro', releaseDate: '2025-10' }],
  // not assets
  ['VirtualMac2,1', { assetType: 'unknown', make: 'Apple' }],
];

/** Identifiers newer than the catalog still get a type from their prefix; `Mac…` cannot. */
const UNCATALOGUED_IDENTIFIERS: readonly [string, IdentifierExpectation][] = [
  ['iPhone19,1', { assetType: 'mobile', make: 'Apple', model: null, storageType: 'Flash' }],
  ['iPad99,1', { assetType: 'tablet', storageType: 'Flash' }],
  ['Watch9,1', { assetType: 'watch' }],
  ['AppleTV99,1', { assetType: 'tv' }],
  ['RealityDevice99,1', { assetType: 'headset' }],
  ['MacBookPro99,1', { assetType: 'laptop', storageType: null }],
  ['iMac99,1', { assetType: 'desktop' }],
  ['Mac99,1', { assetType: 'unknown', make: null }],
  ['VMware7,1', { assetType: 'unknown', make: null }],
];

describe('catalog by identifier', () => {
  it.each(IDENTIFIERS)('%s', (identifier, expected) => {
    expect(deriveAssetFacts({ kind: 'computer', modelIdentifier: identifier })).toMatchObject({ modelIdentifier: identifier, ...expected });
  });

  it.each(UNCATALOGUED_IDENTIFIERS)('%s (not in the catalog)', (identifier, expected) => {
    expect(catalogEntryFor(identifier)).toBeNull();
    expect(deriveAssetFacts({ kind: 'computer', modelIdentifier: identifier })).toMatchObject(expected);
  });

  it('looks identifiers up whatever their case and spacing', () => {
    expect(catalogEntryFor(' ipad6,11 ')?.identifier).toBe('iPad6,11');
    expect(catalogEntryFor('MACBOOKPRO15,2')?.identifier).toBe('MacBookPro15,2');
  });

  it('keeps both years of an identifier sold in two', () => {
    expect(catalogEntryFor('MacBookPro15,2')?.releases).toEqual([{ year: 2018 }, { year: 2019 }]);
    expect(catalogEntryFor('iMac15,1')?.releases).toEqual([{ year: 2014 }, { year: 2015 }]);
  });

  it('leaves out prototypes and chips that are not devices', () => {
    for (const id of ['Mac15,1', 'Macmini10,1', 'iPad13,20', 'Watch2,5', 'iPhone99,11']) expect(catalogEntryFor(id)).toBeNull();
  });
});

describe('catalog consistency', () => {
  const entries = allCatalogEntries();

  it('holds every current platform', () => {
    expect(entries.length).toBeGreaterThan(400);
    const types = new Set(entries.map((e) => e.assetType));
    for (const type of ['laptop', 'desktop', 'mobile', 'tablet', 'tv', 'watch', 'headset'] as const) expect(types).toContain(type);
  });

  it('gives each identifier the type its prefix implies', () => {
    const wrong = entries.filter((e) => {
      const byPrefix = assetTypeFromIdentifierPrefix(e.identifier);
      return byPrefix !== null && byPrefix !== e.assetType;
    });
    expect(wrong.map((e) => `${e.identifier} ${e.assetType}`)).toEqual([]);
  });

  it('parses every marketing name of every entry to that entry\'s family', () => {
    const mismatches = entries.flatMap((e) =>
      e.names.filter((name) => parseModelString(name)?.family !== e.family).map((name) => `${e.identifier}: ${name}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('keeps every release year within Apple\'s history and months within a year', () => {
    for (const e of entries) {
      for (const r of e.releases) {
        expect(r.year).toBeGreaterThanOrEqual(1998);
        expect(r.year).toBeLessThanOrEqual(2026);
        if (r.month !== undefined) expect(r.month).toBeGreaterThanOrEqual(1);
        if (r.month !== undefined) expect(r.month).toBeLessThanOrEqual(12);
      }
    }
  });

  it('gives iOS-family devices flash storage and no Mac flash', () => {
    for (const e of entries) {
      const ios = ['mobile', 'tablet', 'tv', 'watch', 'headset'].includes(e.assetType);
      expect(e.storageType === 'Flash').toBe(ios);
    }
  });
});
