/**
 * Zod schemas for the Jamf Pro API payloads this service reads, written from Jamf's OpenAPI files
 * (ComputersInventory*.yaml, MobileDevice.yaml, Authentication.yaml, Building.yaml, Department.yaml)
 * and real captures (test/fixtures/jamf).
 *
 * Rules that apply to every schema here:
 * - Unknown fields are kept (`z.looseObject`): Jamf adds fields every release and we must not break.
 * - Every field and every section is `.nullish()`: sections not requested come back as `null`, and
 *   real tenants send `null` (or omit) almost any field on devices that have not checked in yet.
 * - Ids are normalised to strings: the API sends strings, but older servers and webhooks use numbers.
 * - Dates stay strings: Jamf mixes date-only, date-time with and without ms; parsing is downstream.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Jamf ids are strings ("12"); accept numbers too and normalise so callers compare one type. */
export const jamfIdSchema = z.union([z.string(), z.number()]).transform((value) => String(value));

const text = z.string().nullish();
const flag = z.boolean().nullish();
const count = z.number().nullish();
const optionalId = jamfIdSchema.nullish();

/** `{id, name}` pairs (site, computer linked to a mobile device, enrollment method, ...). */
export const idAndNameSchema = z.looseObject({ id: optionalId, name: text });

/**
 * Extension attribute as the inventory endpoints send it. Computer sections use
 * `{definitionId, values[], dataType, inputType, ...}`; the single mobile-device detail uses
 * `{id, value[], type}`. One lenient schema accepts both so a tenant's EA data never fails a record.
 */
export const extensionAttributeSchema = z.looseObject({
  definitionId: optionalId,
  id: optionalId,
  name: text,
  description: text,
  enabled: flag,
  multiValue: flag,
  values: z.array(z.string().nullable()).nullish(),
  value: z.array(z.string().nullable()).nullish(),
  dataType: text,
  type: text,
  options: z.array(z.string().nullable()).nullish(),
  inputType: text,
});
export type JamfExtensionAttribute = z.infer<typeof extensionAttributeSchema>;

const extensionAttributes = z.array(extensionAttributeSchema).nullish();

/** Every list endpoint answers `{totalCount, results}`; records are validated one by one elsewhere. */
export const pageEnvelopeSchema = z.looseObject({
  totalCount: z.number().nullish(),
  results: z.array(z.unknown()),
});
export type PageEnvelope = z.infer<typeof pageEnvelopeSchema>;

/** Builds a fully typed page schema (used for small lists such as departments and buildings). */
export function pageOf<T extends z.ZodType>(record: T) {
  return z.looseObject({ totalCount: z.number().nullish(), results: z.array(record) });
}

// ---------------------------------------------------------------------------------------------
// Computers: /api/v3|v4/computers-inventory, computers-inventory-detail/{id}
// ---------------------------------------------------------------------------------------------

const computerGeneralSchema = z
  .looseObject({
    name: text,
    lastIpAddress: text,
    lastReportedIp: text,
    lastReportedIpV4: text,
    lastReportedIpV6: text,
    jamfBinaryVersion: text,
    platform: text,
    barcode1: text,
    barcode2: text,
    assetTag: text,
    remoteManagement: z.looseObject({ managed: flag, managementUsername: text }).nullish(),
    supervised: flag,
    reportDate: text,
    /** v3 name of the last check-in time. */
    lastContactTime: text,
    /** v4 name of the same value (11.30+); filled from `lastContactTime` on v3, see below. */
    lastContact: text,
    /** v4 only. */
    lastCheckIn: text,
    lastCloudBackupDate: text,
    lastEnrolledDate: text,
    mdmProfileExpiration: text,
    initialEntryDate: text,
    distributionPoint: text,
    enrollmentMethod: z.looseObject({ id: optionalId, objectName: text, objectType: text }).nullish(),
    site: idAndNameSchema.nullish(),
    itunesStoreAccountActive: flag,
    enrolledViaAutomatedDeviceEnrollment: flag,
    userApprovedMdm: flag,
    declarativeDeviceManagementEnabled: flag,
    extensionAttributes,
    managementId: text,
  })
  // Downstream code reads one field whatever the server version: v4's `lastContact`, or v3's
  // `lastContactTime` copied into it. The original v3 field is kept untouched.
  .transform((general) => ({
    ...general,
    lastContact: general.lastContact ?? general.lastContactTime ?? null,
  }));

