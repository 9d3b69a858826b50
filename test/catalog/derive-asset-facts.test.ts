import { deriveAssetFacts, type AssetFacts, type AssetFactsInput } from '../../src/catalog';

type Case = readonly [description: string, input: AssetFactsInput, expected: Partial<AssetFacts>];

const computer = (fields: Partial<AssetFactsInput>): AssetFactsInput => ({ kind: 'computer', make: 'Apple', ...fields });
const mobile = (fields: Partial<AssetFactsInput>): AssetFactsInput => ({ kind: 'mobile', ...fields });

/** One identifier, two years: the model string's year wins (R7). */
const SHARED_IDENTIFIERS: readonly Case[] = [
  [
    'MacBookPro15,2 named 2019',
    computer({ modelIdentifier: 'MacBookPro15,2', modelString: 'MacBook Pro (13-inch, 2019, Four Thunderbolt 3 Ports)' }),
    { releaseDate: '2019', sources: expect.objectContaining({ releaseDate: 'model-string' }) },
  ],
  [
    'MacBookPro15,2 named 2018',
    computer({ modelIdentifier: 'MacBookPro15,2', modelString: 'MacBook Pro (13-inch, 2018, Four Thunderbolt 3 Ports)' }),
    { releaseDate: '2018', model: 'MacBook Pro', displaySizeInches: 13 },
  ],
  ['MacBookPro15,2 without a string', computer({ modelIdentifier: 'MacBookPro15,2' }), { releaseDate: null, displaySizeInches: 13.3 }],
  ['MacBookPro15,1 named 2019', computer({ modelIdentifier: 'MacBookPro15,1', modelString: 'MacBook Pro (15-inch, 2019)' }), { releaseDate: '2019', displaySizeInches: 15 }],
  ['iMac15,1 named Late 2014', computer({ modelIdentifier: 'iMac15,1', modelString: 'iMac (Retina 5K, 27-inch, Late 2014)' }), { releaseDate: '2014' }],
  ['MacBookAir7,2 named 2017', computer({ modelIdentifier: 'MacBookAir7,2', modelString: 'MacBook Air (13-inch, 2017)' }), { releaseDate: '2017' }],
  ['MacBookAir6,2 named Early 2014', computer({ modelIdentifier: 'MacBookAir6,2', modelString: 'MacBook Air (13-inch, Early 2014)' }), { releaseDate: '2014' }],
  ['MacPro5,1 named Mid 2012', computer({ modelIdentifier: 'MacPro5,1', modelString: 'Mac Pro (Mid 2012)' }), { releaseDate: '2012', assetType: 'desktop' }],
  ['iMac10,1 named 27-inch: the string picks the size', computer({ modelIdentifier: 'iMac10,1', modelString: 'iMac (27-inch, Late 2009)' }), { displaySizeInches: 27 }],
];

