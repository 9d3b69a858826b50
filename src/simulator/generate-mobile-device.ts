import type { Prng } from './prng';
import type { Building, Department, JsonObject, MobileDeviceExtensionAttribute } from './fleet-types';
import type { MobileModel } from './mobile-catalog';
import type { SimulatedPerson } from './generate-people';
import { appleSerial, daysToMs, ipv4, isoDateTime, macAddress, uuid } from './value-formats';

export interface MobileDevicePlan {
  id: number;
  model: MobileModel;
  person: SimulatedPerson;
  managed: boolean;
  reportTime: number;
  departments: readonly Department[];
  buildings: readonly Building[];
}

/**
 * Builds one `mobile-devices/detail` record (the paged inventory shape, with every section). The
 * single-device detail and the list shapes are derived from it.
 */
export function buildMobileDeviceRecord(prng: Prng, plan: MobileDevicePlan): JsonObject {
  return placeExtensionAttributes(buildRecord(prng, plan));
}

/** Section that holds an attribute of each `inventoryDisplay`; anything else stays at the top level. */
const SECTION_OF_DISPLAY: Readonly<Record<string, string>> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  USER_AND_LOCATION: 'userAndLocation',
  PURCHASING: 'purchasing',
};

/**
 * Moves each extension attribute to the section its `inventoryDisplay` names, as Jamf lays the
 * paged inventory out (the single-device detail gathers them again).
 */
function placeExtensionAttributes(record: JsonObject): JsonObject {
  const attributes = Array.isArray(record.extensionAttributes) ? (record.extensionAttributes as MobileDeviceExtensionAttribute[]) : [];
  const topLevel: MobileDeviceExtensionAttribute[] = [];
  for (const attribute of attributes) {
    const section = record[SECTION_OF_DISPLAY[attribute.inventoryDisplay] ?? ''] as JsonObject | null | undefined;
    if (section && Array.isArray(section.extensionAttributes)) section.extensionAttributes.push(attribute);
    else topLevel.push(attribute);
  }
  return { ...record, extensionAttributes: topLevel };
}

function buildRecord(prng: Prng, plan: MobileDevicePlan): JsonObject {
  const { model, person } = plan;
  const os = prng.pick(model.osReleases);
  const capacityMb = prng.pick(model.capacitiesMb);
  const availableSpaceMb = Math.round(capacityMb * (0.1 + prng.next() * 0.75));
  const enrolledTime = plan.reportTime - daysToMs(prng.int(10, 900)) - prng.int(0, 86_399_999);
  const tv = model.deviceType === 'tvOS';
  const department = plan.departments.find((d) => d.id === person.departmentId);
  const building = plan.buildings.find((b) => b.id === person.buildingId);
  const wifiMacAddress = macAddress(prng);

  return {
    mobileDeviceId: String(plan.id),
    deviceType: model.deviceType,
    hardware: {
      capacityMb,
      availableSpaceMb,
      usedSpacePercentage: Math.round(100 - (availableSpaceMb / capacityMb) * 100),
      batteryLevel: tv ? 0 : prng.int(8, 100),
      batteryHealth: tv ? 'UNSUPPORTED' : prng.weighted(['NORMAL', 'SERVICE_RECOMMENDED', 'UNKNOWN'], [8, 1, 1]),
      serialNumber: appleSerial(prng, prng.chance(0.6)),
      wifiMacAddress,
      bluetoothMacAddress: tv ? '' : macAddress(prng),
      modemFirmwareVersion: model.cellular ? `${prng.int(1, 5)}.${prng.int(0, 99)}.0${prng.int(0, 9)}` : '',
      model: model.model,
      modelIdentifier: model.modelIdentifier,
      modelNumber: prng.pick(model.modelNumbers),
      bluetoothLowEnergyCapable: true,
      deviceId: uuid(prng, false),
      extensionAttributes: [],
    },
    userAndLocation: {
      username: person.username,
      realName: person.realName,
      emailAddress: person.email,
      position: person.position,
      phoneNumber: person.phone,
      departmentId: person.departmentId,
      buildingId: person.buildingId,
      room: person.room,
      building: building?.name ?? '',
      department: department?.name ?? '',
      extensionAttributes: [],
    },
    purchasing: mobilePurchasing(prng, enrolledTime),
    applications: mobileApplications(prng, plan.id),
    certificates: [MDM_IDENTITY_CERTIFICATE],
    profiles: plan.managed ? MANAGED_PROFILES : [],
    userProfiles: [],
    extensionAttributes: mobileExtensionAttributes(prng),
    general: {
      udid: mobileUdid(model, prng.hex(40)),
      displayName: mobileName(prng, model, person, plan.id),
      assetTag: prng.chance(0.5) ? `M-${String(20000 + plan.id).padStart(6, '0')}` : null,
      siteId: '-1',
      lastInventoryUpdateDate: isoDateTime(plan.reportTime),
      osVersion: os.version,
      osRapidSecurityResponse: '',
      osBuild: os.build,
      osSupplementalBuildVersion: '',
      softwareUpdateDeviceId: `D${prng.int(10, 99)}AP`,
      ipAddress: ipv4(prng, true),
      managed: plan.managed,
      supervised: plan.managed && prng.chance(0.85),
      deviceOwnershipType: 'Institutional',
      enrollmentMethodPrestage: plan.managed
        ? { mobileDevicePrestageId: '1', profileName: 'Default Mobile PreStage' }
        : null,
      enrollmentSessionTokenValid: false,
      lastEnrolledDate: isoDateTime(enrolledTime),
      mdmProfileExpirationDate: plan.managed ? isoDateTime(enrolledTime + daysToMs(730)) : null,
      timeZone: prng.pick(['Europe/Amsterdam', 'Europe/London', 'America/New_York', 'America/Chicago']),
      declarativeDeviceManagementEnabled: plan.managed,
      managementId: uuid(prng, false),
      extensionAttributes: [],
      lastLoggedInUsernameSelfService: null,
      lastLoggedInUsernameSelfServiceTimestamp: null,
      lastLoggedInUsernameMdm: null,
      lastLoggedInUsernameMdmTimestamp: null,
      lastContactDate: isoDateTime(plan.reportTime + prng.int(0, 3_600_000)),
    },
    security: tv ? null : mobileSecurity(prng),
    ebooks: [],
    network: tv ? null : mobileNetwork(prng, model),
    serviceSubscriptions: [],
    provisioningProfiles: [],
    sharedUsers: [],
    groups: [tv ? APPLE_TV_GROUP : IOS_GROUP],
  };
}

