import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectJamfRecordKind, jamfRecordToAssetFacts } from '../../src/catalog';
import { splitFullName } from '../../src/catalog/jamf-record/assignee';

const fixture = (name: string): { results: Record<string, unknown>[] } & Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/jamf', name), 'utf8'));

/** A managed computer with every section, to vary one field at a time. */
function computerRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '42',
    general: { platform: 'Mac', remoteManagement: { managed: true } },
    hardware: {
      make: 'Apple',
      model: 'MacBook Pro (14-inch, M3, Nov 2023)',
      modelIdentifier: 'Mac15,3',
      serialNumber: 'FVFXC2ABCDEF',
      processorType: 'Apple M3',
      processorSpeedMhz: 0,
      totalRamMegabytes: 16384,
    },
    operatingSystem: { name: 'macOS', version: '14.5', build: '23F79' },
    userAndLocation: { realname: 'Doe, Jane', email: ' jane.doe@example.com ' },
    security: { activationLockEnabled: false, recoveryLockEnabled: true },
    storage: {
      disks: [
        { device: 'disk1', model: 'APPLE HDD External', sizeMegabytes: 2000000, partitions: [] },
        { device: 'disk0', model: 'APPLE SSD AP0512Z', sizeMegabytes: 500277, partitions: [{ partitionType: 'BOOT' }] },
      ],
    },
    purchasing: { appleCareId: 'ABCD1234' },
    ...overrides,
  };
}

function mobileRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mobileDeviceId: 7,
    deviceType: 'iOS',
    general: { managed: true, osVersion: '17.5', osBuild: '21F79' },
    hardware: { serialNumber: 'F2LXK0ABCDEF', model: 'iPhone 15 Pro', modelIdentifier: 'iPhone16,1', modelNumber: 'MTUV3LL', capacityMb: 122070 },
    userAndLocation: { realName: 'Jane   Q.  Doe', emailAddress: 'jane@example.com' },
    security: { activationLockEnabled: true },
    network: { imei: '35 882334 083223 0' },
    purchasing: { appleCareId: '' },
    ...overrides,
  };
}

describe('jamfRecordToAssetFacts: the API samples', () => {
  it('maps the v3 computers-inventory reference example', () => {
    const [record] = fixture('computers-inventory-page.json').results;
    expect(jamfRecordToAssetFacts(record, 'computer')).toEqual({
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
      // R4 applied as written: the anonymised sample put "13-inch MacBook" in the name field.
      assignee: { email: 'email@com.pl', firstName: '13-inch', lastName: 'MacBook' },
      createEligible: true,
      skipReason: null,
      sources: {
        serialNumber: 'jamf-field',
        jamfId: 'jamf-field',
        assetType: 'identifier',
        make: 'jamf-field',
        model: 'model-string',
        modelIdentifier: 'jamf-field',
        displaySizeInches: 'model-string',
        releaseDate: 'model-string',
        memoryMb: 'jamf-field',
        processor: 'jamf-field',
        processorFrequencyMhz: 'jamf-field',
        storageMb: 'jamf-field',
        storageType: 'jamf-field',
        operatingSystem: 'jamf-field',
        'secure.activationLockEnabled': 'jamf-field',
        'secure.recoveryLockEnabled': 'jamf-field',
        'secure.appleCareId': 'jamf-field',
      },
      warnings: [],
    });
  });

  it('maps the v4 page: a family name only, and no management section, so not created', () => {
    const [first, second] = fixture('computers-inventory-v4-page-sdk-mock.json').results;
    expect(jamfRecordToAssetFacts(first, 'computer')).toMatchObject({
      asset: { serialNumber: 'C02ABC123DEF', jamfId: '1', assetType: 'laptop', model: 'MacBook Pro', releaseDate: null, operatingSystem: null },
      assignee: null,
      createEligible: false,
      skipReason: 'unmanaged',
    });
    expect(jamfRecordToAssetFacts(second, 'computer').asset).toMatchObject({ model: 'MacBook Air', assetType: 'laptop' });
  });

  it('maps the mobile paged-detail page', () => {
    const [record] = fixture('mobile-devices-detail-page-sdk-mock.json').results;
    expect(jamfRecordToAssetFacts(record, 'mobile')).toEqual({
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
      sources: {
        serialNumber: 'jamf-field',
        jamfId: 'jamf-field',
        assetType: 'identifier',
        make: 'identifier',
        model: 'model-string',
        modelIdentifier: 'jamf-field',
        modelNumber: 'jamf-field',
        displaySizeInches: 'identifier',
        releaseDate: 'identifier',
        color: 'part-number',
        storageMb: 'jamf-field',
        storageType: 'identifier',
        operatingSystem: 'jamf-field',
      },
      warnings: [],
    });
  });

  it('maps the single-device detail shape the webhook worker fetches', () => {
    const record = fixture('mobile-device-detail.json');
    expect(jamfRecordToAssetFacts(record, 'mobile')).toMatchObject({
      asset: {
        serialNumber: 'DMQVGC0DHLF0',
        jamfId: '1',
        assetType: 'tablet',
        model: 'iPad',
        modelIdentifier: 'iPad6,11',
        color: 'Space Gray',
        imei: '59 105109 176278 3',
        storageMb: 27503,
        operatingSystem: 'iOS 11.4 (15F79)',
        secure: { activationLockEnabled: false, recoveryLockEnabled: null },
      },
      assignee: { email: 'ITBob@jamf.com', firstName: 'IT', lastName: 'Bob' },
      createEligible: true,
    });
  });
});