const STRING_AND_IDENTIFIER: readonly Case[] = [
  [
    'the R7 example',
    computer({ modelIdentifier: 'MacBookPro15,2', modelString: 'MacBook Pro (13-inch, 2018)' }),
    {
      assetType: 'laptop',
      make: 'Apple',
      model: 'MacBook Pro',
      modelIdentifier: 'MacBookPro15,2',
      displaySizeInches: 13,
      releaseDate: '2018',
      storageType: 'SSD',
      sources: {
        assetType: 'identifier',
        make: 'jamf-field',
        model: 'model-string',
        modelIdentifier: 'jamf-field',
        // R7: the size the string states wins over the catalog's stated 13.3-inch
        displaySizeInches: 'model-string',
        releaseDate: 'model-string',
        storageType: 'identifier',
      },
    },
  ],
  ['a month in the string', computer({ modelIdentifier: 'Mac15,3', modelString: 'MacBook Pro (14-inch, M3, Nov 2023)' }), { releaseDate: '2023-11', displaySizeInches: 14 }],
  [
    'the catalog adds the month to the string\'s year',
    mobile({ modelIdentifier: 'iPhone16,1', modelString: 'iPhone 15 Pro' }),
    { model: 'iPhone 15 Pro', releaseDate: '2023-09', displaySizeInches: 6.1, sources: expect.objectContaining({ releaseDate: 'identifier', model: 'model-string' }) },
  ],
  ['Jamf\'s older Mac form', computer({ modelIdentifier: 'MacBookPro9,2', modelString: '13-inch MacBook Pro (Mid 2012)' }), { assetType: 'laptop', model: 'MacBook Pro', displaySizeInches: 13, releaseDate: '2012' }],
  ['Jamf\'s iPad form', mobile({ modelIdentifier: 'iPad6,11', modelString: 'iPad 5th Generation (Wi-Fi)' }), { assetType: 'tablet', model: 'iPad', displaySizeInches: 9.7, releaseDate: '2017-03' }],
  ['Jamf\'s iPhone form', mobile({ modelIdentifier: 'iPhone6,1', modelString: 'iPhone 5S (GSM)' }), { model: 'iPhone 5s', displaySizeInches: 4, releaseDate: '2013-09' }],
  ['the string names the model, the identifier the type', computer({ modelIdentifier: 'Mac14,2', modelString: 'MacBook Air (M2, 2022)' }), { assetType: 'laptop', displaySizeInches: 13.6, releaseDate: '2022', sources: expect.objectContaining({ displaySizeInches: 'identifier' }) }],
  ['lower-case identifier from the single-device detail', mobile({ modelIdentifier: 'ipad6,11', modelString: 'iPad 5th Generation (Wi-Fi)' }), { modelIdentifier: 'iPad6,11' }],
  ['a raw identifier as the string, and as the identifier', mobile({ modelIdentifier: 'iPad6,11', modelString: 'iPad6,11' }), { model: 'iPad', sources: expect.objectContaining({ model: 'identifier' }) }],
  ['the v4 mock: a bare family name', computer({ modelString: 'MacBook Pro' }), { assetType: 'laptop', model: 'MacBook Pro', releaseDate: null, displaySizeInches: null }],
];

const STRING_ONLY: readonly Case[] = [
  [
    'a raw identifier as the only model information',
    mobile({ modelString: 'iPad6,11' }),
    {
      assetType: 'tablet',
      model: 'iPad',
      modelIdentifier: 'iPad6,11',
      releaseDate: '2017-03',
      sources: expect.objectContaining({ assetType: 'model-string', modelIdentifier: 'model-string' }),
    },
  ],
  ['a raw identifier newer than the catalog', mobile({ modelString: 'iPhone19,1' }), { assetType: 'mobile', modelIdentifier: 'iPhone19,1', model: null }],
  ['Jamf\'s iPad form, no identifier', mobile({ modelString: 'iPad 5th Generation (Wi-Fi)' }), { assetType: 'tablet', model: 'iPad', displaySizeInches: 9.7, releaseDate: '2017-03', storageType: 'Flash' }],
  ['Jamf\'s iPad 3rd generation form', mobile({ modelString: 'iPad 3rd Generation (Wi-Fi)' }), { displaySizeInches: 9.7, releaseDate: '2012-03' }],
  ['Jamf\'s iPhone form, no identifier', mobile({ modelString: 'iPhone 5S (GSM)' }), { assetType: 'mobile', displaySizeInches: 4, releaseDate: '2013-09' }],
  ['Jamf\'s iPad mini form', mobile({ modelString: 'iPad mini (Wi-Fi Only)' }), { assetType: 'tablet', model: 'iPad mini', displaySizeInches: 7.9, releaseDate: '2012-11' }],
  // Jamf's sample mobile-device-detail.json reports AppleTV3,2 (Apple's "Rev A") as "Rev 2".
  ['Jamf\'s Apple TV form: "Rev 2" is the second third-generation model', mobile({ modelString: 'Apple TV 3rd Generation Rev 2' }), { assetType: 'tv', model: 'Apple TV', releaseDate: '2013-01' }],
  ['an iPhone name', mobile({ modelString: 'iPhone 16e' }), { assetType: 'mobile', displaySizeInches: 6.1, releaseDate: '2025-02' }],
  ['an Apple Watch name', mobile({ modelString: 'Apple Watch Series 9 (45mm)' }), { assetType: 'watch', model: 'Apple Watch Series 9', displaySizeInches: null }],
  ['a Vision Pro name', mobile({ modelString: 'Apple Vision Pro' }), { assetType: 'headset', releaseDate: '2024-02' }],
  ['a Mac name', computer({ modelString: 'MacBook Pro (13-inch, 2018)' }), { assetType: 'laptop', displaySizeInches: 13, releaseDate: '2018' }],
  ['a desktop name', computer({ modelString: 'Mac Studio (M2 Ultra, 2023)' }), { assetType: 'desktop', displaySizeInches: null, releaseDate: '2023' }],
];

