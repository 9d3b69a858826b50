import { allCatalogEntries, deriveAssetFacts, parseModelString, type AssetFacts, type CatalogEntry } from '../../src/catalog';
import { catalogCoverage, noDisplayReason } from '../../src/catalog/catalog-coverage';

type Expected = Pick<AssetFacts, 'displaySizeInches' | 'releaseDate'> & Partial<AssetFacts>;

/** Held-out strings from real fleets that used to miss (issue 17), with no identifier beside them. */
const HELD_OUT: readonly [string, 'computer' | 'mobile', Expected][] = [
  ['iPad mini 2nd Generation (Wi-Fi)', 'mobile', { assetType: 'tablet', displaySizeInches: 7.9, releaseDate: '2013-11' }],
  ['iPad 2 (GSM)', 'mobile', { assetType: 'tablet', model: 'iPad 2', displaySizeInches: 9.7, releaseDate: '2011-03' }],
  ['iPhone 4 (GSM)', 'mobile', { assetType: 'mobile', model: 'iPhone 4', displaySizeInches: 3.5, releaseDate: '2010-06' }],
  ['MacBook Air (M2, 2022)', 'computer', { assetType: 'laptop', model: 'MacBook Air', displaySizeInches: 13.6, releaseDate: '2022' }],
  ['iPhone 17e', 'mobile', { assetType: 'mobile', displaySizeInches: 6.1, releaseDate: '2026-03' }],
  ['MacBook Air (13-inch, M5)', 'computer', { assetType: 'laptop', displaySizeInches: 13, releaseDate: '2026-03' }],
];

/**
 * Jamf's older marketing strings, one or more per product line from 2010 on, without an identifier.
 * A size the string states wins (R7: "13-inch" gives 13); Apple's stated diagonal fills only a string
 * that names none.
 */
const JAMF_OLDER_STRINGS: readonly [string, 'computer' | 'mobile', Expected][] = [
  ['iPad 2 (CDMA)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2011-03' }],
  ['iPad 3rd Generation (CDMA)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2012-03' }],
  ['iPad 4th Generation (Wi-Fi)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2012-11' }],
  ['iPad 6th Generation (Wi-Fi)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2018-03' }],
  ['iPad 7th Generation (Wi-Fi)', 'mobile', { displaySizeInches: 10.2, releaseDate: '2019-09' }],
  ['iPad mini 3rd Generation (Wi-Fi)', 'mobile', { displaySizeInches: 7.9, releaseDate: '2014-10' }],
  ['iPad mini 4th Generation (Wi-Fi)', 'mobile', { displaySizeInches: 7.9, releaseDate: '2015-09' }],
  ['iPad Air (Wi-Fi)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2013-11' }],
  ['iPad Air 2nd Generation (Cellular)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2014-10' }],
  ['iPad Air 4th Generation (Wi-Fi)', 'mobile', { displaySizeInches: 10.9, releaseDate: '2020-10' }],
  ['iPad Pro (9.7-inch, Wi-Fi)', 'mobile', { displaySizeInches: 9.7, releaseDate: '2016-03' }],
  ['iPad Pro (12.9-inch, Cellular)', 'mobile', { displaySizeInches: 12.9, releaseDate: '2015-11' }],
  ['iPad Pro (10.5-inch, Wi-Fi)', 'mobile', { displaySizeInches: 10.5, releaseDate: '2017-06' }],
  ['iPhone 4 (CDMA)', 'mobile', { displaySizeInches: 3.5, releaseDate: '2011-02' }],
  ['iPhone 4S', 'mobile', { displaySizeInches: 3.5, releaseDate: '2011-10' }],
  ['iPhone 5 (GSM)', 'mobile', { displaySizeInches: 4, releaseDate: '2012-09' }],
  ['iPhone 5c (GSM+CDMA)', 'mobile', { displaySizeInches: 4, releaseDate: '2013-09' }],
  ['iPhone 6 Plus', 'mobile', { displaySizeInches: 5.5, releaseDate: '2014-09' }],
  ['iPhone SE', 'mobile', { displaySizeInches: 4, releaseDate: '2016-03' }],
  ['iPod touch 5th Generation', 'mobile', { displaySizeInches: 4, releaseDate: '2012-10' }],
  ['Apple TV 4K', 'mobile', { assetType: 'tv', displaySizeInches: null, releaseDate: '2017-09' }],
  ['Apple TV 3rd Generation Rev 2', 'mobile', { assetType: 'tv', displaySizeInches: null, releaseDate: '2013-01' }],
  ['Apple TV 3rd Generation', 'mobile', { assetType: 'tv', displaySizeInches: null, releaseDate: '2012-03' }],
  ['13-inch MacBook Pro (Mid 2012)', 'computer', { displaySizeInches: 13, releaseDate: '2012' }],
  ['MacBook Air (11-inch, Mid 2013)', 'computer', { displaySizeInches: 11, releaseDate: '2013' }],
  ['15-inch Retina MacBook Pro (Late 2013)', 'computer', { displaySizeInches: 15, releaseDate: '2013' }],
  ['MacBook Air (15-inch, M2, 2023)', 'computer', { displaySizeInches: 15, releaseDate: '2023' }],
  ['MacBook Pro (14-inch, 2021)', 'computer', { displaySizeInches: 14, releaseDate: '2021' }],
  ['MacBook Pro (16-inch, 2019)', 'computer', { displaySizeInches: 16, releaseDate: '2019' }],
  ['iMac (Retina 5K, 27-inch, Late 2015)', 'computer', { assetType: 'desktop', displaySizeInches: 27, releaseDate: '2015' }],
  ['Mac mini (M2, 2023)', 'computer', { assetType: 'desktop', displaySizeInches: null, releaseDate: '2023' }],
];

