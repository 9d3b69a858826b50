import type { JsonObject } from './fleet-types';
import { getPath } from './deep-merge';
import type { InventoryVersion } from './jamf-version';

/**
 * Fields that `filter=` and `sort=` may name, with how to read each from a stored record and how to
 * compare it. Ids compare as numbers (Jamf sorts "10" after "9"), dates as instants, strings
 * case-insensitively (Jamf's database collation is case-insensitive).
 */
export type FieldType = 'id' | 'string' | 'number' | 'boolean' | 'datetime';

export interface FieldSpec {
  type: FieldType;
  read(record: JsonObject): unknown;
}

export type FieldCatalog = Readonly<Record<string, FieldSpec>>;

const at = (type: FieldType, path: string): FieldSpec => ({ type, read: (r) => getPath(r, path) });
const firstOf = (type: FieldType, ...paths: string[]): FieldSpec => ({
  type,
  read: (r) => {
    for (const path of paths) {
      const value = getPath(r, path);
      if (value !== undefined) return value;
    }
    return undefined;
  },
});

const sameName = (type: FieldType, ...paths: string[]): Record<string, FieldSpec> =>
  Object.fromEntries(paths.map((p) => [p, at(type, p)]));

/** Fields of `computers-inventory` shared by v3 and v4 (Jamf's documented filter list). */
const COMPUTER_COMMON: Record<string, FieldSpec> = {
  id: at('id', 'id'),
  udid: at('string', 'udid'),
  ...sameName('string',
    'general.name', 'general.assetTag', 'general.barcode1', 'general.barcode2', 'general.lastIpAddress',
    'general.jamfBinaryVersion', 'general.lastReportedIpV4', 'general.lastReportedIpV6', 'general.managementId',
    'general.platform', 'general.lastLoggedInUsernameSelfService', 'general.lastLoggedInUsernameBinary',
    'hardware.macAddress', 'hardware.make', 'hardware.model', 'hardware.modelIdentifier', 'hardware.serialNumber',
    'operatingSystem.activeDirectoryStatus', 'operatingSystem.fileVault2Status', 'operatingSystem.build',
    'operatingSystem.supplementalBuildVersion', 'operatingSystem.rapidSecurityResponse', 'operatingSystem.name',
    'operatingSystem.version', 'userAndLocation.email', 'userAndLocation.realname', 'userAndLocation.phone',
    'userAndLocation.position', 'userAndLocation.room', 'userAndLocation.username', 'purchasing.appleCareId',
    'purchasing.vendor'),
  'general.lastReportedIp': at('string', 'general.lastReportedIpV4'),
  ...sameName('boolean',
    'general.enrolledViaAutomatedDeviceEnrollment', 'general.itunesStoreAccountActive',
    'general.remoteManagement.managed', 'general.mdmCapable.capable', 'general.supervised',
    'general.userApprovedMdm', 'general.declarativeDeviceManagementEnabled', 'hardware.bleCapable',
    'hardware.supportsIosAppInstalls', 'hardware.appleSilicon', 'security.activationLockEnabled',
    'security.recoveryLockEnabled', 'security.firewallEnabled', 'diskEncryption.fileVault2Enabled',
    'purchasing.purchased', 'purchasing.leased'),
  ...sameName('datetime',
    'general.lastEnrolledDate', 'general.lastCloudBackupDate', 'general.reportDate',
    'general.lastLoggedInUsernameSelfServiceTimestamp', 'general.lastLoggedInUsernameBinaryTimestamp',
    'purchasing.warrantyDate'),
  ...sameName('id', 'userAndLocation.buildingId', 'userAndLocation.departmentId'),
  'purchasing.lifeExpectancy': at('number', 'purchasing.lifeExpectancy'),
};

const LAST_CONTACT = firstOf('datetime', 'general.lastContact', 'general.lastContactTime');
const MDM_LOGIN: Record<string, FieldSpec> = {
  'general.lastLoggedInUsernameMdm': at('string', 'general.lastLoggedInUsernameMdm'),
  'general.lastLoggedInUsernameMdmTimestamp': at('datetime', 'general.lastLoggedInUsernameMdmTimestamp'),
};

