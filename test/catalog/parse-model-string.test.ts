import { parseModelString, type ParsedModelString } from '../../src/catalog';

type Expected = Partial<Omit<ParsedModelString, 'radio' | 'details'>> & {
  radio?: readonly string[];
  details?: readonly string[];
};

/*
 * Real model strings: Apple's names as the datasets and Jamf report them, Jamf's older forms, raw
 * identifiers given as the model string, and strings that are not Apple's at all.
 */
const APPLE_MAC_NAMES: readonly [string, Expected][] = [
  ['MacBook Pro (14-inch, M3, Nov 2023)', { family: 'MacBook Pro', model: 'MacBook Pro', displaySizeInches: 14, chip: 'M3', year: 2023, month: 11 }],
  ['MacBook Air (M2, 2022)', { family: 'MacBook Air', model: 'MacBook Air', displaySizeInches: null, chip: 'M2', year: 2022, month: null }],
  ['iMac (Retina 5K, 27-inch, 2020)', { family: 'iMac', model: 'iMac', displaySizeInches: 27, year: 2020, details: ['Retina 5K'] }],
  ['Mac mini (2018)', { family: 'Mac mini', model: 'Mac mini', year: 2018, displaySizeInches: null }],
  ['MacBook Pro (13-inch, 2018, Four Thunderbolt 3 Ports)', { model: 'MacBook Pro', displaySizeInches: 13, year: 2018, details: ['Four Thunderbolt 3 Ports'] }],
  ['MacBook Pro (13-inch, 2018)', { model: 'MacBook Pro', displaySizeInches: 13, year: 2018, season: null }],
  ['MacBook Pro (13-inch, 2019, Two Thunderbolt 3 ports)', { displaySizeInches: 13, year: 2019, details: ['Two Thunderbolt 3 ports'] }],
  ['MacBook Pro (16-inch, 14-core M3 Max, Nov 2023)', { displaySizeInches: 16, chip: '14-core M3 Max', year: 2023, month: 11 }],
  ['MacBook Pro (14-inch, M3 Pro or M3 Max, Nov 2023)', { displaySizeInches: 14, chip: 'M3 Pro or M3 Max', month: 11 }],
  ['MacBook Pro (Retina, 15-inch, Mid 2015)', { displaySizeInches: 15, season: 'Mid', year: 2015, details: ['Retina'] }],
  ['MacBook Pro (Retina, 15-inch, Late 2013, Integrated graphics)', { season: 'Late', year: 2013, details: ['Retina', 'Integrated graphics'] }],
  ['MacBook Pro (15-inch, Late 2018, Radeon Pro Vega Graphics)', { displaySizeInches: 15, season: 'Late', year: 2018 }],
  ['MacBook Pro (16-inch, M1 Pro, 2021)', { displaySizeInches: 16, chip: 'M1 Pro', year: 2021 }],
  ['MacBook Pro (14-inch, M4 Max, Nov 2024)', { displaySizeInches: 14, chip: 'M4 Max', year: 2024, month: 11 }],
  ['MacBook Pro 14-inch (M5)', { model: 'MacBook Pro', displaySizeInches: 14, chip: 'M5', year: null }],
  ['MacBook Pro (15-inch, 2.53GHz, Mid 2009)', { displaySizeInches: 15, year: 2009, season: 'Mid', details: ['2.53GHz'] }],
  ['MacBook Pro (17-inch, Early 2011)', { displaySizeInches: 17, season: 'Early', year: 2011 }],
  ['MacBook Air (15-inch, M2, 2023)', { family: 'MacBook Air', displaySizeInches: 15, chip: 'M2', year: 2023 }],
  ['MacBook Air (13-inch, M4, 2025)', { displaySizeInches: 13, chip: 'M4', year: 2025 }],
  ['MacBook Air (Retina, 13-inch, 2018)', { displaySizeInches: 13, year: 2018, details: ['Retina'] }],
  ['MacBook Air (11-inch, Early 2015)', { displaySizeInches: 11, season: 'Early', year: 2015 }],
  ['MacBook Air (Early 2008)', { displaySizeInches: null, season: 'Early', year: 2008 }],
  ['MacBook (Retina, 12-inch, Early 2016)', { family: 'MacBook', model: 'MacBook', displaySizeInches: 12, year: 2016 }],
  ['MacBook (13-inch, Aluminum, Late 2008)', { family: 'MacBook', displaySizeInches: 13, year: 2008, details: ['Aluminum'] }],
  ['MacBook Neo', { family: 'MacBook', model: 'MacBook Neo' }],
  ['iMac (24-inch, M1, 2021, Two Ports)', { family: 'iMac', displaySizeInches: 24, chip: 'M1', year: 2021, details: ['Two Ports'] }],
  ['iMac (24-inch, M4, 2024, Four Ports)', { displaySizeInches: 24, chip: 'M4', year: 2024, details: ['Four Ports'] }],
  ['iMac (21.5-inch, Late 2015)', { displaySizeInches: 21.5, season: 'Late', year: 2015 }],
  ['iMac (Retina 4K, 21.5-inch, 2019)', { displaySizeInches: 21.5, year: 2019, details: ['Retina 4K'] }],
  ['iMac (27-inch, Late 2009, Core i5/i7)', { displaySizeInches: 27, year: 2009, chip: 'Core i5/i7' }],
  ['iMac (Summer 2000)', { family: 'iMac', season: 'Summer', year: 2000 }],
  ['iMac G5 (20-inch, iSight)', { model: 'iMac G5', displaySizeInches: 20, details: ['iSight'] }],
  ['iMac Pro (Retina 5K, 27-inch, Late 2017)', { family: 'iMac Pro', model: 'iMac Pro', displaySizeInches: 27, year: 2017 }],
  ['iMac Pro (2017)', { family: 'iMac Pro', year: 2017 }],
  ['Mac Studio (M2 Ultra, 2023)', { family: 'Mac Studio', chip: 'M2 Ultra', year: 2023 }],
  ['Mac Studio (M1 Max)', { family: 'Mac Studio', chip: 'M1 Max', year: null }],
  ['Mac Pro (Rack, 2019)', { family: 'Mac Pro', model: 'Mac Pro', year: 2019, details: ['Rack'] }],
  ['Mac Pro (Late 2013)', { family: 'Mac Pro', season: 'Late', year: 2013 }],
  ['Mac mini (M1, Late 2020)', { family: 'Mac mini', chip: 'M1', season: 'Late', year: 2020 }],
  ['Mac mini (Late 2012, Core i5)', { chip: 'Core i5', year: 2012 }],
  ['Mac mini Server (Mid 2010)', { family: 'Mac mini', model: 'Mac mini', year: 2010, details: ['Server'] }],
  ['Mac Pro Server (Mid 2012)', { family: 'Mac Pro', model: 'Mac Pro', year: 2012, details: ['Server'] }],
  ['Power Mac G5 (June 2004)', { family: 'Power Mac', model: 'Power Mac G5', year: 2004, month: 6 }],
  ['Power Macintosh G3 (Blue & White)', { family: 'Power Mac', model: 'Power Mac G3', details: ['Blue & White'] }],
  ['Xserve G5 (January 2005)', { family: 'Xserve', model: 'Xserve G5', year: 2005, month: 1 }],
  ['PowerBook G4 (15-inch 1.67/1.5 GHz)', { family: 'PowerBook', model: 'PowerBook G4', displaySizeInches: 15 }],
  ['Apple Virtual Machine 1', { family: 'Apple Virtual Machine' }],
];

