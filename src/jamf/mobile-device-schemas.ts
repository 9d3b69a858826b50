/**
 * Mobile devices: the paged-detail record (`/api/v2/mobile-devices/detail`), the one mobile shape
 * downstream code sees, and the plain list item (`/api/v2/mobile-devices`).
 */
import { z } from 'zod';
import { count, extensionAttributes, flag, jamfIdSchema, optionalId, text } from './schema-primitives';

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

export const mobileUserAndLocationSchema = z.looseObject({
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

export const mobileSecuritySchema = z.looseObject({
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

export const mobileNetworkSchema = z.looseObject({
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

export const mobilePurchasingSchema = z.looseObject({
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