const computerHardwareSchema = z.looseObject({
  make: text,
  /** Marketing name, e.g. "MacBook Pro (14-inch, 2021)" or the older "13-inch MacBook Pro (Mid 2012)". */
  model: text,
  modelIdentifier: text,
  serialNumber: text,
  /** 0 on Apple silicon: Jamf reports no clock speed there. */
  processorSpeedMhz: count,
  processorCount: count,
  coreCount: count,
  processorType: text,
  processorArchitecture: text,
  busSpeedMhz: count,
  cacheSizeKilobytes: count,
  networkAdapterType: text,
  macAddress: text,
  altNetworkAdapterType: text,
  altMacAddress: text,
  totalRamMegabytes: count,
  openRamSlots: count,
  batteryCapacityPercent: count,
  batteryHealth: text,
  smcVersion: text,
  nicSpeed: text,
  opticalDrive: text,
  bootRom: text,
  bleCapable: flag,
  supportsIosAppInstalls: flag,
  appleSilicon: flag,
  provisioningUdid: text,
  extensionAttributes,
});

const computerOperatingSystemSchema = z.looseObject({
  /** "macOS"; older records say "Mac OS X". */
  name: text,
  version: text,
  build: text,
  supplementalBuildVersion: text,
  rapidSecurityResponse: text,
  activeDirectoryStatus: text,
  fileVault2Status: text,
  softwareUpdateDeviceId: text,
  extensionAttributes,
});

const computerUserAndLocationSchema = z.looseObject({
  username: text,
  /** Lower-case n on computers (mobile devices say `realName`). */
  realname: text,
  email: text,
  position: text,
  phone: text,
  /** Ids, not names: names come from /api/v1/departments and /api/v1/buildings. */
  departmentId: optionalId,
  buildingId: optionalId,
  room: text,
  extensionAttributes,
});

const computerSecuritySchema = z.looseObject({
  sipStatus: text,
  gatekeeperStatus: text,
  xprotectVersion: text,
  autoLoginDisabled: flag,
  remoteDesktopEnabled: flag,
  activationLockEnabled: flag,
  recoveryLockEnabled: flag,
  firewallEnabled: flag,
  secureBootLevel: text,
  externalBootLevel: text,
  bootstrapTokenAllowed: flag,
  bootstrapTokenEscrowedStatus: text,
  attestationStatus: text,
  lastAttestationAttempt: text,
  lastSuccessfulAttestation: text,
});

const computerPartitionSchema = z.looseObject({
  name: text,
  sizeMegabytes: count,
  availableMegabytes: count,
  /** BOOT | RECOVERY | OTHER */
  partitionType: text,
  percentUsed: count,
  fileVault2State: text,
  fileVault2ProgressPercent: count,
  lvmManaged: flag,
});

const computerDiskSchema = z.looseObject({
  id: optionalId,
  /** "disk0" */
  device: text,
  model: text,
  revision: text,
  serialNumber: text,
  sizeMegabytes: count,
  smartStatus: text,
  /** A connection attribute, not SSD/HDD. */
  type: text,
  partitions: z.array(computerPartitionSchema).nullish(),
});

const computerStorageSchema = z.looseObject({
  bootDriveAvailableSpaceMegabytes: count,
  disks: z.array(computerDiskSchema).nullish(),
});

const computerPurchasingSchema = z.looseObject({
  leased: flag,
  purchased: flag,
  poNumber: text,
  poDate: text,
  vendor: text,
  /** Date only ("2019-01-01"). */
  warrantyDate: text,
  appleCareId: text,
  leaseDate: text,
  purchasePrice: text,
  lifeExpectancy: count,
  purchasingAccount: text,
  purchasingContact: text,
  extensionAttributes,
});

