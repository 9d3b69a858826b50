import type { Building, Department, JsonObject } from './fleet-types';
import { isPlainObject } from './deep-merge';

/**
 * The shapes Jamf serves for one mobile device, derived from the stored `mobile-devices/detail`
 * record: the paged inventory (sections), the single-device detail (a different layout: flat
 * top level, a `location` object and one of `ios`/`tvos`/`watchos`/`visionos`) and the list item.
 */

const SECTIONS: ReadonlyArray<[string, string]> = [
  ['HARDWARE', 'hardware'], ['USER_AND_LOCATION', 'userAndLocation'], ['PURCHASING', 'purchasing'],
  ['APPLICATIONS', 'applications'], ['CERTIFICATES', 'certificates'], ['PROFILES', 'profiles'],
  ['USER_PROFILES', 'userProfiles'], ['EXTENSION_ATTRIBUTES', 'extensionAttributes'], ['GENERAL', 'general'],
  ['SECURITY', 'security'], ['EBOOKS', 'ebooks'], ['NETWORK', 'network'],
  ['SERVICE_SUBSCRIPTIONS', 'serviceSubscriptions'], ['PROVISIONING_PROFILES', 'provisioningProfiles'],
  ['SHARED_USERS', 'sharedUsers'], ['GROUPS', 'groups'],
];

export function invalidMobileSections(requested: readonly string[]): string[] {
  const known = new Set(SECTIONS.map(([name]) => name));
  return requested.filter((s) => !known.has(s.toUpperCase()));
}

/** One paged-inventory record; unrequested sections null, no sections = GENERAL only. */
export function mobileInventoryView(record: JsonObject, sections: readonly string[]): JsonObject {
  const wanted = new Set((sections.length ? sections : ['GENERAL']).map((s) => s.toUpperCase()));
  const sectionKeys = new Set(SECTIONS.map(([, key]) => key));
  const view: JsonObject = { mobileDeviceId: record.mobileDeviceId ?? null, deviceType: record.deviceType ?? null };
  for (const [name, key] of SECTIONS) view[key] = wanted.has(name) ? (record[key] ?? null) : null;
  for (const [key, value] of Object.entries(record)) {
    if (!(key in view) && !sectionKeys.has(key)) view[key] = value;
  }
  return view;
}

const obj = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});
const orNull = (value: unknown): unknown => (value === undefined ? null : value);

/** Platform key of the single-device detail: "iOS" → "ios", "tvOS" → "tvos", … */
function platformKey(deviceType: unknown): string {
  return typeof deviceType === 'string' ? deviceType.toLowerCase() : 'unknown';
}

/** `GET /v2/mobile-devices/{id}/detail`. */
export function mobileDeviceDetailView(record: JsonObject, sites: { siteName?: string } = {}): JsonObject {
  const general = obj(record.general);
  const hardware = obj(record.hardware);
  const location = obj(record.userAndLocation);
  const type = platformKey(record.deviceType);
  const platform = platformDetails(record, type);
  const ownership = general.deviceOwnershipType;
  return {
    id: orNull(record.mobileDeviceId),
    name: orNull(general.displayName),
    enforceName: false,
    assetTag: orNull(general.assetTag),
    lastInventoryUpdateTimestamp: orNull(general.lastInventoryUpdateDate),
    osVersion: orNull(general.osVersion),
    osBuild: orNull(general.osBuild),
    osSupplementalBuildVersion: orNull(general.osSupplementalBuildVersion),
    osRapidSecurityResponse: orNull(general.osRapidSecurityResponse),
    softwareUpdateDeviceId: orNull(general.softwareUpdateDeviceId),
    serialNumber: orNull(hardware.serialNumber),
    udid: orNull(general.udid),
    ipAddress: orNull(general.ipAddress),
    wifiMacAddress: orNull(hardware.wifiMacAddress),
    bluetoothMacAddress: orNull(hardware.bluetoothMacAddress),
    managed: orNull(general.managed),
    timeZone: orNull(general.timeZone),
    initialEntryTimestamp: orNull(general.lastEnrolledDate),
    lastEnrollmentTimestamp: orNull(general.lastEnrolledDate),
    mdmProfileExpirationTimestamp: orNull(general.mdmProfileExpirationDate),
    deviceOwnershipLevel: typeof ownership === 'string' ? ownership.toLowerCase() : null,
    enrollmentMethod: isPlainObject(general.enrollmentMethodPrestage) ? 'Automated Device Enrollment' : 'User-initiated - no invitation',
    enrollmentSessionTokenValid: orNull(general.enrollmentSessionTokenValid),
    declarativeDeviceManagementEnabled: orNull(general.declarativeDeviceManagementEnabled),
    site: { id: typeof general.siteId === 'string' ? general.siteId : '-1', name: sites.siteName ?? 'None' },
    extensionAttributes: allExtensionAttributes(record).map((ea) => ({
      id: orNull(ea.id), name: orNull(ea.name), type: orNull(ea.type), value: orNull(ea.value),
      extensionAttributeCollectionAllowed: orNull(ea.extensionAttributeCollectionAllowed),
    })),
    location: {
      username: orNull(location.username),
      realName: orNull(location.realName),
      emailAddress: orNull(location.emailAddress),
      position: orNull(location.position),
      phoneNumber: orNull(location.phoneNumber),
      departmentId: orNull(location.departmentId),
      buildingId: orNull(location.buildingId),
      room: orNull(location.room),
    },
    type,
    ios: type === 'ios' ? platform : null,
    tvos: type === 'tvos' ? platform : null,
    watchos: type === 'watchos' ? platform : null,
    visionos: type === 'visionos' ? platform : null,
    managementId: orNull(general.managementId),
    groups: Array.isArray(record.groups) ? record.groups : [],
  };
}

