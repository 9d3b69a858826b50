/**
 * One mobile device, `/api/v2/mobile-devices/{id}/detail`: a different shape from the paged list
 * (top-level fields plus one of `ios` / `tvos` / `watchos` / `visionos`), and its conversion to the
 * paged-detail shape so downstream code handles one mobile shape.
 */
import { z } from 'zod';
import { count, extensionAttributes, flag, idAndNameSchema, jamfIdSchema, text } from './schema-primitives';
import {
  mobileUserAndLocationSchema,
  mobileNetworkSchema,
  mobilePurchasingSchema,
  mobileSecuritySchema,
  type MobileDeviceDetailRecord,
} from './mobile-device-schemas';

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
  // The same fields as the paged record's userAndLocation section.
  location: mobileUserAndLocationSchema.nullish(),
  /** "ios" | "tvos" | "watchos" | "visionos" | "unknown" (lower case here, unlike the paged list). */
  type: text,
  ios: mobilePlatformDetailsSchema.nullish(),
  tvos: mobilePlatformDetailsSchema.nullish(),
  watchos: mobilePlatformDetailsSchema.nullish(),
  visionos: mobilePlatformDetailsSchema.nullish(),
});
export type MobileDeviceSingleDetail = z.infer<typeof mobileDeviceSingleDetailSchema>;

/**
 * The paged list spells device types "iOS", "tvOS", ...; the single-device detail says "ios". A Map:
 * the type comes from Jamf, and "constructor" must not find Object.prototype's members.
 */
const PAGED_DEVICE_TYPE: ReadonlyMap<string, string> = new Map([
  ['ios', 'iOS'],
  ['tvos', 'tvOS'],
  ['watchos', 'watchOS'],
  ['visionos', 'visionOS'],
]);

/**
 * Converts the single-device detail into the paged-detail shape so downstream code handles one
 * mobile shape. Fields the single-device endpoint does not have become `null`.
 */
export function singleDetailToPagedRecord(detail: MobileDeviceSingleDetail): MobileDeviceDetailRecord {
  const typeKey = (detail.type ?? '').toLowerCase();
  // The sub-object named by `type` holds the data; fall back to whichever one is filled.
  const platform =
    (PAGED_DEVICE_TYPE.has(typeKey) ? detail[typeKey as 'ios' | 'tvos' | 'watchos' | 'visionos'] : null) ??
    detail.ios ??
    detail.tvos ??
    detail.watchos ??
    detail.visionos ??
    null;
  const location = detail.location ?? null;
  return {
    mobileDeviceId: detail.id,
    deviceType: PAGED_DEVICE_TYPE.get(typeKey) ?? detail.type ?? null,
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
