import { computerView, fileVaultView, invalidComputerSections } from '../../src/simulator/computer-views';
import { mobileDeviceDetailView, mobileDeviceListItem, mobileInventoryView } from '../../src/simulator/mobile-views';
import { generateFleet } from '../../src/simulator/generate-fleet';
import type { JsonObject } from '../../src/simulator/fleet-types';
import { computerInventoryRecordSchema } from '../../src/jamf/schemas';
import { mapJamfRecordToDevice } from '../../src/sync/record-to-device';

const fleet = generateFleet({ computers: 8, mobiles: 8, seed: 3, referenceTime: Date.parse('2026-11-01T00:00:00Z') });
const computer = fleet.computers[0] as JsonObject;
const general = (view: JsonObject): JsonObject => view.general as JsonObject;

describe('computerView', () => {
  it('returns GENERAL only when no section is asked for, other sections null', () => {
    const view = computerView(computer, 4, []);
    expect(view.id).toBe('1');
    expect(view.general).not.toBeNull();
    expect(view.hardware).toBeNull();
    expect(view.storage).toBeNull();
  });

  it('returns the asked sections (any case) and nulls the rest', () => {
    const view = computerView(computer, 4, ['hardware', 'STORAGE']);
    expect(view.general).toBeNull();
    expect(view.hardware).toEqual(computer.hardware);
    expect(view.storage).toEqual(computer.storage);
  });

  it('names last contact per version: v3 lastContactTime, v4 lastContact + lastCheckIn', () => {
    const v3 = general(computerView(computer, 3));
    const v4 = general(computerView(computer, 4));
    expect(v3.lastContactTime).toBe((computer.general as JsonObject).lastContact);
    expect(v3).not.toHaveProperty('lastContact');
    expect(v3).not.toHaveProperty('lastCheckIn');
    expect(v4.lastContact).toBe((computer.general as JsonObject).lastContact);
    expect(v4.lastCheckIn).toBe((computer.general as JsonObject).lastCheckIn);
    expect(v4).not.toHaveProperty('lastContactTime');
  });

  it('has plugins and fonts in v1 only', () => {
    expect(computerView(computer, 1)).toHaveProperty('plugins');
    expect(computerView(computer, 1)).toHaveProperty('fonts');
    for (const version of [3, 4] as const) {
      expect(computerView(computer, version)).not.toHaveProperty('plugins');
      expect(computerView(computer, version)).not.toHaveProperty('fonts');
      expect(invalidComputerSections(['PLUGINS', 'GENERAL', 'fonts'], version)).toEqual(['PLUGINS', 'fonts']);
    }
    expect(invalidComputerSections(['PLUGINS', 'fonts'], 1)).toEqual([]);
  });

  it('serves v1 with lastContactTime and the fields Jamf deprecated, derived from their successors', () => {
    const v1 = general(computerView(computer, 1));
    const stored = computer.general as JsonObject;
    expect(v1.lastContactTime).toBe(stored.lastContact);
    expect(v1).not.toHaveProperty('lastContact');
    expect(v1).not.toHaveProperty('lastCheckIn');
    expect(v1.lastReportedIp).toBe(stored.lastReportedIpV4);
    expect(v1.remoteManagement).toEqual({ ...(stored.remoteManagement as JsonObject), managementUsername: null });
    expect((v1.mdmCapable as JsonObject).capableUsers).toEqual(
      ((stored.mdmCapable as JsonObject).userManagementInfo as JsonObject[]).map((user) => user.capableUser),
    );
    expect(general(computerView(computer, 3))).not.toHaveProperty('lastReportedIp');
    const apps = computerView(computer, 1).applications as JsonObject[];
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps) expect(Object.keys(app)).not.toEqual(expect.arrayContaining(['cfBundleVersion']));
    expect((computerView(computer, 3).applications as JsonObject[])[0]).toHaveProperty('cfBundleVersion');
  });

  it('converts a v3-shaped loaded record for v4 and serves odd records as given', () => {
    const loaded = { id: '5', udid: 'u', general: { name: 'x', lastContactTime: '2026-01-01T00:00:00Z' } };
    expect(general(computerView(loaded, 4))).toEqual({ name: 'x', lastContact: '2026-01-01T00:00:00Z', lastCheckIn: '2026-01-01T00:00:00Z' });
    const odd = { id: 7, general: 'not an object', hardware: { serialNumber: 123 }, custom: true };
    const view = computerView(odd, 4, ['GENERAL', 'HARDWARE']);
    expect(view).toMatchObject({ id: 7, udid: null, general: 'not an object', hardware: { serialNumber: 123 }, custom: true, storage: null });
  });

  it('builds the FileVault answer from the record and the key', () => {
    expect(fileVaultView(computer, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF')).toMatchObject({
      computerId: '1',
      name: (computer.general as JsonObject).name,
      personalRecoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
      individualRecoveryKeyValidityStatus: 'VALID',
    });
  });
});