const PART_NUMBERS_AND_ATTRIBUTES: readonly Case[] = [
  ['colour from the part number', mobile({ modelIdentifier: 'iPad6,11', modelNumber: 'MP2F2LL' }), { color: 'Space Gray', modelNumber: 'MP2F2LL', sources: expect.objectContaining({ color: 'part-number', modelNumber: 'jamf-field' }) }],
  ['colour from a full part number', mobile({ modelIdentifier: 'iPad7,11', modelNumber: 'MW742LL/A' }), { color: 'Space Gray' }],
  ['colour from a refurbished part number', mobile({ modelIdentifier: 'iPad6,11', modelNumber: 'FP2F2LL/A' }), { color: 'Space Gray' }],
  ['no colour when the part number belongs to another device', mobile({ modelIdentifier: 'iPhone16,1', modelNumber: 'MP2F2LL' }), { color: null }],
  ['no colour when the dataset lists two colours', mobile({ modelIdentifier: 'Watch4,3', modelNumber: 'MTUN2LL' }), { color: null }],
  ['no colour from a regulatory A-number', mobile({ modelIdentifier: 'Watch6,18', modelNumber: 'A2622' }), { color: null, modelNumber: 'A2622' }],
];

const STORAGE: readonly Case[] = [
  ['an Apple SSD', computer({ modelIdentifier: 'MacBookPro9,2', bootDiskModel: 'APPLE SSD AP0512Q' }), { storageType: 'SSD', sources: expect.objectContaining({ storageType: 'jamf-field' }) }],
  ['an Apple HDD', computer({ modelIdentifier: 'MacBookPro9,2', bootDiskModel: 'APPLE HDD TOSHIBA MK5065GSXF' }), { storageType: 'HDD' }],
  ['a Fusion Drive', computer({ modelIdentifier: 'iMac18,3', bootDiskModel: 'Fusion Drive' }), { storageType: 'Fusion' }],
  ['a disk model that says nothing, on a model sold with either', computer({ modelIdentifier: 'Macmini7,1', bootDiskModel: 'ST1000DM003-1ER162' }), { storageType: null }],
  ['no disk, a model sold only with SSDs', computer({ modelIdentifier: 'MacBookPro15,2' }), { storageType: 'SSD', sources: expect.objectContaining({ storageType: 'identifier' }) }],
  ['an iPhone', mobile({ modelIdentifier: 'iPhone17,5' }), { storageType: 'Flash' }],
];