const JAMF_OLDER_MAC_FORMS: readonly [string, Expected][] = [
  ['13-inch MacBook Pro (Mid 2012)', { family: 'MacBook Pro', model: 'MacBook Pro', displaySizeInches: 13, season: 'Mid', year: 2012 }],
  ['15-inch Retina MacBook Pro (Late 2013)', { model: 'MacBook Pro', displaySizeInches: 15, year: 2013, details: ['Retina'] }],
  ['11-inch MacBook Air (Mid 2013)', { family: 'MacBook Air', displaySizeInches: 11, year: 2013 }],
  ['21.5-inch iMac (Late 2013)', { family: 'iMac', displaySizeInches: 21.5, year: 2013 }],
  ['27" iMac (Late 2012)', { family: 'iMac', displaySizeInches: 27, year: 2012 }],
  ['MacBook Pro', { family: 'MacBook Pro', model: 'MacBook Pro', year: null, displaySizeInches: null }],
  ['MacBook Air', { family: 'MacBook Air', model: 'MacBook Air' }],
  ['MacBookPro (13-inch, Mid 2012)', { family: 'MacBook Pro', displaySizeInches: 13, year: 2012 }],
  ['Macbook pro (13 inch, 2017)', { family: 'MacBook Pro', model: 'MacBook Pro', displaySizeInches: 13, year: 2017 }],
  ['MacBook Pro 13-inch, 2018', { family: 'MacBook Pro', displaySizeInches: 13, year: 2018 }],
];

