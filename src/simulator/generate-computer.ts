import type { Prng } from './prng';
import type { JsonObject } from './fleet-types';
import type { MacModel, OsRelease } from './mac-catalog';
import type { SimulatedPerson } from './generate-people';
import { appleSerial, daysToMs, ipv4, isoDateTime, uuid } from './value-formats';
import {
  ALL_MANAGED_GROUP, applications, computerExtensionAttributes, computerName, configurationProfiles, hardware,
  JSS_CERTIFICATE, LAPTOPS_GROUP, localAccounts, NO_SITE, PACKAGE_RECEIPTS, PRESTAGE, purchasing, sectionAttribute,
  security, SERVICES,
} from './computer-record-parts';

/** What the fleet generator decides about one computer before its record is built. */
export interface ComputerPlan {
  id: number;
  model: MacModel;
  person: SimulatedPerson;
  /** '' for a record that has not reported hardware yet. */
  serialNumber: string;
  managed: boolean;
  reportTime: number;
  fileVaultEnabled: boolean;
  /** Pins the OS (otherwise one of the model's releases). */
  osRelease?: OsRelease;
}

const JAMF_BINARY_VERSION = '11.12.0-t1733425524';

/**
 * Builds one full `computers-inventory` record in its v4 form (general.lastContact and
 * general.lastCheckIn; `plugins` and `fonts` kept so the v3 view can return them). Sections the
 * sync does not read hold a little typical content (Self Service, the MDM profile) or are empty.
 */