/**
 * A12 and later devices have UDIDs in Apple's `0000{chip id}-{ECID}` form, upper case; older ones
 * 40 hex digits. Built from the same 40 random digits either way, so the fleet's other values do
 * not depend on the model's age.
 */
function mobileUdid(model: MobileModel, hex40: string): string {
  return model.chipId ? `0000${model.chipId}-00${hex40.slice(0, 14).toUpperCase()}` : hex40;
}

const MOBILE_APPS: ReadonlyArray<[string, string, string]> = [
  ['com.jamf.selfservice', 'Self Service', '11.12.0'],
  ['com.microsoft.Office.Outlook', 'Microsoft Outlook', '4.2503.0'],
  ['com.tinyspeck.chatlyio', 'Slack', '25.02.10'],
  ['com.google.chrome.ios', 'Chrome', '132.0.6834.163'],
  ['us.zoom.videomeetings', 'Zoom', '6.3.6'],
];

const MOBILE_APP_ITEMS = MOBILE_APPS.map(([identifier, name, version], i) =>
  Object.freeze({
    identifier, name, version, shortVersion: version, managementStatus: i === 2 ? 'Unmanaged' : 'Managed',
    validationStatus: true, bundleSize: String((40 + i * 73) * 1024 * 1024), dynamicSize: String((3 + i * 11) * 1024 * 1024),
    appClip: false,
  }),
);

function mobileApplications(prng: Prng, id: number): JsonObject[] {
  const count = prng.int(1, MOBILE_APPS.length);
  return Array.from({ length: count }, (_, i) => MOBILE_APP_ITEMS[(id + i) % MOBILE_APP_ITEMS.length] as JsonObject);
}

// Shared between records (frozen; edits through the control API build new objects).
const MDM_IDENTITY_CERTIFICATE = Object.freeze({
  commonName: 'JSS Built-in Certificate Authority',
  identity: false,
  expirationDateEpoch: '2034-03-01T09:12:44.000Z',
  subjectName: 'CN=JSS Built-in Certificate Authority',
  serialNumber: '5c28fdae',
  sha1Fingerprint: '050cfe8ec9d170be7bf8f1a3cac2c52f3c6ddb20',
  issuedDateEpoch: '2024-03-01T09:12:44.000Z',
  certificateStatus: 'ISSUED',
  lifecycleStatus: 'ACTIVE',
});
const MANAGED_PROFILES = Object.freeze([
  Object.freeze({ displayName: 'MDM Profile', version: '1', uuid: '7D4E8F1A-2B3C-4D5E-8F9A-0B1C2D3E4F50', identifier: '00000000-0000-0000-A000-4A414D460003' }),
  Object.freeze({ displayName: 'Wi-Fi Corporate', version: '3', uuid: 'D29DD9FB-0D5B-422F-A3A2-ABBC5848E949', identifier: 'com.example.wifi' }),
]);
const IOS_GROUP = Object.freeze({ groupId: '1', groupName: 'All Managed iOS Devices', groupDescription: '', smart: true });
const APPLE_TV_GROUP = Object.freeze({ groupId: '2', groupName: 'All Managed Apple TVs', groupDescription: '', smart: true });



