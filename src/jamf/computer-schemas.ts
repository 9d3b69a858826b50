/**
 * Computers: `/api/v1|v3|v4/computers-inventory` records (one schema for all three) and FileVault keys.
 */
import { z } from 'zod';
import { count, extensionAttributes, flag, idAndNameSchema, jamfIdSchema, optionalId, text } from './schema-primitives';

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
    /** v1 and v3 name of the last check-in time. */
    lastContactTime: text,
    /** v4 name of the same value (11.30+); filled from `lastContactTime` on v1 and v3, see below. */
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
  // Downstream code reads one field whatever the server version: v4's `lastContact`, or v1/v3's
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

/** `GET /api/v1|v3|v4/computers-inventory/{id}/filevault` (and the items of the bulk list). */
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