export function buildComputerRecord(prng: Prng, plan: ComputerPlan): JsonObject {
  const { model, person } = plan;
  const username = person.username;
  const lastContactTime = plan.reportTime + prng.int(0, 6 * 3600) * 1000 + prng.int(0, 999);
  const enrolledTime = plan.reportTime - daysToMs(prng.int(20, 1100)) - prng.int(0, 86_399_999);
  const purchaseTime = enrolledTime - daysToMs(prng.int(1, 30));
  const os = plan.osRelease ?? prng.pick(model.osReleases);
  const ram = prng.pick(model.ramMegabytes);
  const bootDisk = prng.pick(model.bootDisks);
  const availableMegabytes = Math.round(bootDisk.sizeMegabytes * (0.08 + prng.next() * 0.7));
  const fileVaultState = plan.fileVaultEnabled ? 'ENCRYPTED' : 'UNENCRYPTED';
  const reportedIp = ipv4(prng, true);
  const reportIso = isoDateTime(plan.reportTime);
  const enrolledIso = isoDateTime(enrolledTime);

  return {
    id: String(plan.id),
    udid: uuid(prng),
    general: {
      name: computerName(prng, model, person, plan.id),
      lastIpAddress: ipv4(prng, false),
      lastReportedIpV4: reportedIp,
      lastReportedIpV6: '',
      jamfBinaryVersion: plan.managed ? JAMF_BINARY_VERSION : '10.42.1-t1668089346',
      platform: 'Mac',
      // Jamf sends null, not "", for what was never entered.
      barcode1: null,
      barcode2: null,
      assetTag: prng.chance(0.7) ? `A-${String(10000 + plan.id).padStart(6, '0')}` : null,
      remoteManagement: { managed: plan.managed },
      supervised: plan.managed && prng.chance(0.8),
      mdmCapable: {
        capable: plan.managed,
        userManagementInfo: plan.managed && username ? [{ capableUser: username, managementId: uuid(prng, false) }] : [],
      },
      reportDate: reportIso,
      lastContact: isoDateTime(lastContactTime),
      lastCheckIn: isoDateTime(lastContactTime - prng.int(0, 900_000)),
      lastCloudBackupDate: null,
      lastEnrolledDate: enrolledIso,
      mdmProfileExpiration: plan.managed ? isoDateTime(enrolledTime + daysToMs(730)) : null,
      initialEntryDate: enrolledIso.slice(0, 10),
      distributionPoint: '',
      enrollmentMethod: plan.managed ? PRESTAGE : null,
      site: NO_SITE,
      itunesStoreAccountActive: false,
      enrolledViaAutomatedDeviceEnrollment: plan.managed,
      userApprovedMdm: plan.managed,
      declarativeDeviceManagementEnabled: plan.managed && model.appleSilicon,
      extensionAttributes: [sectionAttribute('10', 'Site Code', plan.person.buildingId ? `SITE-${plan.person.buildingId}` : '')],
      managementId: uuid(prng, false),
      lastLoggedInUsernameSelfService: username || null,
      lastLoggedInUsernameSelfServiceTimestamp: username ? isoDateTime(plan.reportTime - daysToMs(prng.int(0, 20))) : null,
      lastLoggedInUsernameBinary: username || null,
      lastLoggedInUsernameBinaryTimestamp: username ? reportIso : null,
    },
    diskEncryption: {
      bootPartitionEncryptionDetails: {
        partitionName: 'Macintosh HD (Boot Partition)',
        partitionFileVault2State: fileVaultState,
        partitionFileVault2Percent: plan.fileVaultEnabled ? 100 : 0,
      },
      individualRecoveryKeyValidityStatus: plan.fileVaultEnabled ? 'VALID' : 'NOT_APPLICABLE',
      institutionalRecoveryKeyPresent: false,
      diskEncryptionConfigurationName: plan.fileVaultEnabled ? 'FileVault - Personal Recovery Key' : '',
      fileVault2Enabled: plan.fileVaultEnabled,
      fileVault2EnabledUserNames: plan.fileVaultEnabled && username ? [username] : [],
      fileVault2EligibilityMessage: 'Eligible',
    },
    purchasing: purchasing(prng, purchaseTime),
    applications: applications(prng, plan.id),
    storage: {
      bootDriveAvailableSpaceMegabytes: availableMegabytes,
      disks: [
        {
          id: String(1000 + plan.id * 3),
          device: 'disk0',
          model: bootDisk.model,
          revision: model.appleSilicon ? '532.100.' : '2.1',
          serialNumber: prng.hex(16, true),
          sizeMegabytes: bootDisk.sizeMegabytes,
          smartStatus: 'Verified',
          type: 'false',
          partitions: [
            {
              name: 'Macintosh HD (Boot Partition)',
              sizeMegabytes: bootDisk.sizeMegabytes,
              availableMegabytes,
              partitionType: 'BOOT',
              percentUsed: Math.round(100 - (availableMegabytes / bootDisk.sizeMegabytes) * 100),
              fileVault2State: fileVaultState,
              fileVault2ProgressPercent: null,
              lvmManaged: false,
            },
            {
              name: 'Recovery',
              sizeMegabytes: 5370,
              availableMegabytes: 4200,
              partitionType: 'RECOVERY',
              percentUsed: 22,
              fileVault2State: 'UNKNOWN',
              fileVault2ProgressPercent: null,
              lvmManaged: false,
            },
          ],
        },
      ],
    },
    userAndLocation: {
      username: person.username,
      realname: person.realName,
      email: person.email,
      position: person.position,
      phone: person.phone,
      departmentId: person.departmentId,
      buildingId: person.buildingId,
      room: person.room,
      extensionAttributes: [sectionAttribute('11', 'Manager', '')],
    },
    configurationProfiles: configurationProfiles(enrolledIso, username),
    printers: [],
    services: SERVICES,
    hardware: hardware(prng, model, plan.serialNumber, ram),
    localUserAccounts: localAccounts(prng, person, plan.fileVaultEnabled),
    certificates: [JSS_CERTIFICATE],
    attachments: [],
    plugins: [],
    packageReceipts: PACKAGE_RECEIPTS,
    fonts: [],
    security: security(prng, model, plan.managed),
    operatingSystem: {
      name: os.name,
      version: os.version,
      build: os.build,
      supplementalBuildVersion: '',
      rapidSecurityResponse: '',
      activeDirectoryStatus: 'Not Bound',
      fileVault2Status: plan.fileVaultEnabled ? 'ALL_ENCRYPTED' : 'NOT_ENCRYPTED',
      softwareUpdateDeviceId: model.appleSilicon ? `J${prng.int(293, 516)}AP` : '',
      extensionAttributes: [
        { ...sectionAttribute('12', 'Pending Software Updates', String(prng.int(0, 4))), dataType: 'INTEGER', inputType: 'SCRIPT' },
      ],
    },
    licensedSoftware: [],
    ibeacons: [],
    softwareUpdates: [],
    extensionAttributes: computerExtensionAttributes(prng, model),
    contentCaching: null,
    groupMemberships: model.kind === 'laptop' ? [ALL_MANAGED_GROUP, LAPTOPS_GROUP] : [ALL_MANAGED_GROUP],
  };
}

/** A serial number fit for the model's era. */
export const serialForModel = (prng: Prng, model: MacModel): string =>
  appleSerial(prng, model.appleSilicon);
