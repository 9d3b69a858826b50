import type { Prng } from './prng';
import type { ComputerExtensionAttribute, JsonObject } from './fleet-types';
import type { MacModel } from './mac-catalog';
import type { SimulatedPerson } from './generate-people';
import { appleSerial, daysToMs, ipv4, isoDate, isoDateTime, macAddress, uuid } from './value-formats';

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
}

export const JAMF_BINARY_VERSION = '11.12.0-t1733425524';

/**
 * Builds one full `computers-inventory` record in its v4 form (general.lastContact and
 * general.lastCheckIn; `plugins` and `fonts` kept so the v3 view can return them). Sections the
 * service does not read are present but empty, as Jamf returns them for a machine with nothing
 * installed.
 */
export function buildComputerRecord(prng: Prng, plan: ComputerPlan): JsonObject {
  const { model, person } = plan;
  const username = person.username;
  const lastContactTime = plan.reportTime + prng.int(0, 6 * 3600) * 1000 + prng.int(0, 999);
  const enrolledTime = plan.reportTime - daysToMs(prng.int(20, 1100)) - prng.int(0, 86_399_999);
  const purchaseTime = enrolledTime - daysToMs(prng.int(1, 30));
  const os = prng.pick(model.osReleases);
  const ram = prng.pick(model.ramMegabytes);
  const bootDisk = prng.pick(model.bootDisks);
  const availableMegabytes = Math.round(bootDisk.sizeMegabytes * (0.08 + prng.next() * 0.7));
  const fileVaultState = plan.fileVaultEnabled ? 'ENCRYPTED' : 'UNENCRYPTED';
  const reportedIp = ipv4(prng, true);

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
      barcode1: '',
      barcode2: '',
      assetTag: prng.chance(0.7) ? `A-${String(10000 + plan.id).padStart(6, '0')}` : '',
      remoteManagement: { managed: plan.managed },
      supervised: plan.managed && prng.chance(0.8),
      mdmCapable: {
        capable: plan.managed,
        userManagementInfo: plan.managed && username ? [{ capableUser: username, managementId: uuid(prng, false) }] : [],
      },
      reportDate: isoDateTime(plan.reportTime),
      lastContact: isoDateTime(lastContactTime),
      lastCheckIn: isoDateTime(lastContactTime - prng.int(0, 900_000)),
      lastCloudBackupDate: null,
      lastEnrolledDate: isoDateTime(enrolledTime),
      mdmProfileExpiration: plan.managed ? isoDateTime(enrolledTime + daysToMs(730)) : null,
      initialEntryDate: isoDate(enrolledTime),
      distributionPoint: '',
      enrollmentMethod: plan.managed
        ? { id: '1', objectName: 'Default PreStage', objectType: 'Automated Device Enrollment' }
        : null,
      site: { id: '-1', name: 'None' },
      itunesStoreAccountActive: false,
      enrolledViaAutomatedDeviceEnrollment: plan.managed,
      userApprovedMdm: plan.managed,
      declarativeDeviceManagementEnabled: plan.managed && model.appleSilicon,
      extensionAttributes: [sectionAttribute('10', 'Site Code', plan.person.buildingId ? `SITE-${plan.person.buildingId}` : '')],
      managementId: uuid(prng, false),
      lastLoggedInUsernameSelfService: username || null,
      lastLoggedInUsernameSelfServiceTimestamp: username ? isoDateTime(plan.reportTime - daysToMs(prng.int(0, 20))) : null,
      lastLoggedInUsernameBinary: username || null,
      lastLoggedInUsernameBinaryTimestamp: username ? isoDateTime(plan.reportTime) : null,
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
    applications: applications(prng, model, plan.id),
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
    configurationProfiles: configurationProfiles(prng, enrolledTime, username),
    printers: [],
    services: [{ name: 'com.jamf.management.daemon' }, { name: 'com.apple.screensharing' }],
    hardware: hardware(prng, plan, ram),
    localUserAccounts: localAccounts(prng, person, plan.fileVaultEnabled),
    certificates: [jssCertificate(prng, enrolledTime)],
    attachments: [],
    plugins: [],
    packageReceipts: {
      installedByJamfPro: ['com.jamf.protect.JamfProtect', 'com.googlecode.munki.core'],
      installedByInstallerSwu: ['com.apple.pkg.XProtectPlistConfigData_10_15.16U4339', 'com.apple.pkg.MRTConfigData_10_15.16U4211'],
      cached: [],
    },
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
    groupMemberships: [
      { groupId: '1', groupName: 'All Managed Clients', groupDescription: '', smartGroup: true },
      ...(model.kind === 'laptop'
        ? [{ groupId: '4', groupName: 'Laptops', groupDescription: 'Portable Macs', smartGroup: true }]
        : []),
    ],
  };
}