/** The single-device detail lists every attribute at the top level, wherever the inventory files it. */
function allExtensionAttributes(record: JsonObject): JsonObject[] {
  const lists = [record, record.general, record.hardware, record.userAndLocation, record.purchasing].map((part) =>
    isPlainObject(part) && Array.isArray(part.extensionAttributes) ? part.extensionAttributes : [],
  );
  return lists.flat().filter(isPlainObject);
}

function platformDetails(record: JsonObject, type: string): JsonObject {
  const general = obj(record.general);
  const hardware = obj(record.hardware);
  const purchasing = obj(record.purchasing);
  const common: JsonObject = {
    model: orNull(hardware.model),
    modelIdentifier: orNull(hardware.modelIdentifier),
    modelNumber: orNull(hardware.modelNumber),
    supervised: orNull(general.supervised),
  };
  const purchasingView: JsonObject = {
    purchased: orNull(purchasing.purchased), leased: orNull(purchasing.leased), poNumber: orNull(purchasing.poNumber),
    vendor: orNull(purchasing.vendor), appleCareId: orNull(purchasing.appleCareId),
    purchasePrice: orNull(purchasing.purchasePrice), purchasingAccount: orNull(purchasing.purchasingAccount),
    poDate: orNull(purchasing.poDate), warrantyExpiresDate: orNull(purchasing.warrantyExpiresDate),
    leaseExpiresDate: orNull(purchasing.leaseExpiresDate), lifeExpectancy: orNull(purchasing.lifeExpectancy),
    purchasingContact: orNull(purchasing.purchasingContact),
  };
  if (type === 'tvos') {
    return {
      ...common, airplayPassword: '', deviceId: orNull(hardware.deviceId), locales: null,
      purchasing: purchasingView, configurationProfiles: list(record.profiles), certificates: list(record.certificates),
      applications: applicationsView(record),
    };
  }
  const security = isPlainObject(record.security) ? securityView(record.security) : null;
  const storage: JsonObject = {
    batteryLevel: orNull(hardware.batteryLevel),
    capacityMb: orNull(hardware.capacityMb),
    availableMb: orNull(hardware.availableSpaceMb),
    percentageUsed: orNull(hardware.usedSpacePercentage),
  };
  if (type === 'watchos') {
    return {
      ...common, ...storage, deviceLocatorServiceEnabled: false, doNotDisturbEnabled: false,
      lastCloudBackupTimestamp: null, iTunesStoreAccountActive: false, bleCapable: orNull(hardware.bluetoothLowEnergyCapable),
      unlockToken: null, security, applications: applicationsView(record), certificates: list(record.certificates),
      configurationProfiles: list(record.profiles), provisioningProfiles: list(record.provisioningProfiles), attachments: [],
    };
  }
  return {
    ...common,
    batteryLevel: storage.batteryLevel,
    batteryHealth: orNull(hardware.batteryHealth),
    lastBackupTimestamp: null,
    capacityMb: storage.capacityMb,
    availableMb: storage.availableMb,
    percentageUsed: storage.percentageUsed,
    shared: false,
    deviceLocatorServiceEnabled: false,
    doNotDisturbEnabled: false,
    cloudBackupEnabled: false,
    lastCloudBackupTimestamp: null,
    locationServicesEnabled: false,
    iTunesStoreAccountActive: false,
    bleCapable: orNull(hardware.bluetoothLowEnergyCapable),
    unlockToken: null,
    computer: null,
    purchasing: purchasingView,
    security,
    network: isPlainObject(record.network) ? networkView(record.network) : null,
    serviceSubscriptions: list(record.serviceSubscriptions),
    applications: applicationsView(record),
    certificates: list(record.certificates),
    ebooks: list(record.ebooks),
    mdmCapableUsers: [],
    configurationProfiles: list(record.profiles),
    provisioningProfiles: list(record.provisioningProfiles),
    attachments: [],
  };
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The single-device detail lists apps with fewer fields than the paged inventory. */
function applicationsView(record: JsonObject): JsonObject[] {
  return list(record.applications)
    .filter(isPlainObject)
    .map((app) => ({ identifier: orNull(app.identifier), name: orNull(app.name), version: orNull(app.version), shortVersion: orNull(app.shortVersion) }));
}

const SECURITY_KEYS = [
  'dataProtected', 'blockLevelEncryptionCapable', 'fileLevelEncryptionCapable', 'passcodePresent', 'passcodeCompliant',
  'passcodeCompliantWithProfile', 'hardwareEncryption', 'activationLockEnabled', 'jailBreakDetected', 'attestationStatus',
  'lastAttestationAttemptDate', 'lastSuccessfulAttestationDate', 'bootstrapTokenEscrowed',
];
const NETWORK_KEYS = [
  'cellularTechnology', 'voiceRoamingEnabled', 'imei', 'iccid', 'meid', 'eid', 'carrierSettingsVersion',
  'currentCarrierNetwork', 'currentMobileCountryCode', 'currentMobileNetworkCode', 'homeCarrierNetwork',
  'homeMobileCountryCode', 'homeMobileNetworkCode', 'dataRoamingEnabled', 'roaming', 'personalHotspotEnabled',
  'phoneNumber',
];

const pick = (source: JsonObject, keys: readonly string[]): JsonObject =>
  Object.fromEntries(keys.map((k) => [k, orNull(source[k])]));

function securityView(security: JsonObject): JsonObject {
  return { ...pick(security, SECURITY_KEYS), bootstrapToken: null };
}

function networkView(network: JsonObject): JsonObject {
  return { ...pick(network, NETWORK_KEYS), preferredVoiceNumber: orNull(network.phoneNumber) };
}

/** `GET /v2/mobile-devices` list item. */
export function mobileDeviceListItem(record: JsonObject): JsonObject {
  const general = obj(record.general);
  const hardware = obj(record.hardware);
  const location = obj(record.userAndLocation);
  const network = obj(record.network);
  return {
    id: orNull(record.mobileDeviceId),
    name: orNull(general.displayName),
    serialNumber: orNull(hardware.serialNumber),
    wifiMacAddress: orNull(hardware.wifiMacAddress),
    udid: orNull(general.udid),
    phoneNumber: network.phoneNumber !== undefined ? network.phoneNumber : '',
    model: orNull(hardware.model),
    modelIdentifier: orNull(hardware.modelIdentifier),
    username: orNull(location.username),
    type: platformKey(record.deviceType),
    managementId: orNull(general.managementId),
    softwareUpdateDeviceId: orNull(general.softwareUpdateDeviceId),
  };
}

/** Department and building names, which mobile inventory and webhooks show next to the ids. */
export function nameOf(list: ReadonlyArray<Department | Building>, id: unknown): string {
  if (typeof id !== 'string') return '';
  return list.find((item) => item.id === id)?.name ?? '';
}