const PLATFORM_AND_MAKE: readonly Case[] = [
  ['tvOS with nothing else', mobile({ platform: 'tvOS' }), { assetType: 'tv', make: 'Apple', storageType: 'Flash', sources: expect.objectContaining({ assetType: 'jamf-field' }) }],
  ['watchOS with nothing else', mobile({ platform: 'watchOS' }), { assetType: 'watch' }],
  ['visionOS with nothing else', mobile({ platform: 'visionOS' }), { assetType: 'headset' }],
  ['iOS alone cannot tell a phone from an iPad', mobile({ platform: 'iOS' }), { assetType: 'unknown', make: 'Apple' }],
  ['a Mac platform alone cannot tell a laptop from a desktop', computer({ platform: 'Mac' }), { assetType: 'unknown', make: 'Apple' }],
  ['"Apple Inc." is Apple', computer({ make: 'Apple Inc.', modelIdentifier: 'Mac14,2' }), { make: 'Apple' }],
  ['a computer with no make and a known identifier', computer({ make: null, modelIdentifier: 'Mac14,2' }), { make: 'Apple', sources: expect.objectContaining({ make: 'identifier' }) }],
  ['a computer with nothing known', computer({ make: null }), { assetType: 'unknown', make: null, model: null }],
  ['a virtual Mac is not an asset', computer({ modelIdentifier: 'VirtualMac2,1', modelString: 'Apple Virtual Machine 1' }), { assetType: 'unknown', sources: expect.objectContaining({ assetType: 'identifier' }) }],
];

const NON_APPLE: readonly Case[] = [
  ['make Samsung', mobile({ make: 'Samsung', modelString: 'Galaxy S21', modelIdentifier: 'SM-G991U' }), { assetType: 'unknown', make: 'Samsung', model: 'Galaxy S21', color: null, storageType: null }],
  ['Android as the model', mobile({ modelString: 'Android', platform: 'Android' }), { assetType: 'unknown', make: null, model: 'Android', storageType: null }],
  ['make Samsung even with an Apple-looking string', mobile({ make: 'Samsung', modelString: 'iPad 5th Generation (Wi-Fi)' }), { assetType: 'unknown', make: 'Samsung', releaseDate: null, displaySizeInches: null }],
  ['a Windows platform', computer({ make: 'Dell Inc.', modelString: 'Latitude 7420', platform: 'Windows' }), { assetType: 'unknown', make: 'Dell Inc.' }],
  ['a VMware identifier', computer({ make: 'VMware, Inc.', modelIdentifier: 'VMware7,1' }), { assetType: 'unknown', make: 'VMware, Inc.', modelIdentifier: 'VMware7,1' }],
];

describe('deriveAssetFacts', () => {
  describe.each([
    ['identifiers shared by two years', SHARED_IDENTIFIERS],
    ['model string and identifier', STRING_AND_IDENTIFIER],
    ['model string only', STRING_ONLY],
    ['part numbers and extension attributes', PART_NUMBERS_AND_ATTRIBUTES],
    ['storage type', STORAGE],
    ['platform and make', PLATFORM_AND_MAKE],
    ['non-Apple records', NON_APPLE],
  ])('%s', (_group, table) => {
    it.each(table)('%s', (_description, input, expected) => {
      expect(deriveAssetFacts(input)).toMatchObject(expected);
    });
  });

  it('returns every field, null when unknown, and no source for a null field', () => {
    const facts = deriveAssetFacts({ kind: 'mobile', modelIdentifier: 'iPhone16,1' });
    expect(facts).toEqual({
      assetType: 'mobile',
      make: 'Apple',
      model: 'iPhone 15 Pro',
      modelIdentifier: 'iPhone16,1',
      modelNumber: null,
      displaySizeInches: 6.1,
      releaseDate: '2023-09',
      color: null,
      keyboardLanguage: null,
      storageType: 'Flash',
      sources: {
        assetType: 'identifier',
        make: 'identifier',
        model: 'identifier',
        modelIdentifier: 'jamf-field',
        displaySizeInches: 'identifier',
        releaseDate: 'identifier',
        storageType: 'identifier',
      },
    });
  });

  it('gives no source when nothing is known', () => {
    expect(deriveAssetFacts({ kind: 'computer' }).sources).toEqual({});
  });

  it('does not change its input', () => {
    const input = Object.freeze({
      kind: 'computer' as const,
      modelString: 'MacBook Pro (13-inch, 2018)',
    });
    expect(deriveAssetFacts(input).displaySizeInches).toBe(13);
  });
});