function mobileName(prng: Prng, model: MobileModel, person: SimulatedPerson, id: number): string {
  const family = model.model.startsWith('iPad') ? 'iPad' : model.model.startsWith('iPhone') ? 'iPhone'
    : model.deviceType === 'tvOS' ? 'Apple TV' : 'Apple Watch';
  if (model.deviceType === 'tvOS') return `Meeting Room ${prng.int(1, 30)} TV`;
  const firstName = person.realName.includes(',')
    ? person.realName.split(',')[1]?.trim() ?? ''
    : person.realName.split(' ')[0] ?? '';
  if (firstName && prng.chance(0.6)) return `${firstName}'s ${family}`;
  return `${family}-${String(id).padStart(4, '0')}`;
}

function mobilePurchasing(prng: Prng, purchaseTime: number): JsonObject {
  const purchased = prng.chance(0.75);
  return {
    purchased,
    leased: !purchased && prng.chance(0.5),
    poNumber: purchased ? `PO-${new Date(purchaseTime).getUTCFullYear()}-${String(prng.int(1, 9999)).padStart(4, '0')}` : '',
    vendor: purchased ? prng.pick(['Apple', 'Vodafone Business', 'Verizon']) : '',
    appleCareId: purchased && prng.chance(0.3) ? `AC${prng.chars(9, '0123456789')}` : '',
    purchasePrice: purchased ? `$${prng.pick(['329.00', '599.00', '799.00', '999.00'])}` : '',
    purchasingAccount: '',
    poDate: purchased ? isoDateTime(purchaseTime) : null,
    warrantyExpiresDate: purchased ? isoDateTime(purchaseTime + daysToMs(365)) : null,
    leaseExpiresDate: null,
    lifeExpectancy: purchased ? 3 : 0,
    purchasingContact: '',
    extensionAttributes: [],
  };
}

function mobileSecurity(prng: Prng): JsonObject {
  const passcode = prng.chance(0.9);
  return {
    dataProtected: passcode,
    blockLevelEncryptionCapable: true,
    fileLevelEncryptionCapable: true,
    passcodePresent: passcode,
    passcodeCompliant: passcode,
    passcodeCompliantWithProfile: passcode,
    hardwareEncryption: 3,
    activationLockEnabled: prng.chance(0.3),
    jailBreakDetected: false,
    attestationStatus: 'SUCCESS',
    lastAttestationAttemptDate: null,
    lastSuccessfulAttestationDate: null,
    passcodeLockGracePeriodEnforcedSeconds: passcode ? 0 : null,
    personalDeviceProfileCurrent: false,
    lostModeEnabled: false,
    lostModePersistent: false,
    lostModeMessage: null,
    lostModePhoneNumber: null,
    lostModeFootnote: null,
    lostModeLocation: null,
    bootstrapTokenEscrowed: 'NOT_SUPPORTED',
  };
}

/** Wi-Fi-only devices report empty strings, not nulls, for every cellular identifier. */
function mobileNetwork(prng: Prng, model: MobileModel): JsonObject {
  if (!model.cellular) {
    return {
      cellularTechnology: 'Unknown', voiceRoamingEnabled: false, imei: '', iccid: '', meid: '', eid: '',
      carrierSettingsVersion: '', currentCarrierNetwork: '', currentMobileCountryCode: '',
      currentMobileNetworkCode: '', homeCarrierNetwork: '', homeMobileCountryCode: '',
      homeMobileNetworkCode: '', dataRoamingEnabled: false, roaming: false, personalHotspotEnabled: false,
      phoneNumber: '',
    };
  }
  const digits = (n: number): string => prng.chars(n, '0123456789');
  return {
    cellularTechnology: 'GSM',
    voiceRoamingEnabled: true,
    imei: `35 ${digits(6)} ${digits(6)} ${digits(1)}`,
    iccid: `8931 ${digits(4)} ${digits(4)} ${digits(4)} ${digits(3)}`,
    meid: digits(14),
    eid: digits(32),
    carrierSettingsVersion: `${prng.int(50, 62)}.0`,
    currentCarrierNetwork: prng.pick(['Vodafone NL', 'T-Mobile', 'Verizon', 'EE']),
    currentMobileCountryCode: '204',
    currentMobileNetworkCode: '04',
    homeCarrierNetwork: 'Vodafone NL',
    homeMobileCountryCode: '204',
    homeMobileNetworkCode: '04',
    dataRoamingEnabled: prng.chance(0.3),
    roaming: false,
    personalHotspotEnabled: prng.chance(0.2),
    phoneNumber: model.model.startsWith('iPhone') ? `+31 6 ${digits(8)}` : '',
  };
}

function mobileExtensionAttributes(prng: Prng): MobileDeviceExtensionAttribute[] {
  return [
    {
      id: '1', name: 'Asset Owner', type: 'STRING', value: prng.chance(0.6) ? [prng.pick(['IT', 'Facilities', 'Sales'])] : [],
      extensionAttributeCollectionAllowed: false, inventoryDisplay: 'GENERAL',
    },
    {
      id: '2', name: 'Color', type: 'STRING', value: [prng.pick(['Black', 'White', 'Blue', 'Silver', 'Space Gray'])],
      extensionAttributeCollectionAllowed: false, inventoryDisplay: 'HARDWARE',
    },
  ];
}