/** Filter fields by API version (Jamf's documented lists); stored records use the v4 names. */
export const COMPUTER_FILTER_FIELDS: Readonly<Record<InventoryVersion, FieldCatalog>> = {
  1: { ...COMPUTER_COMMON, ...MDM_LOGIN, 'general.lastContactTime': LAST_CONTACT },
  3: { ...COMPUTER_COMMON, 'general.lastContactTime': LAST_CONTACT },
  4: {
    ...COMPUTER_COMMON,
    ...MDM_LOGIN,
    'general.lastContact': LAST_CONTACT,
    'general.lastCheckIn': firstOf('datetime', 'general.lastCheckIn', 'general.lastContact', 'general.lastContactTime'),
  },
};

/** Jamf sorts by far fewer fields than it filters by; anything else is a 400. */
const COMPUTER_SORT_NAMES = [
  'general.name', 'udid', 'id', 'general.assetTag', 'general.jamfBinaryVersion', 'general.lastEnrolledDate',
  'general.lastCloudBackupDate', 'general.reportDate', 'general.platform',
  'general.lastLoggedInUsernameSelfService', 'general.lastLoggedInUsernameSelfServiceTimestamp',
  'general.lastLoggedInUsernameBinary', 'general.lastLoggedInUsernameBinaryTimestamp', 'hardware.make', 'hardware.model',
  'operatingSystem.build', 'operatingSystem.supplementalBuildVersion', 'operatingSystem.rapidSecurityResponse',
  'operatingSystem.name', 'operatingSystem.version', 'userAndLocation.realname', 'purchasing.lifeExpectancy',
  'purchasing.warrantyDate',
];
const MDM_CERTIFICATE_EXPIRATION = { 'general.mdmCertificateExpiration': at('datetime', 'general.mdmProfileExpiration') };

export const COMPUTER_SORT_FIELDS: Readonly<Record<InventoryVersion, FieldCatalog>> = {
  1: { ...pick(COMPUTER_FILTER_FIELDS[1], [...COMPUTER_SORT_NAMES, ...Object.keys(MDM_LOGIN), 'general.lastContactTime']), ...MDM_CERTIFICATE_EXPIRATION },
  3: { ...pick(COMPUTER_FILTER_FIELDS[3], [...COMPUTER_SORT_NAMES, 'general.lastContactTime']), ...MDM_CERTIFICATE_EXPIRATION },
  4: {
    ...pick(COMPUTER_FILTER_FIELDS[4], [...COMPUTER_SORT_NAMES, ...Object.keys(MDM_LOGIN), 'general.lastContact', 'general.lastCheckIn']),
    ...MDM_CERTIFICATE_EXPIRATION,
  },
};

/** The named fields of a catalog; a name it lacks is a mistake in this file, caught at load. */
function pick(catalog: FieldCatalog, names: readonly string[]): Record<string, FieldSpec> {
  return Object.fromEntries(
    names.map((name) => {
      const spec = catalog[name];
      if (!spec) throw new Error(`record-fields: no reader for ${name}`);
      return [name, spec];
    }),
  );
}

