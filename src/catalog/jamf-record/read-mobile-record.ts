import type { JamfDeviceReading } from './jamf-device-reading';
import { readExtensionAttributes } from './jamf-device-reading';
import { at, bool, firstText, positiveNumber, text } from './read-fields';

const PLATFORM_SECTIONS = ['ios', 'tvos', 'watchos', 'visionos'] as const;

/**
 * A `/api/v2/mobile-devices/detail` page result (`mobileDeviceId`, `deviceType`, sections), or the
 * single-device `/api/v2/mobile-devices/{id}/detail` shape (`id`, `type`, `location` and one of
 * `ios`/`tvos`/`watchos`/`visionos`), which the webhook worker fetches.
 */
export function readMobileRecord(record: unknown): JamfDeviceReading {
  const platformSection = PLATFORM_SECTIONS.map((name) => at(record, name)).find((s) => s !== null && typeof s === 'object');
  const hardware = at(record, 'hardware') ?? platformSection;
  const general = at(record, 'general') ?? record;
  const location = at(record, 'userAndLocation') ?? at(record, 'location');
  const security = at(record, 'security') ?? at(platformSection, 'security');
  const network = at(record, 'network') ?? at(platformSection, 'network');
  const purchasing = at(record, 'purchasing') ?? at(platformSection, 'purchasing');
  const deviceType = firstText(at(record, 'deviceType'), at(record, 'type'));
  return {
    jamfId: firstText(at(record, 'mobileDeviceId'), at(record, 'id')),
    serialNumber: firstText(at(hardware, 'serialNumber'), at(record, 'serialNumber')),
    managed: bool(at(general, 'managed')) === true,
    factsInput: {
      kind: 'mobile',
      modelString: text(at(hardware, 'model')),
      modelIdentifier: text(at(hardware, 'modelIdentifier')),
      modelNumber: text(at(hardware, 'modelNumber')),
      make: null,
      platform: deviceType,
      osName: null,
      bootDiskModel: null,
    },
    // Jamf files each attribute under the section its `inventoryDisplay` names (general,
    // hardware, userAndLocation, purchasing) or at the top level; the single-device detail
    // lists them all at the top level.
    extensionAttributes: readExtensionAttributes(
      at(record, 'extensionAttributes'),
      at(record, 'general', 'extensionAttributes'),
      at(record, 'hardware', 'extensionAttributes'),
      at(record, 'userAndLocation', 'extensionAttributes'),
      at(record, 'purchasing', 'extensionAttributes'),
    ),
    // Wi-Fi-only iPads report "" for IMEI.
    imei: text(at(network, 'imei')),
    memoryMb: null,
    processor: null,
    processorFrequencyMhz: null,
    storageMb: positiveNumber(at(hardware, 'capacityMb')),
    os: { platform: deviceType, name: null, version: at(general, 'osVersion'), build: at(general, 'osBuild') },
    activationLockEnabled: bool(at(security, 'activationLockEnabled')),
    // Recovery lock is a Mac feature; Jamf has no such field for mobile devices.
    recoveryLockEnabled: null,
    appleCareId: text(at(purchasing, 'appleCareId')),
    assigneeEmail: firstText(at(location, 'emailAddress'), at(location, 'email')),
    assigneeName: firstText(at(location, 'realName'), at(location, 'realname')),
  };
}
