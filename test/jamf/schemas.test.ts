import computersPage from '../fixtures/jamf/computers-inventory-page.json';
import computersV4Page from '../fixtures/jamf/computers-inventory-v4-page-sdk-mock.json';
import fileVaultPage from '../fixtures/jamf/computers-inventory-filevault-page.json';
import mobileDetail from '../fixtures/jamf/mobile-device-detail.json';
import mobilePage from '../fixtures/jamf/mobile-devices-detail-page-sdk-mock.json';
import mobileList from '../fixtures/jamf/mobile-devices-list-page.json';
import oauthToken from '../fixtures/jamf/oauth-token-response.json';
import apiError401 from '../fixtures/jamf/api-error-401.json';
import {
  computerInventoryRecordSchema,
  fileVaultRecordSchema,
  jamfApiErrorSchema,
  mobileDeviceDetailRecordSchema,
  mobileDeviceListItemSchema,
  mobileDeviceSingleDetailSchema,
  oauthTokenSchema,
  pageEnvelopeSchema,
  singleDetailToPagedRecord,
  userTokenSchema,
  jamfProVersionSchema,
  departmentsPageSchema,
} from '../../src/jamf/schemas';

describe('computer inventory record schema', () => {
  it('accepts Jamf\'s reference v3 page and maps lastContactTime to lastContact', () => {
    const record = computerInventoryRecordSchema.parse(pageEnvelopeSchema.parse(computersPage).results[0]);
    expect(record.id).toBe('1');
    expect(record.general?.remoteManagement?.managed).toBe(true);
    expect(record.general?.lastContactTime).toBe('2018-10-31T18:04:13Z');
    expect(record.general?.lastContact).toBe('2018-10-31T18:04:13Z');
    expect(record.userAndLocation?.realname).toBe('13-inch MacBook');
    expect(record.userAndLocation?.departmentId).toBe('1');
    expect(record.storage?.disks?.[0]?.partitions?.[0]?.partitionType).toBe('BOOT');
    expect(record.hardware?.modelIdentifier).toBe('MacBookPro9,2');
    // Unknown sections and fields are kept.
    expect((record as Record<string, unknown>).applications).toBeDefined();
  });

  it('accepts a v4 page (lastContact, lastCheckIn) with missing sections', () => {
    const record = computerInventoryRecordSchema.parse(computersV4Page.results[1]);
    expect(record.general?.lastContact).toBe('2018-11-01T09:22:01Z');
    expect(record.general?.lastCheckIn).toBe('2018-11-01T10:05:17Z');
    expect(record.storage).toBeUndefined();
  });

  it('accepts null sections and null fields, and normalises numeric ids to strings', () => {
    const record = computerInventoryRecordSchema.parse({
      id: 42,
      udid: null,
      general: { name: null, remoteManagement: null, lastContactTime: null, extensionAttributes: null },
      hardware: { processorSpeedMhz: 0, serialNumber: '' },
      operatingSystem: null,
      userAndLocation: { departmentId: 3, buildingId: null },
      security: null,
      storage: { disks: [{ id: 7, partitions: null }] },
      purchasing: null,
      extensionAttributes: null,
    });
    expect(record.id).toBe('42');
    expect(record.userAndLocation?.departmentId).toBe('3');
    expect(record.storage?.disks?.[0]?.id).toBe('7');
    expect(record.general?.lastContact).toBeNull();
  });

  it('rejects a record without an id or with a wrongly typed field', () => {
    expect(computerInventoryRecordSchema.safeParse({ general: {} }).success).toBe(false);
    expect(computerInventoryRecordSchema.safeParse({ id: '1', hardware: { processorSpeedMhz: 'fast' } }).success).toBe(false);
    expect(computerInventoryRecordSchema.safeParse({ id: '1', general: 'not an object' }).success).toBe(false);
  });
});

describe('mobile device schemas', () => {
  it('accepts a paged-detail record', () => {
    const record = mobileDeviceDetailRecordSchema.parse(mobilePage.results[0]);
    expect(record.mobileDeviceId).toBe('1');
    expect(record.hardware?.modelNumber).toBe('MW742LL');
    expect(record.userAndLocation?.realName).toBe('IT Bob');
  });

  it('normalises the single-device detail into the paged shape', () => {
    const single = mobileDeviceSingleDetailSchema.parse(mobileDetail);
    const paged = singleDetailToPagedRecord(single);
    expect(mobileDeviceDetailRecordSchema.safeParse(paged).success).toBe(true);
    expect(paged).toMatchObject({
      mobileDeviceId: '1',
      deviceType: 'iOS',
      general: { udid: '0dad565fb40b010a9e490440188063a378721069', displayName: "Jon's iPad", managed: true, supervised: true },
      hardware: { serialNumber: 'DMQVGC0DHLF0', model: 'iPad 5th Generation (Wi-Fi)', modelNumber: 'MP2F2LL', capacityMb: 27503 },
      userAndLocation: { realName: 'IT Bob', emailAddress: 'ITBob@jamf.com', departmentId: '1' },
      network: { imei: '59 105109 176278 3' },
      purchasing: { appleCareId: '9546567.0' },
      security: { activationLockEnabled: false },
    });
    expect(paged.extensionAttributes?.[0]).toMatchObject({ definitionId: '1', values: ['EA Value'], dataType: 'STRING' });
  });

  it('reads the platform sub-object named by `type` (tvOS)', () => {
    const paged = singleDetailToPagedRecord(
      mobileDeviceSingleDetailSchema.parse({ id: 9, type: 'tvos', tvos: { model: 'Apple TV 4K', modelNumber: 'MXGY2LL' }, location: null }),
    );
    expect(paged).toMatchObject({ mobileDeviceId: '9', deviceType: 'tvOS', hardware: { model: 'Apple TV 4K' }, userAndLocation: null });
  });

  it('keeps a device type named like an Object.prototype member as Jamf sent it', () => {
    for (const type of ['constructor', '__proto__', 'toString']) {
      const paged = singleDetailToPagedRecord(mobileDeviceSingleDetailSchema.parse({ id: 9, type, ios: { model: 'iPad' }, location: null }));
      expect({ type, deviceType: paged.deviceType, model: paged.hardware?.model }).toEqual({ type, deviceType: type, model: 'iPad' });
    }
  });

  it('accepts the list item', () => {
    expect(mobileDeviceListItemSchema.parse(mobileList.results[0]).type).toBe('ios');
  });
});

describe('auth, version, lookups, errors', () => {
  it('accepts the OAuth token answer and a user token answer', () => {
    expect(oauthTokenSchema.parse(oauthToken).expires_in).toBe(599);
    expect(userTokenSchema.parse({ token: 'abc', expires: '2026-01-01T00:30:00.000Z' }).token).toBe('abc');
    expect(oauthTokenSchema.safeParse({ access_token: '', expires_in: 60 }).success).toBe(false);
  });

  it('accepts version, departments and ApiError bodies', () => {
    expect(jamfProVersionSchema.parse({ version: '11.2.1-t1707143529' }).version).toBe('11.2.1-t1707143529');
    expect(departmentsPageSchema.parse({ totalCount: 1, results: [{ id: 5, name: 'IT' }] }).results[0]).toEqual({ id: '5', name: 'IT' });
    expect(jamfApiErrorSchema.parse(apiError401).errors?.[0]?.code).toBe('INVALID_TOKEN');
  });

  it('accepts the FileVault record', () => {
    expect(fileVaultRecordSchema.parse(fileVaultPage.results[0]).personalRecoveryKey).toBe('Z4A6-ONF8-KUHD-AVTG-C3ER-6A8G');
  });
});
