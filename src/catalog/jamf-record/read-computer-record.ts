import type { JamfDeviceReading } from './jamf-device-reading';
import { readExtensionAttributes } from './jamf-device-reading';
import { asArray, asObject, at, bool, firstText, positiveNumber, text } from './read-fields';

/** A `/api/v{3,4}/computers-inventory` result (any section may be null or missing). */
export function readComputerRecord(record: unknown): JamfDeviceReading {
  const hardware = at(record, 'hardware');
  const bootDisk = findBootDisk(at(record, 'storage', 'disks'));
  return {
    jamfId: text(at(record, 'id')),
    serialNumber: text(at(hardware, 'serialNumber')),
    managed: bool(at(record, 'general', 'remoteManagement', 'managed')) === true,
    factsInput: {
      kind: 'computer',
      modelString: text(at(hardware, 'model')),
      modelIdentifier: text(at(hardware, 'modelIdentifier')),
      // Jamf has no part number for Macs; a connection can map one from an extension attribute.
      modelNumber: null,
      make: text(at(hardware, 'make')),
      platform: text(at(record, 'general', 'platform')),
      osName: text(at(record, 'operatingSystem', 'name')),
      bootDiskModel: text(at(bootDisk, 'model')),
    },
    extensionAttributes: readExtensionAttributes(
      at(record, 'extensionAttributes'),
      at(record, 'general', 'extensionAttributes'),
      at(hardware, 'extensionAttributes'),
      at(record, 'operatingSystem', 'extensionAttributes'),
      at(record, 'userAndLocation', 'extensionAttributes'),
      at(record, 'purchasing', 'extensionAttributes'),
    ),
    imei: null,
    memoryMb: positiveNumber(at(hardware, 'totalRamMegabytes')),
    processor: text(at(hardware, 'processorType')),
    processorFrequencyMhz: positiveNumber(at(hardware, 'processorSpeedMhz')),
    storageMb: positiveNumber(at(bootDisk, 'sizeMegabytes')),
    os: {
      platform: at(record, 'general', 'platform'),
      name: at(record, 'operatingSystem', 'name'),
      version: at(record, 'operatingSystem', 'version'),
      build: at(record, 'operatingSystem', 'build'),
    },
    activationLockEnabled: bool(at(record, 'security', 'activationLockEnabled')),
    recoveryLockEnabled: bool(at(record, 'security', 'recoveryLockEnabled')),
    appleCareId: text(at(record, 'purchasing', 'appleCareId')),
    assigneeEmail: at(record, 'userAndLocation', 'email'),
    // The API spells it `realname`; tolerate the mobile spelling too.
    assigneeName: firstText(at(record, 'userAndLocation', 'realname'), at(record, 'userAndLocation', 'realName')),
  };
}

/** The disk holding the BOOT partition, else `disk0`: the startup disk is what the asset's storage means. */
function findBootDisk(disks: unknown): unknown {
  const list = asArray(disks);
  const withBootPartition = list.find((disk) =>
    asArray(at(disk, 'partitions')).some((p) => text(at(p, 'partitionType'))?.toUpperCase() === 'BOOT'),
  );
  if (withBootPartition !== undefined) return withBootPartition;
  return list.find((disk) => asObject(disk) !== null && text(at(disk, 'device')) === 'disk0') ?? null;
}