describe('jamfRecordToAssetFacts: fields', () => {
  it('maps a current Apple-silicon Mac', () => {
    expect(jamfRecordToAssetFacts(computerRecord(), 'computer')).toMatchObject({
      asset: {
        jamfId: '42',
        assetType: 'laptop',
        displaySizeInches: 14,
        releaseDate: '2023-11',
        processor: 'Apple M3',
        processorFrequencyMhz: null,
        memoryMb: 16384,
        storageMb: 500277,
        storageType: 'SSD',
        operatingSystem: 'macOS 14.5 (23F79)',
        secure: { activationLockEnabled: false, recoveryLockEnabled: true, appleCareId: 'ABCD1234' },
      },
      assignee: { email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' },
      createEligible: true,
    });
  });

  it('takes the disk holding the BOOT partition, else disk0', () => {
    const noBootPartition = computerRecord({
      storage: { disks: [{ device: 'disk2', model: 'X', sizeMegabytes: 1 }, { device: 'disk0', model: 'APPLE SSD AP1024Z', sizeMegabytes: 1000555 }] },
    });
    expect(jamfRecordToAssetFacts(noBootPartition, 'computer').asset).toMatchObject({ storageMb: 1000555, storageType: 'SSD' });
    const noDisks = computerRecord({ storage: { disks: [] } });
    expect(jamfRecordToAssetFacts(noDisks, 'computer').asset).toMatchObject({ storageMb: null, storageType: 'SSD' });
  });

  it('reads every section as possibly null', () => {
    const bare = { id: 9, general: null, hardware: null, operatingSystem: null, userAndLocation: null, security: null, storage: null, purchasing: null, extensionAttributes: null };
    expect(jamfRecordToAssetFacts(bare, 'computer')).toMatchObject({
      asset: { jamfId: '9', serialNumber: null, assetType: 'unknown', make: null, operatingSystem: null, secure: { activationLockEnabled: null } },
      assignee: null,
      createEligible: false,
      skipReason: 'unmanaged',
      sources: { jamfId: 'jamf-field' },
    });
    expect(jamfRecordToAssetFacts(null, 'mobile').skipReason).toBe('unmanaged');
    expect(jamfRecordToAssetFacts('not a record', 'computer').asset.jamfId).toBeNull();
  });

  it('names the OS from the name or platform, version and build', () => {
    const os = (operatingSystem: unknown): string | null =>
      jamfRecordToAssetFacts(computerRecord({ operatingSystem }), 'computer').asset.operatingSystem;
    expect(os({ name: 'Mac OS X', version: '10.9.5', build: '13A603' })).toBe('macOS 10.9.5 (13A603)');
    expect(os({ name: 'OS X', version: '10.11.6' })).toBe('macOS 10.11.6');
    expect(os({ name: null, version: '15.0' })).toBe('macOS 15.0');
    expect(os({ name: 'macOS', version: '' })).toBeNull();
    const mobileOs = (deviceType: string, model: string, identifier: string, version: string): string | null =>
      jamfRecordToAssetFacts(
        mobileRecord({ deviceType, general: { managed: true, osVersion: version, osBuild: '21F79' }, hardware: { serialNumber: 'X', model, modelIdentifier: identifier } }),
        'mobile',
      ).asset.operatingSystem;
    expect(mobileOs('iOS', 'iPhone 15 Pro', 'iPhone16,1', '17.5')).toBe('iOS 17.5 (21F79)');
    expect(mobileOs('ios', 'iPad (A16) Wi-Fi', 'iPad15,7', '18.4')).toBe('iPadOS 18.4 (21F79)');
    expect(mobileOs('iOS', 'iPad 3rd Generation (Wi-Fi)', 'iPad3,1', '9.3.5')).toBe('iOS 9.3.5 (21F79)');
    expect(mobileOs('tvOS', 'Apple TV 4K', 'AppleTV11,1', '17.5')).toBe('tvOS 17.5 (21F79)');
    expect(mobileOs('watchOS', 'Apple Watch Series 9', 'Watch7,2', '10.5')).toBe('watchOS 10.5 (21F79)');
    expect(mobileOs('visionOS', 'Apple Vision Pro', 'RealityDevice14,1', '1.2')).toBe('visionOS 1.2 (21F79)');
  });

  it('maps a phone: IMEI, capacity, colour, activation lock, no recovery lock', () => {
    expect(jamfRecordToAssetFacts(mobileRecord(), 'mobile')).toMatchObject({
      asset: {
        jamfId: '7',
        assetType: 'mobile',
        model: 'iPhone 15 Pro',
        imei: '35 882334 083223 0',
        storageMb: 122070,
        storageType: 'Flash',
        secure: { activationLockEnabled: true, recoveryLockEnabled: null, appleCareId: null },
      },
      assignee: { email: 'jane@example.com', firstName: 'Jane Q.', lastName: 'Doe' },
    });
  });

  it('treats an empty IMEI (Wi-Fi-only iPads) as unknown', () => {
    expect(jamfRecordToAssetFacts(mobileRecord({ network: { imei: '' } }), 'mobile').asset.imei).toBeNull();
  });

  it('maps the extension attributes of every section through the connection mapping', () => {
    const record = computerRecord({
      extensionAttributes: [{ definitionId: '1', name: 'Keyboard', values: ['French - Canadian'] }],
      hardware: { ...(computerRecord().hardware as object), extensionAttributes: [{ name: 'Colour', values: ['Space Black'] }] },
    });
    const facts = jamfRecordToAssetFacts(record, 'computer', { eaMapping: { Keyboard: 'keyboardLanguage', Colour: 'color' } });
    expect(facts.asset).toMatchObject({ keyboardLanguage: 'French - Canadian', color: 'Space Black' });
    expect(facts.sources).toMatchObject({ keyboardLanguage: 'extension attribute Keyboard', color: 'extension attribute Colour' });
    const mobileFacts = jamfRecordToAssetFacts(mobileRecord({ extensionAttributes: [{ id: '3', name: 'Keyboard', value: ['German'] }] }), 'mobile', {
      eaMapping: { Keyboard: 'keyboardLanguage' },
    });
    expect(mobileFacts.asset.keyboardLanguage).toBe('German');
  });
});

describe('jamfRecordToAssetFacts: R1 skip reasons, in order', () => {
  it.each([
    ['managed, serial, known type', computerRecord(), 'computer', null],
    ['not managed', computerRecord({ general: { remoteManagement: { managed: false } } }), 'computer', 'unmanaged'],
    ['managed flag missing', computerRecord({ general: {} }), 'computer', 'unmanaged'],
    ['unmanaged and no serial: unmanaged first', computerRecord({ general: { remoteManagement: { managed: false } }, hardware: {} }), 'computer', 'unmanaged'],
    ['empty serial', computerRecord({ hardware: { ...(computerRecord().hardware as object), serialNumber: '  ' } }), 'computer', 'no_serial'],
    ['no serial and unknown type: no serial first', computerRecord({ hardware: { make: 'Apple' } }), 'computer', 'no_serial'],
    ['unknown type', computerRecord({ hardware: { make: 'Apple', serialNumber: 'ABC', model: 'Apple Virtual Machine 1', modelIdentifier: 'VirtualMac2,1' } }), 'computer', 'unknown_asset_type'],
    ['non-Apple', mobileRecord({ hardware: { serialNumber: 'R5CR10ABCDE', model: 'Android' }, deviceType: 'Android' }), 'mobile', 'unknown_asset_type'],
    ['mobile unmanaged', mobileRecord({ general: { managed: false } }), 'mobile', 'unmanaged'],
    ['mobile managed', mobileRecord(), 'mobile', null],
  ] as const)('%s', (_description, record, kind, reason) => {
    const facts = jamfRecordToAssetFacts(record, kind);
    expect(facts.skipReason).toBe(reason);
    expect(facts.createEligible).toBe(reason === null);
  });
});

describe('assignee (R3, R4)', () => {
  it.each([
    ['Doe, Jane', 'Jane', 'Doe'],
    ['  Doe ,   Jane  Mary ', 'Jane Mary', 'Doe'],
    ['Jane Doe', 'Jane', 'Doe'],
    ['Jane  Mary   Doe', 'Jane Mary', 'Doe'],
    ['Cher', 'Cher', null],
    ['Doe,', null, 'Doe'],
    ['', null, null],
    ['jane@example.com', null, null],
  ])('"%s" → first %p, last %p', (name, firstName, lastName) => {
    expect(splitFullName(name)).toEqual({ firstName, lastName });
  });

  it('has no assignee without an email, and trims the email', () => {
    expect(jamfRecordToAssetFacts(computerRecord({ userAndLocation: { realname: 'Jane Doe', email: '  ' } }), 'computer').assignee).toBeNull();
    expect(jamfRecordToAssetFacts(computerRecord({ userAndLocation: { email: ' a@b.c ' } }), 'computer').assignee).toEqual({
      email: 'a@b.c',
      firstName: null,
      lastName: null,
    });
  });
});

describe('detectJamfRecordKind', () => {
  it.each([
    ['computers v3 page record', fixture('computers-inventory-page.json').results[0], 'computer'],
    ['computers v4 page record', fixture('computers-inventory-v4-page-sdk-mock.json').results[0], 'computer'],
    ['mobile paged detail record', fixture('mobile-devices-detail-page-sdk-mock.json').results[0], 'mobile'],
    ['mobile single detail', fixture('mobile-device-detail.json'), 'mobile'],
    ['a bare object', { foo: 1 }, null],
    ['not an object', 'x', null],
  ])('%s', (_description, record, kind) => {
    expect(detectJamfRecordKind(record)).toBe(kind);
  });
});