describe('model strings without an identifier', () => {
  it.each([...HELD_OUT, ...JAMF_OLDER_STRINGS])('%s', (modelString, kind, expected) => {
    expect(deriveAssetFacts({ kind, modelString })).toMatchObject(expected);
  });

  it('takes the size a string names when the identifier beside it has no such size', () => {
    // A 15-inch string beside the 13-inch Mac14,2: one of the two is wrong, the catalog cannot refine it.
    const facts = deriveAssetFacts({ kind: 'computer', modelIdentifier: 'Mac14,2', modelString: 'MacBook Air (15-inch, M2, 2023)' });
    expect(facts).toMatchObject({ displaySizeInches: 15, sources: expect.objectContaining({ displaySizeInches: 'model-string' }) });
  });

  it('keeps a string\'s exact size, and does not take 12.9 for "12-inch"', () => {
    expect(deriveAssetFacts({ kind: 'computer', modelIdentifier: 'iMac10,1', modelString: 'iMac (21.5-inch, Late 2009)' }).displaySizeInches).toBe(21.5);
    expect(deriveAssetFacts({ kind: 'mobile', modelIdentifier: 'iPad6,7', modelString: 'iPad Pro (12-inch)' }).displaySizeInches).toBe(12);
  });
});

describe('catalog coverage (npm run catalog:check)', () => {
  const coverage = catalogCoverage();

  it('gives every identifier with a built-in display a display size', () => {
    expect(coverage.withDisplay.missing).toEqual([]);
    expect(coverage.withDisplay.known).toBeGreaterThan(350);
  });

  it('gives every device a release date; only virtual machines have none', () => {
    expect(coverage.withRelease.missing).toEqual([]);
    const undated = allCatalogEntries().filter((e) => e.releases.length === 0);
    expect(undated.map((e) => e.family)).toEqual(undated.map(() => 'Apple Virtual Machine'));
  });

  it('counts desktops without a screen, Apple TV, watches and Vision Pro apart, with their reason', () => {
    const reasonOf = (id: string): string | null => noDisplayReason(allCatalogEntries().find((e) => e.identifier === id)!);
    expect(['Mac14,3', 'Mac13,1', 'MacPro7,1', 'AppleTV14,1'].map(reasonOf)).toEqual(Array(4).fill('no built-in display'));
    expect(reasonOf('Watch7,5')).toBe('case size in mm, not a diagonal');
    expect(reasonOf('RealityDevice14,1')).toBe('no stated diagonal');
    expect(reasonOf('iMac21,1')).toBeNull();
  });

  it('counts identifiers with a colour by part number', () => {
    expect(coverage.withColourByPartNumber).toBeGreaterThan(100);
    expect(coverage.withColourByPartNumber).toBeLessThanOrEqual(coverage.identifiers);
  });
});

describe('display sizes as Apple states them', () => {
  // Diagonals Apple's tech specs state for Mac laptops since 2006 (the 12-inch MacBook and 2019 16-inch are whole).
  const STATED_LAPTOP_DIAGONALS = new Set([11.6, 12, 13, 13.3, 13.6, 14.2, 15.3, 15.4, 16, 16.2, 17]);

  it('gives every Mac laptop a stated diagonal, not only its class', () => {
    const laptops = allCatalogEntries().filter((e) => e.family === 'MacBook Pro' || e.family === 'MacBook Air' || e.family === 'MacBook');
    const odd = laptops.filter((e) => e.displaySizesInches.some((size) => !STATED_LAPTOP_DIAGONALS.has(size)));
    expect(odd.map((e) => `${e.identifier} ${e.displaySizesInches.join('/')}`)).toEqual([]);
    // 13 is the MacBook Neo only: every other 13-inch laptop is 13.3 or 13.6.
    expect(laptops.filter((e) => e.displaySizesInches.includes(13)).map((e) => e.identifier)).toEqual(['Mac17,5']);
  });
});

describe('hand-added facts are marked for review', () => {
  const entries = allCatalogEntries();

  it('marks the release of every iOS-family device, whose names carry no year', () => {
    const families = new Set(['iPhone', 'iPad', 'iPad mini', 'iPad Air', 'iPad Pro', 'iPod touch', 'Apple TV', 'Apple Watch', 'Apple Vision Pro']);
    const namesCarryYear = (e: CatalogEntry): boolean => e.names.some((name) => parseModelString(name)?.year != null);
    const unmarked = entries.filter((e) => families.has(e.family) && !namesCarryYear(e) && e.handAdded?.releases === undefined);
    expect(unmarked.map((e) => e.identifier)).toEqual([]);
  });

  it('marks facts taken from press coverage (the March 2026 devices) apart from Apple\'s pages', () => {
    const press = entries.filter((e) => e.handAdded?.releases === 'press').map((e) => e.identifier);
    expect(press).toEqual(expect.arrayContaining(['iPhone18,5', 'Mac17,3', 'Mac17,4', 'Mac17,5', 'iPad16,8']));
    for (const id of press) expect(entries.find((e) => e.identifier === id)?.releases).toEqual([{ year: 2026, month: 3 }]);
    expect(entries.find((e) => e.identifier === 'Mac14,2')?.handAdded).toEqual({ displaySizesInches: 'apple-specs' });
  });
});