const APPLE_MOBILE_NAMES: readonly [string, Expected][] = [
  ['iPhone 15 Pro', { family: 'iPhone', model: 'iPhone 15 Pro', year: null }],
  ['iPhone 15 Pro Max', { model: 'iPhone 15 Pro Max' }],
  ['iPhone 16e', { model: 'iPhone 16e' }],
  ['iPhone Air', { model: 'iPhone Air' }],
  ['iPhone SE (2nd generation)', { model: 'iPhone SE', generation: 2 }],
  ['iPhone SE (3rd generation)', { model: 'iPhone SE', generation: 3 }],
  ['iPhone XS Max (China mainland)', { model: 'iPhone XS Max', details: ['China mainland'] }],
  ['iPhone Xs Max', { model: 'iPhone XS Max' }],
  ['iPhone X\u0280', { model: 'iPhone XR' }],
  ['iPhone 3GS', { model: 'iPhone 3GS', radio: [] }],
  ['iPhone 3G', { model: 'iPhone 3G', radio: [] }],
  ['iPhone 4 (GSM, 2012)', { model: 'iPhone 4', radio: ['GSM'], year: 2012 }],
  ['iPhone 8 Plus (CDMA)', { model: 'iPhone 8 Plus', radio: ['CDMA'] }],
  ['iPhone 5c (GSM)', { model: 'iPhone 5c', radio: ['GSM'] }],
  ['iPhone', { family: 'iPhone', model: 'iPhone' }],
  ['iPad Pro (12.9-inch) (6th generation)', { family: 'iPad Pro', model: 'iPad Pro', displaySizeInches: 12.9, generation: 6 }],
  ['iPad Pro 12.9-inch (6th generation) (WiFi+Cellular)', { displaySizeInches: 12.9, generation: 6, radio: ['Wi-Fi', 'Cellular'] }],
  ['iPad Pro 11-inch (M4) Wi-Fi + Cellular', { model: 'iPad Pro', displaySizeInches: 11, chip: 'M4', radio: ['Wi-Fi', 'Cellular'] }],
  ['iPad Pro 11-inch Wi-Fi + Cellular (M5)', { displaySizeInches: 11, chip: 'M5', radio: ['Wi-Fi', 'Cellular'] }],
  ['iPad Pro 11-inch (3rd generation) Wi-Fi + Cellular (1 or 2 TB)', { generation: 3, radio: ['Wi-Fi', 'Cellular'], details: ['1 or 2 TB'] }],
  ['iPad Pro 11-inch (1st generation) Wi-Fi (1TB)', { generation: 1, radio: ['Wi-Fi'], details: ['1TB'] }],
  ['iPad Pro (9.7-inch) Wi-Fi', { displaySizeInches: 9.7, radio: ['Wi-Fi'] }],
  ['iPad Pro (12.9-inch, 2nd generation)', { displaySizeInches: 12.9, generation: 2 }],
  ['iPad Air 13-inch (M2) Wi-Fi', { family: 'iPad Air', model: 'iPad Air', displaySizeInches: 13, chip: 'M2', radio: ['Wi-Fi'] }],
  ['iPad Air (4th generation) Wi-Fi + Cellular', { model: 'iPad Air', generation: 4 }],
  ['iPad Air 2 Wi-Fi', { model: 'iPad Air 2', radio: ['Wi-Fi'] }],
  ['iPad Air Wi-Fi + Cellular (TD-LTE)', { model: 'iPad Air', radio: ['Wi-Fi', 'Cellular', 'TD-LTE'] }],
  ['iPad (A16) Wi-Fi', { family: 'iPad', model: 'iPad', chip: 'A16', radio: ['Wi-Fi'] }],
  ['iPad mini (A17 Pro) Wi-Fi + Cellular', { family: 'iPad mini', model: 'iPad mini', chip: 'A17 Pro' }],
  ['iPad mini 4 Wi-Fi + Cellular', { model: 'iPad mini 4', radio: ['Wi-Fi', 'Cellular'] }],
  ['iPad mini 2 Wi-Fi + Cellular (TD-LTE)', { model: 'iPad mini 2', radio: ['Wi-Fi', 'Cellular', 'TD-LTE'] }],
  ['iPad (10th generation) Wi-Fi + Cellular', { model: 'iPad', generation: 10, radio: ['Wi-Fi', 'Cellular'] }],
  ['iPad (3rd generation) Wi-Fi + Cellular (VZ)', { generation: 3, details: ['VZ'] }],
  ['iPad 2 Wi-Fi + 3G (GSM)', { model: 'iPad 2', radio: ['Wi-Fi', '3G', 'GSM'] }],
  ['iPad 2 Wi-Fi (Mid 2012)', { model: 'iPad 2', radio: ['Wi-Fi'], season: 'Mid', year: 2012 }],
  ['iPod touch (7th generation)', { family: 'iPod touch', model: 'iPod touch', generation: 7 }],
  ['Apple TV 4K (3rd generation) Wi-Fi + Ethernet', { family: 'Apple TV', model: 'Apple TV 4K', generation: 3, radio: ['Wi-Fi', 'Ethernet'] }],
  ['Apple TV HD (4th generation)', { model: 'Apple TV HD', generation: 4 }],
  ['Apple TV (3rd generation, Rev A)', { model: 'Apple TV', generation: 3, revision: 'A' }],
  ['Apple Watch Series 9 (GPS, 45mm)', { family: 'Apple Watch', model: 'Apple Watch Series 9', radio: ['GPS'], caseSizeMm: 45 }],
  ['Apple Watch Series 9 (45 mm, LTE)', { caseSizeMm: 45, radio: ['LTE'] }],
  ['Apple Watch SE (2nd generation, GPS + Cellular, 44mm)', { model: 'Apple Watch SE', generation: 2, radio: ['GPS', 'Cellular'], caseSizeMm: 44 }],
  ['Apple Watch Ultra 2 (49 mm)', { model: 'Apple Watch Ultra 2', caseSizeMm: 49 }],
  ['Apple Watch (1st generation) (42mm) (Store Display Model)', { model: 'Apple Watch', generation: 1, caseSizeMm: 42, details: ['Store Display Model'] }],
  ['Apple Watch Series 3 (GPS + Cellular, 38mm)', { model: 'Apple Watch Series 3', radio: ['GPS', 'Cellular'], caseSizeMm: 38 }],
  ['Apple Vision Pro', { family: 'Apple Vision Pro', model: 'Apple Vision Pro' }],
  ['Vision Pro (M5)', { family: 'Apple Vision Pro', model: 'Apple Vision Pro', chip: 'M5' }],
];