export const computerInventoryRecordSchema = z.looseObject({
  id: jamfIdSchema,
  udid: text,
  general: computerGeneralSchema.nullish(),
  hardware: computerHardwareSchema.nullish(),
  operatingSystem: computerOperatingSystemSchema.nullish(),
  userAndLocation: computerUserAndLocationSchema.nullish(),
  security: computerSecuritySchema.nullish(),
  storage: computerStorageSchema.nullish(),
  purchasing: computerPurchasingSchema.nullish(),
  diskEncryption: z.looseObject({}).nullish(),
  extensionAttributes,
});
export type ComputerInventoryRecord = z.infer<typeof computerInventoryRecordSchema>;
export type ComputerGeneral = NonNullable<ComputerInventoryRecord['general']>;
export type ComputerHardware = NonNullable<ComputerInventoryRecord['hardware']>;
export type ComputerUserAndLocation = NonNullable<ComputerInventoryRecord['userAndLocation']>;
export type ComputerStorage = NonNullable<ComputerInventoryRecord['storage']>;

/** `GET /api/v3|v4/computers-inventory/{id}/filevault` (and the items of the bulk list). */
export const fileVaultRecordSchema = z.looseObject({
  computerId: jamfIdSchema,
  name: text,
  personalRecoveryKey: text,
  bootPartitionEncryptionDetails: z
    .looseObject({ partitionName: text, partitionFileVault2State: text, partitionFileVault2Percent: count })
    .nullish(),
  individualRecoveryKeyValidityStatus: text,
  institutionalRecoveryKeyPresent: flag,
  diskEncryptionConfigurationName: text,
});
export type FileVaultRecord = z.infer<typeof fileVaultRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Mobile devices, paged detail: /api/v2/mobile-devices/detail
// ---------------------------------------------------------------------------------------------

const mobileGeneralSchema = z.looseObject({
  udid: text,
  displayName: text,
  assetTag: text,
  siteId: optionalId,
  lastInventoryUpdateDate: text,
  osVersion: text,
  osBuild: text,
  osSupplementalBuildVersion: text,
  osRapidSecurityResponse: text,
  softwareUpdateDeviceId: text,
  ipAddress: text,
  managed: flag,
  supervised: flag,
  deviceOwnershipType: text,
  enrollmentMethodPrestage: z.looseObject({}).nullish(),
  enrollmentSessionTokenValid: flag,
  lastEnrolledDate: text,
  mdmProfileExpirationDate: text,
  timeZone: text,
  declarativeDeviceManagementEnabled: flag,
  managementId: text,
  lastContactDate: text,
  extensionAttributes,
});

const mobileHardwareSchema = z.looseObject({
  capacityMb: count,
  availableSpaceMb: count,
  usedSpacePercentage: count,
  batteryLevel: count,
  batteryHealth: text,
  serialNumber: text,
  wifiMacAddress: text,
  bluetoothMacAddress: text,
  modemFirmwareVersion: text,
  /** "iPad 5th Generation (Wi-Fi)" */
  model: text,
  /** "iPad6,11" */
  modelIdentifier: text,
  /** Apple part number, "MP2F2LL". */
  modelNumber: text,
  bluetoothLowEnergyCapable: flag,
  deviceId: text,
  extensionAttributes,
});

const mobileUserAndLocationSchema = z.looseObject({
  username: text,
  /** Capital N on mobile devices (computers say `realname`). */
  realName: text,
  emailAddress: text,
  position: text,
  phoneNumber: text,
  departmentId: optionalId,
  buildingId: optionalId,
  room: text,
  building: text,
  department: text,
  extensionAttributes,
});