describe('mobile views', () => {
  const ipad = fleet.mobileDevices[1] as JsonObject;
  const tv = fleet.mobileDevices[2] as JsonObject;

  it('paged inventory: GENERAL by default, asked sections otherwise', () => {
    expect(mobileInventoryView(ipad, [])).toMatchObject({ mobileDeviceId: '2', deviceType: 'iOS', hardware: null });
    const view = mobileInventoryView(ipad, ['NETWORK', 'HARDWARE']);
    expect(view.general).toBeNull();
    expect((view.network as JsonObject).imei).toBe('');
    expect((view.hardware as JsonObject).modelNumber).toBe('MP2F2LL');
  });

  it('single detail: own layout, lower-case type and one platform object', () => {
    const detail = mobileDeviceDetailView(ipad);
    expect(detail).toMatchObject({
      id: '2',
      name: (ipad.general as JsonObject).displayName,
      serialNumber: (ipad.hardware as JsonObject).serialNumber,
      type: 'ios',
      tvos: null,
      watchos: null,
      visionos: null,
      location: { realName: (ipad.userAndLocation as JsonObject).realName },
    });
    expect(detail.ios).toMatchObject({ model: 'iPad 5th Generation (Wi-Fi)', modelIdentifier: 'iPad6,11', modelNumber: 'MP2F2LL' });
    expect(mobileDeviceDetailView(tv)).toMatchObject({ type: 'tvos', ios: null, tvos: { modelIdentifier: 'AppleTV14,1' } });
  });

  it('files each extension attribute under the section its inventoryDisplay names; the detail lists them all', () => {
    const attributes = (part: unknown) => ((part as JsonObject).extensionAttributes as JsonObject[]).map((ea) => [ea.name, ea.inventoryDisplay]);
    expect(attributes(ipad.general)).toEqual([['Asset Owner', 'GENERAL']]);
    expect(attributes(ipad.hardware)).toEqual([['Color', 'HARDWARE']]);
    expect(attributes(ipad)).toEqual([]);
    expect(mobileInventoryView(ipad, ['HARDWARE']).hardware).toMatchObject({ extensionAttributes: [{ name: 'Color', value: [expect.any(String)] }] });
    const detail = mobileDeviceDetailView(ipad).extensionAttributes as JsonObject[];
    expect(detail.map((ea) => ea.name).sort()).toEqual(['Asset Owner', 'Color']);
  });

  it('list item: the flat list shape', () => {
    expect(mobileDeviceListItem(tv)).toMatchObject({ id: '3', type: 'tvos', model: 'Apple TV 4K (3rd generation)' });
  });
});

describe('every computer inventory version maps to the same asset', () => {
  const sections = ['GENERAL', 'HARDWARE', 'OPERATING_SYSTEM', 'USER_AND_LOCATION', 'SECURITY', 'STORAGE', 'PURCHASING', 'EXTENSION_ATTRIBUTES'];
  const mapped = (record: JsonObject, version: 1 | 3 | 4) =>
    mapJamfRecordToDevice('computer', computerInventoryRecordSchema.parse(computerView(record, version, sections)), {
      extensionAttributeMapping: { 'Keyboard Layout': 'keyboardLanguage', Color: 'color' },
    });

  it('v1 (deprecated fields, plugins, fonts), v3 and v4 give equal devices', () => {
    for (const record of fleet.computers as JsonObject[]) {
      const v4 = mapped(record, 4);
      expect(mapped(record, 1)).toEqual(v4);
      expect(mapped(record, 3)).toEqual(v4);
    }
  });
});