const JAMF_OLDER_MOBILE_FORMS: readonly [string, Expected][] = [
  ['iPad 3rd Generation (Wi-Fi)', { family: 'iPad', model: 'iPad', generation: 3, radio: ['Wi-Fi'] }],
  ['iPad mini (Wi-Fi Only)', { family: 'iPad mini', model: 'iPad mini', radio: ['Wi-Fi'], details: [] }],
  ['iPhone 5S (GSM)', { model: 'iPhone 5s', radio: ['GSM'] }],
  ['iPhone 5C (GSM+CDMA)', { model: 'iPhone 5c', radio: ['GSM', 'CDMA'] }],
  ['Apple TV 3rd Generation Rev 2', { model: 'Apple TV', generation: 3, revision: '2' }],
  ['iPad 5th Generation (Wi-Fi)', { model: 'iPad', generation: 5, radio: ['Wi-Fi'] }],
  ['iPad 7th Generation (Wi-Fi)', { model: 'iPad', generation: 7, radio: ['Wi-Fi'] }],
  ['iPad Air (Cellular)', { model: 'iPad Air', radio: ['Cellular'] }],
  ['iPod touch 5th Generation', { model: 'iPod touch', generation: 5 }],
  ['Apple TV 4th Generation', { model: 'Apple TV', generation: 4 }],
  ['iPad Mini 4 (Wi-Fi)', { family: 'iPad mini', model: 'iPad mini 4', radio: ['Wi-Fi'] }],
];