function computerName(prng: Prng, model: MacModel, person: SimulatedPerson, id: number): string {
  const family = model.model.includes('MacBook Air') ? 'MacBook Air'
    : model.model.includes('MacBook Pro') ? 'MacBook Pro'
    : model.model.replace(/\s*\(.*$/, '');
  const firstName = person.realName.includes(',')
    ? person.realName.split(',')[1]?.trim() ?? ''
    : person.realName.split(' ')[0] ?? '';
  if (firstName && prng.chance(0.5)) return `${firstName}'s ${family}`;
  if (prng.chance(0.5)) return `${model.kind === 'laptop' ? 'LT' : 'DT'}-${String(id).padStart(5, '0')}`;
  return `${family.replace(/\s+/g, '-')}-${prng.hex(4, true)}`;
}

function purchasing(prng: Prng, purchaseTime: number): JsonObject {
  if (prng.chance(0.2)) {
    return {
      leased: false, purchased: true, poNumber: '', poDate: null, vendor: '', warrantyDate: null,
      appleCareId: '', leaseDate: null, purchasePrice: '', lifeExpectancy: 0, purchasingAccount: '',
      purchasingContact: '', extensionAttributes: [sectionAttribute('13', 'Cost Center', '')],
    };
  }
  const leased = prng.chance(0.15);
  const appleCare = prng.chance(0.4);
  return {
    leased,
    purchased: !leased,
    poNumber: `PO-${new Date(purchaseTime).getUTCFullYear()}-${String(prng.int(1, 9999)).padStart(4, '0')}`,
    poDate: isoDate(purchaseTime),
    vendor: prng.pick(['Apple', 'CDW', 'Insight', 'SHI International']),
    warrantyDate: isoDate(purchaseTime + daysToMs(appleCare ? 3 * 365 : 365)),
    appleCareId: appleCare ? `AC${prng.chars(9, '0123456789')}` : '',
    leaseDate: leased ? isoDate(purchaseTime + daysToMs(3 * 365)) : null,
    purchasePrice: `$${prng.pick(['1,299.00', '1,999.00', '2,499.00', '3,199.00'])}`,
    lifeExpectancy: prng.pick([3, 4, 5]),
    purchasingAccount: '',
    purchasingContact: '',
    extensionAttributes: [sectionAttribute('13', 'Cost Center', `CC-${prng.int(100, 999)}`)],
  };
}

function hardware(prng: Prng, plan: ComputerPlan, ram: number): JsonObject {
  const { model } = plan;
  const laptop = model.kind === 'laptop';
  return {
    make: 'Apple',
    model: model.model,
    modelIdentifier: model.modelIdentifier,
    serialNumber: plan.serialNumber,
    processorSpeedMhz: model.processorSpeedMhz,
    processorCount: 1,
    coreCount: model.coreCount,
    processorType: model.processorType,
    processorArchitecture: model.appleSilicon ? 'arm64' : 'x86_64',
    busSpeedMhz: model.appleSilicon ? 0 : 100,
    cacheSizeKilobytes: model.appleSilicon ? 0 : 12288,
    networkAdapterType: 'IEEE80211',
    macAddress: macAddress(prng),
    altNetworkAdapterType: laptop ? '' : 'Ethernet',
    altMacAddress: laptop ? '' : macAddress(prng),
    totalRamMegabytes: ram,
    openRamSlots: 0,
    batteryCapacityPercent: laptop ? prng.int(72, 100) : null,
    batteryHealth: laptop ? prng.weighted(['NORMAL', 'SERVICE_RECOMMENDED'], [9, 1]) : 'UNSUPPORTED',
    smcVersion: model.appleSilicon ? '' : '2.45f0',
    nicSpeed: 'N/A',
    opticalDrive: model.modelIdentifier === 'MacBookPro9,2' ? 'MATSHITA DVD-R UJ-8A8' : '',
    bootRom: model.appleSilicon ? '11881.81.4' : '1968.40.2.0.0',
    bleCapable: true,
    supportsIosAppInstalls: model.appleSilicon,
    appleSilicon: model.appleSilicon,
    provisioningUdid: model.appleSilicon ? `00008${prng.hex(3, true)}-00${prng.hex(14, true)}` : '',
    extensionAttributes: [
      {
        ...sectionAttribute('3', 'Battery Cycle Count', laptop ? String(prng.int(3, 1100)) : ''),
        dataType: 'INTEGER',
        inputType: 'SCRIPT',
      },
    ],
  };
}

function localAccounts(prng: Prng, person: SimulatedPerson, fileVault: boolean): JsonObject[] {
  const accounts: JsonObject[] = [localAccount(prng, '501', 'itadmin', 'IT Admin', true, false)];
  if (person.username && person.username !== 'admin') {
    accounts.push(localAccount(prng, '502', person.username, person.realName, prng.chance(0.3), fileVault));
  }
  return accounts;
}

function localAccount(prng: Prng, uid: string, username: string, fullName: string, admin: boolean, fileVault: boolean): JsonObject {
  return {
    uid, userGuid: uuid(prng), username, fullName, admin,
    homeDirectory: `/Users/${username}`,
    homeDirectorySizeMb: prng.int(200, 180_000),
    fileVault2Enabled: fileVault,
    userAccountType: 'LOCAL',
    passwordMinLength: 8, passwordMaxAge: 0, passwordMinComplexCharacters: 0, passwordHistoryDepth: 0,
    passwordRequireAlphanumeric: false,
    computerAzureActiveDirectoryId: '', userAzureActiveDirectoryId: '', azureActiveDirectoryId: 'UNKNOWN',
  };
}

function security(prng: Prng, model: MacModel, managed: boolean): JsonObject {
  const secureBoot = model.appleSilicon || model.processorType.includes('i7') || model.processorType.includes('i5');
  return {
    sipStatus: 'ENABLED',
    gatekeeperStatus: 'APP_STORE_AND_IDENTIFIED_DEVELOPERS',
    xprotectVersion: String(prng.int(5200, 5290)),
    autoLoginDisabled: true,
    remoteDesktopEnabled: prng.chance(0.2),
    activationLockEnabled: prng.chance(0.1),
    recoveryLockEnabled: model.appleSilicon && managed && prng.chance(0.5),
    firewallEnabled: prng.chance(0.8),
    secureBootLevel: secureBoot ? 'FULL_SECURITY' : 'NOT_SUPPORTED',
    externalBootLevel: secureBoot ? 'DISALLOW_BOOTING_FROM_EXTERNAL_MEDIA' : 'NOT_SUPPORTED',
    bootstrapTokenAllowed: managed,
    bootstrapTokenEscrowedStatus: managed ? 'ESCROWED' : 'NOT_ESCROWED',
    lastAttestationAttempt: null,
    lastSuccessfulAttestation: null,
    attestationStatus: 'PENDING',
  };
}

const KEYBOARD_LAYOUTS = ['U.S.', 'British', 'German', 'Dutch', 'French', 'U.S. International - PC'];

function computerExtensionAttributes(prng: Prng, model: MacModel): ComputerExtensionAttribute[] {
  return [
    {
      definitionId: '1', name: 'Keyboard Layout', description: 'Input source of the login window',
      enabled: true, multiValue: false, values: prng.chance(0.9) ? [prng.pick(KEYBOARD_LAYOUTS)] : [],
      dataType: 'STRING', options: KEYBOARD_LAYOUTS, inputType: 'POPUP',
    },
    {
      definitionId: '2', name: 'Color', description: null, enabled: true, multiValue: false,
      values: [prng.pick(model.colors)], dataType: 'STRING', options: [], inputType: 'TEXT',
    },
  ];
}

/** A serial number fit for the model's era. */
export const serialForModel = (prng: Prng, model: MacModel): string =>
  appleSerial(prng, model.appleSilicon);

/**
 * Extension attributes shown in a section other than "Extension Attributes" (Jamf files them under
 * the inventory category chosen for each), in the same item shape. Empty text means "no value".
 */
function sectionAttribute(definitionId: string, name: string, value: string): ComputerExtensionAttribute {
  return {
    definitionId, name, description: null, enabled: true, multiValue: false,
    values: value ? [value] : [], dataType: 'STRING', options: [], inputType: 'TEXT',
  };
}

const APPS: ReadonlyArray<{ name: string; bundleId: string; version: string; sizeMegabytes: number; macAppStore: boolean }> = [
  { name: 'Safari.app', bundleId: 'com.apple.Safari', version: '18.3', sizeMegabytes: 14, macAppStore: false },
  { name: 'Google Chrome.app', bundleId: 'com.google.Chrome', version: '132.0.6834.160', sizeMegabytes: 1310, macAppStore: false },
  { name: 'Slack.app', bundleId: 'com.tinyspeck.slackmacgap', version: '4.41.105', sizeMegabytes: 480, macAppStore: false },
  { name: 'Microsoft Outlook.app', bundleId: 'com.microsoft.Outlook', version: '16.93', sizeMegabytes: 2100, macAppStore: false },
  { name: 'zoom.us.app', bundleId: 'us.zoom.xos', version: '6.3.6', sizeMegabytes: 380, macAppStore: false },
  { name: 'Keynote.app', bundleId: 'com.apple.iWork.Keynote', version: '14.3', sizeMegabytes: 720, macAppStore: true },
];

/** Self Service plus a few common apps (the sync does not read them; they make records realistic). */
function applications(prng: Prng, model: MacModel, id: number): JsonObject[] {
  const count = prng.int(2, APPS.length);
  const picked = [{ name: 'Self Service.app', bundleId: 'com.jamfsoftware.selfservice.mac', version: '11.12.0', sizeMegabytes: 95, macAppStore: false }];
  for (let i = 0; i < count; i++) picked.push(APPS[(id + i) % APPS.length] as (typeof picked)[number]);
  return picked.map((app) => ({
    name: app.name,
    path: `/Applications/${app.name}`,
    version: app.version,
    cfBundleShortVersionString: app.version,
    cfBundleVersion: app.version,
    macAppStore: app.macAppStore,
    sizeMegabytes: app.sizeMegabytes,
    bundleId: app.bundleId,
    updateAvailable: !model.appleSilicon && prng.chance(0.2),
    externalVersionId: app.macAppStore ? String(prng.int(800_000_000, 870_000_000)) : '0',
  }));
}

function configurationProfiles(prng: Prng, enrolledTime: number, username: string): JsonObject[] {
  const profile = (id: string, displayName: string, identifier: string, removable: boolean): JsonObject => ({
    id, username: '', lastInstalled: isoDateTime(enrolledTime + prng.int(60_000, 3_600_000)), removable, displayName,
    profileIdentifier: identifier,
  });
  return [
    profile('1', 'MDM Profile', '00000000-0000-0000-A000-4A414D460003', false),
    profile('7', 'FileVault Settings', 'com.example.filevault', false),
    ...(username ? [{ ...profile('12', 'Wi-Fi Corporate', 'com.example.wifi', true), username }] : []),
  ];
}

function jssCertificate(prng: Prng, enrolledTime: number): JsonObject {
  return {
    commonName: 'JSS Built-in Certificate Authority',
    identity: true,
    expirationDate: isoDateTime(enrolledTime + daysToMs(730)),
    username: '',
    lifecycleStatus: 'ACTIVE',
    certificateStatus: 'ISSUED',
    subjectName: 'CN=JSS Built-in Certificate Authority',
    serialNumber: prng.hex(8),
    sha1Fingerprint: prng.hex(40),
    issuedDate: isoDateTime(enrolledTime),
  };
}