const mobileSecuritySchema = z.looseObject({
  dataProtected: flag,
  blockLevelEncryptionCapable: flag,
  fileLevelEncryptionCapable: flag,
  passcodePresent: flag,
  passcodeCompliant: flag,
  passcodeCompliantWithProfile: flag,
  hardwareEncryption: count,
  activationLockEnabled: flag,
  jailBreakDetected: flag,
  lostModeEnabled: flag,
  attestationStatus: text,
  lastAttestationAttemptDate: text,
  lastSuccessfulAttestationDate: text,
  bootstrapTokenEscrowed: text,
});

const mobileNetworkSchema = z.looseObject({
  cellularTechnology: text,
  voiceRoamingEnabled: flag,
  /** Empty string on Wi-Fi-only iPads. */
  imei: text,
  imei2: text,
  iccid: text,
  meid: text,
  eid: text,
  carrierSettingsVersion: text,
  currentCarrierNetwork: text,
  currentMobileCountryCode: text,
  currentMobileNetworkCode: text,
  homeCarrierNetwork: text,
  homeMobileCountryCode: text,
  homeMobileNetworkCode: text,
  dataRoamingEnabled: flag,
  roaming: flag,
  personalHotspotEnabled: flag,
  phoneNumber: text,
  preferredVoiceNumber: text,
});

const mobilePurchasingSchema = z.looseObject({
  purchased: flag,
  leased: flag,
  poNumber: text,
  vendor: text,
  appleCareId: text,
  purchasePrice: text,
  purchasingAccount: text,
  poDate: text,
  warrantyExpiresDate: text,
  leaseExpiresDate: text,
  lifeExpectancy: count,
  purchasingContact: text,
  extensionAttributes,
});

export const mobileDeviceDetailRecordSchema = z.looseObject({
  mobileDeviceId: jamfIdSchema,
  /** "iOS", "tvOS", "watchOS", "visionOS" per Jamf's docs; some servers send lower case. */
  deviceType: text,
  general: mobileGeneralSchema.nullish(),
  hardware: mobileHardwareSchema.nullish(),
  userAndLocation: mobileUserAndLocationSchema.nullish(),
  security: mobileSecuritySchema.nullish(),
  network: mobileNetworkSchema.nullish(),
  purchasing: mobilePurchasingSchema.nullish(),
  extensionAttributes,
});
export type MobileDeviceDetailRecord = z.infer<typeof mobileDeviceDetailRecordSchema>;
export type MobileGeneral = NonNullable<MobileDeviceDetailRecord['general']>;
export type MobileHardware = NonNullable<MobileDeviceDetailRecord['hardware']>;
export type MobileUserAndLocation = NonNullable<MobileDeviceDetailRecord['userAndLocation']>;

// ---------------------------------------------------------------------------------------------
// Mobile devices, one device: /api/v2/mobile-devices/{id}/detail (a different shape)
// ---------------------------------------------------------------------------------------------

/** Fields of the `ios` / `tvos` / `watchos` / `visionos` sub-object; only one is filled per device. */
const mobilePlatformDetailsSchema = z.looseObject({
  model: text,
  modelIdentifier: text,
  modelNumber: text,
  supervised: flag,
  batteryLevel: count,
  batteryHealth: text,
  capacityMb: count,
  availableMb: count,
  percentageUsed: count,
  shared: flag,
  deviceId: text,
  computer: idAndNameSchema.nullish(),
  purchasing: mobilePurchasingSchema.nullish(),
  security: mobileSecuritySchema.nullish(),
  network: mobileNetworkSchema.nullish(),
});

