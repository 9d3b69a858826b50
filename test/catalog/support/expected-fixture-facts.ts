/**
 * What `explain` must print for the API samples in test/fixtures/jamf (checked by hand against the
 * samples and the catalog; see the comments).
 */

/** computers-inventory-page.json: "13-inch MacBook Pro (Mid 2012)", MacBookPro9,2, Toshiba HDD, Mac OS X 10.9.5. */
export const V3_COMPUTER_FACTS = {
  asset: {
    serialNumber: 'C02ZC2QYLVDL',
    jamfId: '1',
    assetType: 'laptop',
    make: 'Apple',
    model: 'MacBook Pro',
    modelIdentifier: 'MacBookPro9,2',
    modelNumber: null,
    displaySizeInches: 13,
    releaseDate: '2012',
    color: null,
    keyboardLanguage: null,
    imei: null,
    memoryMb: 4096,
    processor: 'Intel Core i5',
    processorFrequencyMhz: 2100,
    storageMb: 262144,
    storageType: 'HDD',
    operatingSystem: 'macOS 10.9.5 (13A603)',
    secure: { activationLockEnabled: true, recoveryLockEnabled: true, appleCareId: 'abcd' },
  },
  // R4 as written: the anonymised sample has "13-inch MacBook" in the name field.
  assignee: { email: 'email@com.pl', firstName: '13-inch', lastName: 'MacBook' },
  createEligible: true,
  skipReason: null,
};

/** computers-inventory-v4-page-sdk-mock.json: family names only, no management section → unmanaged. */
export const V4_COMPUTER_FACTS = [
  {
    asset: { serialNumber: 'C02ABC123DEF', jamfId: '1', assetType: 'laptop', make: 'Apple', model: 'MacBook Pro', displaySizeInches: null, releaseDate: null },
    assignee: null,
    createEligible: false,
    skipReason: 'unmanaged',
  },
  {
    asset: { serialNumber: 'C02XYZ789GHI', jamfId: '2', assetType: 'laptop', make: 'Apple', model: 'MacBook Air', displaySizeInches: null, releaseDate: null },
    assignee: null,
    createEligible: false,
    skipReason: 'unmanaged',
  },
];

/** mobile-devices-detail-page-sdk-mock.json: iPad 7th generation (iPad7,11), part MW742 = Space Gray. */
export const MOBILE_PAGE_FACTS = {
  asset: {
    serialNumber: '5c28fdae',
    jamfId: '1',
    assetType: 'tablet',
    make: 'Apple',
    model: 'iPad',
    modelIdentifier: 'iPad7,11',
    modelNumber: 'MW742LL',
    displaySizeInches: 10.2,
    releaseDate: '2019-09',
    color: 'Space Gray',
    keyboardLanguage: null,
    imei: null,
    memoryMb: null,
    processor: null,
    processorFrequencyMhz: null,
    storageMb: 100,
    storageType: 'Flash',
    operatingSystem: 'iOS 11.4 (15F79)',
    secure: { activationLockEnabled: null, recoveryLockEnabled: null, appleCareId: null },
  },
  assignee: { email: 'ITBob@jamf.com', firstName: 'IT', lastName: 'Bob' },
  createEligible: true,
  skipReason: null,
};