const RAW_IDENTIFIERS: readonly [string, Expected][] = [
  ['iPad6,11', { identifier: 'iPad6,11', family: null, model: null }],
  ['MacBookPro15,2', { identifier: 'MacBookPro15,2' }],
  ['Mac14,2', { identifier: 'Mac14,2' }],
  ['iPhone17,5', { identifier: 'iPhone17,5' }],
  ['AppleTV11,1', { identifier: 'AppleTV11,1' }],
  ['Watch7,2', { identifier: 'Watch7,2' }],
  ['RealityDevice14,1', { identifier: 'RealityDevice14,1' }],
  [' ipad6,11 ', { identifier: 'ipad6,11' }],
];

const NOT_APPLE_OR_ODD: readonly [string, Expected][] = [
  ['Android', { family: null, model: null, identifier: null }],
  ['Galaxy S21', { family: null, model: null }],
  ['VMware7,1', { family: null, identifier: 'VMware7,1' }],
  ['MacBook Pro  (13-inch,\u00a02018)', { family: 'MacBook Pro', displaySizeInches: 13, year: 2018 }],
  ['MacBook Pro (13\u2011inch, 2018)', { displaySizeInches: 13, year: 2018 }],
  ['MacBook Pro (13\u201d, 2018)', { displaySizeInches: 13 }],
];

describe('parseModelString', () => {
  describe.each([
    ["Apple's Mac names", APPLE_MAC_NAMES],
    ["Jamf's older Mac forms", JAMF_OLDER_MAC_FORMS],
    ["Apple's iPhone, iPad, TV, watch and Vision names", APPLE_MOBILE_NAMES],
    ["Jamf's older mobile forms", JAMF_OLDER_MOBILE_FORMS],
    ['raw identifiers as the model string', RAW_IDENTIFIERS],
    ['non-Apple and odd strings', NOT_APPLE_OR_ODD],
  ])('%s', (_grammar, table) => {
    it.each(table)('%s', (input, expected) => {
      expect(parseModelString(input)).toMatchObject(expected);
    });
  });

  it.each([[''], ['   '], [null], [undefined]])('returns null for %p', (input) => {
    expect(parseModelString(input as string | null | undefined)).toBeNull();
  });

  it('fills no field a string does not mention', () => {
    expect(parseModelString('iPhone 15 Pro')).toEqual({
      family: 'iPhone',
      model: 'iPhone 15 Pro',
      identifier: null,
      displaySizeInches: null,
      caseSizeMm: null,
      chip: null,
      year: null,
      season: null,
      month: null,
      generation: null,
      revision: null,
      radio: [],
      details: [],
    });
  });

  it('returns the same frozen answer for the same string', () => {
    const first = parseModelString('MacBook Pro (13-inch, 2018)');
    expect(parseModelString('MacBook Pro (13-inch, 2018)')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