export const mobileDeviceSingleDetailSchema = z.looseObject({
  id: jamfIdSchema,
  name: text,
  assetTag: text,
  lastInventoryUpdateTimestamp: text,
  osVersion: text,
  osBuild: text,
  osSupplementalBuildVersion: text,
  osRapidSecurityResponse: text,
  softwareUpdateDeviceId: text,
  serialNumber: text,
  udid: text,
  ipAddress: text,
  wifiMacAddress: text,
  bluetoothMacAddress: text,
  managed: flag,
  timeZone: text,
  initialEntryTimestamp: text,
  lastEnrollmentTimestamp: text,
  mdmProfileExpirationTimestamp: text,
  deviceOwnershipLevel: text,
  enrollmentMethod: text,
  enrollmentSessionTokenValid: flag,
  declarativeDeviceManagementEnabled: flag,
  managementId: text,
  site: idAndNameSchema.nullish(),
  extensionAttributes,
  location: z
    .looseObject({
      username: text,
      realName: text,
      emailAddress: text,
      position: text,
      phoneNumber: text,
      departmentId: optionalId,
      buildingId: optionalId,
      room: text,
    })
    .nullish(),
  /** "ios" | "tvos" | "watchos" | "visionos" | "unknown" (lower case here, unlike the paged list). */
  type: text,
  ios: mobilePlatformDetailsSchema.nullish(),
  tvos: mobilePlatformDetailsSchema.nullish(),
  watchos: mobilePlatformDetailsSchema.nullish(),
  visionos: mobilePlatformDetailsSchema.nullish(),
});
export type MobileDeviceSingleDetail = z.infer<typeof mobileDeviceSingleDetailSchema>;

/** The paged list spells device types "iOS", "tvOS", ...; the single-device detail says "ios". */
const PAGED_DEVICE_TYPE: Record<string, string> = {
  ios: 'iOS',
  tvos: 'tvOS',
  watchos: 'watchOS',
  visionos: 'visionOS',
};

/**
 * Converts the single-device detail into the paged-detail shape so downstream code handles one
 * mobile shape. Fields the single-device endpoint does not have become `null`.
 */
export function singleDetailToPagedRecord(detail: MobileDeviceSingleDetail): MobileDeviceDetailRecord {
  const typeKey = (detail.type ?? '').toLowerCase();
  // The sub-object named by `type` holds the data; fall back to whichever one is filled.
  const platform =
    (typeKey in PAGED_DEVICE_TYPE ? detail[typeKey as 'ios' | 'tvos' | 'watchos' | 'visionos'] : null) ??
    detail.ios ??
    detail.tvos ??
    detail.watchos ??
    detail.visionos ??
    null;
  const location = detail.location ?? null;
  return {
    mobileDeviceId: detail.id,
    deviceType: PAGED_DEVICE_TYPE[typeKey] ?? detail.type ?? null,
    general: {
      udid: detail.udid ?? null,
      displayName: detail.name ?? null,
      assetTag: detail.assetTag ?? null,
      siteId: detail.site?.id ?? null,
      lastInventoryUpdateDate: detail.lastInventoryUpdateTimestamp ?? null,
      osVersion: detail.osVersion ?? null,
      osBuild: detail.osBuild ?? null,
      osSupplementalBuildVersion: detail.osSupplementalBuildVersion ?? null,
      osRapidSecurityResponse: detail.osRapidSecurityResponse ?? null,
      softwareUpdateDeviceId: detail.softwareUpdateDeviceId ?? null,
      ipAddress: detail.ipAddress ?? null,
      managed: detail.managed ?? null,
      supervised: platform?.supervised ?? null,
      deviceOwnershipType: detail.deviceOwnershipLevel ?? null,
      enrollmentSessionTokenValid: detail.enrollmentSessionTokenValid ?? null,
      lastEnrolledDate: detail.lastEnrollmentTimestamp ?? null,
      mdmProfileExpirationDate: detail.mdmProfileExpirationTimestamp ?? null,
      timeZone: detail.timeZone ?? null,
      declarativeDeviceManagementEnabled: detail.declarativeDeviceManagementEnabled ?? null,
      managementId: detail.managementId ?? null,
      extensionAttributes: null,
    },
    hardware: {
      capacityMb: platform?.capacityMb ?? null,
      availableSpaceMb: platform?.availableMb ?? null,
      usedSpacePercentage: platform?.percentageUsed ?? null,
      batteryLevel: platform?.batteryLevel ?? null,
      batteryHealth: platform?.batteryHealth ?? null,
      serialNumber: detail.serialNumber ?? null,
      wifiMacAddress: detail.wifiMacAddress ?? null,
      bluetoothMacAddress: detail.bluetoothMacAddress ?? null,
      model: platform?.model ?? null,
      modelIdentifier: platform?.modelIdentifier ?? null,
      modelNumber: platform?.modelNumber ?? null,
      deviceId: platform?.deviceId ?? null,
      extensionAttributes: null,
    },
    userAndLocation: location
      ? {
          username: location.username ?? null,
          realName: location.realName ?? null,
          emailAddress: location.emailAddress ?? null,
          position: location.position ?? null,
          phoneNumber: location.phoneNumber ?? null,
          departmentId: location.departmentId ?? null,
          buildingId: location.buildingId ?? null,
          room: location.room ?? null,
          extensionAttributes: null,
        }
      : null,
    security: platform?.security ?? null,
    network: platform?.network ?? null,
    purchasing: platform?.purchasing ?? null,
    // Single-device EAs are `{id, name, type, value[]}`; give them the paged names as well.
    extensionAttributes:
      detail.extensionAttributes?.map((attribute) => ({
        ...attribute,
        definitionId: attribute.definitionId ?? attribute.id ?? null,
        values: attribute.values ?? attribute.value ?? null,
        dataType: attribute.dataType ?? attribute.type ?? null,
      })) ?? null,
  };
}