/** `mobile-devices/detail` uses flat field names, not dotted paths. Sortable and filterable: */
const MOBILE_DEVICE_COMMON: FieldCatalog = {
  mobileDeviceId: at('id', 'mobileDeviceId'),
  displayName: at('string', 'general.displayName'),
  udid: at('string', 'general.udid'),
  assetTag: at('string', 'general.assetTag'),
  osVersion: at('string', 'general.osVersion'),
  osBuild: at('string', 'general.osBuild'),
  osSupplementalBuildVersion: at('string', 'general.osSupplementalBuildVersion'),
  osRapidSecurityResponse: at('string', 'general.osRapidSecurityResponse'),
  ipAddress: at('string', 'general.ipAddress'),
  managed: at('boolean', 'general.managed'),
  supervised: at('boolean', 'general.supervised'),
  timeZone: at('string', 'general.timeZone'),
  declarativeDeviceManagementEnabled: at('boolean', 'general.declarativeDeviceManagementEnabled'),
  lastInventoryUpdateDate: at('datetime', 'general.lastInventoryUpdateDate'),
  serialNumber: at('string', 'hardware.serialNumber'),
  model: at('string', 'hardware.model'),
  modelIdentifier: at('string', 'hardware.modelIdentifier'),
  modelNumber: at('string', 'hardware.modelNumber'),
  wifiMacAddress: at('string', 'hardware.wifiMacAddress'),
  bluetoothMacAddress: at('string', 'hardware.bluetoothMacAddress'),
  capacityMb: at('number', 'hardware.capacityMb'),
  availableSpaceMb: at('number', 'hardware.availableSpaceMb'),
  usedSpacePercentage: at('number', 'hardware.usedSpacePercentage'),
  batteryLevel: at('number', 'hardware.batteryLevel'),
  deviceId: at('string', 'hardware.deviceId'),
  username: at('string', 'userAndLocation.username'),
  fullName: at('string', 'userAndLocation.realName'),
  emailAddress: at('string', 'userAndLocation.emailAddress'),
  position: at('string', 'userAndLocation.position'),
  userPhoneNumber: at('string', 'userAndLocation.phoneNumber'),
  room: at('string', 'userAndLocation.room'),
  building: at('string', 'userAndLocation.building'),
  department: at('string', 'userAndLocation.department'),
  appleCareId: at('string', 'purchasing.appleCareId'),
  vendor: at('string', 'purchasing.vendor'),
  poNumber: at('string', 'purchasing.poNumber'),
  purchasePrice: at('string', 'purchasing.purchasePrice'),
  lifeExpectancyYears: at('number', 'purchasing.lifeExpectancy'),
  activationLockEnabled: at('boolean', 'security.activationLockEnabled'),
  passcodePresent: at('boolean', 'security.passcodePresent'),
  passcodeCompliant: at('boolean', 'security.passcodeCompliant'),
  dataProtection: at('boolean', 'security.dataProtected'),
  imei: at('string', 'network.imei'),
  iccid: at('string', 'network.iccid'),
  meid: at('string', 'network.meid'),
  eid: at('string', 'network.eid'),
};

/** Filter fields of `mobile-devices/detail` (Jamf's list; `groupId`/`groupName` are not modelled). */
export const MOBILE_DEVICE_FIELDS: FieldCatalog = MOBILE_DEVICE_COMMON;

/** Sort fields of `mobile-devices/detail`: these few may be sorted by but not filtered on. */
export const MOBILE_DEVICE_SORT_FIELDS: FieldCatalog = {
  ...MOBILE_DEVICE_COMMON,
  deviceOwnershipType: at('string', 'general.deviceOwnershipType'),
  enrollmentSessionTokenValid: at('boolean', 'general.enrollmentSessionTokenValid'),
  lastEnrolledDate: at('datetime', 'general.lastEnrolledDate'),
  mdmProfileExpirationDate: at('datetime', 'general.mdmProfileExpirationDate'),
  batteryHealth: at('string', 'hardware.batteryHealth'),
  cellularTechnology: at('string', 'network.cellularTechnology'),
  voiceRoamingEnabled: at('boolean', 'network.voiceRoamingEnabled'),
  poDate: at('datetime', 'purchasing.poDate'),
  warrantyExpirationDate: at('datetime', 'purchasing.warrantyExpiresDate'),
  leaseExpirationDate: at('datetime', 'purchasing.leaseExpiresDate'),
};

/** `GET /v2/mobile-devices` (list shape) sorts on its own flat fields. */
export const MOBILE_DEVICE_LIST_FIELDS: FieldCatalog = {
  id: at('id', 'id'),
  ...sameName('string', 'name', 'serialNumber', 'udid', 'model', 'modelIdentifier', 'username', 'type',
    'wifiMacAddress', 'phoneNumber', 'managementId'),
};

export const ID_AND_NAME_FIELDS: FieldCatalog = { id: at('id', 'id'), name: at('string', 'name') };