/** `GET /api/v2/mobile-devices` list item. */
export const mobileDeviceListItemSchema = z.looseObject({
  id: jamfIdSchema,
  name: text,
  serialNumber: text,
  wifiMacAddress: text,
  udid: text,
  phoneNumber: text,
  model: text,
  modelIdentifier: text,
  username: text,
  type: text,
  managementId: text,
  softwareUpdateDeviceId: text,
});
export type MobileDeviceListItem = z.infer<typeof mobileDeviceListItemSchema>;

// ---------------------------------------------------------------------------------------------
// Auth, version, lookups, errors
// ---------------------------------------------------------------------------------------------

/** `POST /api/oauth/token` (API client credentials). No refresh token: ask again before expiry. */
export const oauthTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: text,
  /** Seconds; set per API client, can be as short as 60. */
  expires_in: z.number().positive(),
  scope: text,
});
export type OAuthTokenResponse = z.infer<typeof oauthTokenSchema>;

/**
 * `POST /api/v1/auth/token` (user credentials, Basic). `expires` is an ISO time; the retired
 * `/api/auth/tokens` sent epoch milliseconds, accepted too.
 */
export const userTokenSchema = z.looseObject({
  token: z.string().min(1),
  expires: z.union([z.string().min(1), z.number()]),
});
export type UserTokenResponse = z.infer<typeof userTokenSchema>;

/** `GET /api/v1/jamf-pro-version` → `{"version":"11.2.1-t1707143529"}`. */
export const jamfProVersionSchema = z.looseObject({ version: z.string().min(1) });
export type JamfProVersionResponse = z.infer<typeof jamfProVersionSchema>;

/** Department and building items (`/api/v1/departments`, `/api/v1/buildings`); only id and name matter here. */
export const namedObjectSchema = z.looseObject({ id: jamfIdSchema, name: z.string() });
export type NamedObject = z.infer<typeof namedObjectSchema>;
export const departmentsPageSchema = pageOf(namedObjectSchema);
export const buildingsPageSchema = pageOf(namedObjectSchema);

/** Jamf's error body: `{httpStatus, errors:[{code, description, id, field}]}`. */
export const jamfApiErrorSchema = z.looseObject({
  httpStatus: z.number().nullish(),
  errors: z
    .array(z.looseObject({ code: text, description: text, id: optionalId, field: text }))
    .nullish(),
});
export type JamfApiErrorBody = z.infer<typeof jamfApiErrorSchema>;

/** The OAuth endpoint answers errors in OAuth's shape instead: `{error, error_description}`. */
export const oauthErrorSchema = z.looseObject({ error: text, error_description: text });
