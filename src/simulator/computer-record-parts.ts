import type { Prng } from './prng';
import type { ComputerExtensionAttribute, JsonObject } from './fleet-types';
import type { MacModel } from './mac-catalog';
import type { SimulatedPerson } from './generate-people';
import { daysToMs, isoDate, macAddress, uuid } from './value-formats';

/** Sections of a generated computer record, one builder each. */
// Parts that are the same on every Mac are shared between records (frozen, never mutated: a
// control-API PATCH builds new objects), which keeps a 10,000-Mac fleet cheap to generate.
export const NO_SITE = Object.freeze({ id: '-1', name: 'None' });
export const PRESTAGE = Object.freeze({ id: '1', objectName: 'Default PreStage', objectType: 'Automated Device Enrollment' });
export const SERVICES = Object.freeze([Object.freeze({ name: 'com.jamf.management.daemon' }), Object.freeze({ name: 'com.apple.screensharing' })]);
export const PACKAGE_RECEIPTS = Object.freeze({
  installedByJamfPro: Object.freeze(['com.jamf.protect.JamfProtect', 'com.googlecode.munki.core']),
  installedByInstallerSwu: Object.freeze(['com.apple.pkg.XProtectPlistConfigData_10_15.16U4339', 'com.apple.pkg.MRTConfigData_10_15.16U4211']),
  cached: Object.freeze([] as string[]),
});
export const ALL_MANAGED_GROUP = Object.freeze({ groupId: '1', groupName: 'All Managed Clients', groupDescription: '', smartGroup: true });
export const LAPTOPS_GROUP = Object.freeze({ groupId: '4', groupName: 'Laptops', groupDescription: 'Portable Macs', smartGroup: true });
export const JSS_CERTIFICATE = Object.freeze({
  commonName: 'JSS Built-in Certificate Authority',
  identity: false,
  expirationDate: '2034-03-01T09:12:44.000Z',
  username: '',
  lifecycleStatus: 'ACTIVE',
  certificateStatus: 'ISSUED',
  subjectName: 'CN=JSS Built-in Certificate Authority',
  serialNumber: '5c28fdae',
  sha1Fingerprint: 'ed361458724d06082b2314acdb82e1f586f085f5',
  issuedDate: '2024-03-01T09:12:44.000Z',
});

export function computerName(prng: Prng, model: MacModel, person: SimulatedPerson, id: number): string {
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

export function purchasing(prng: Prng, purchaseTime: number): JsonObject {
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

export function hardware(prng: Prng, model: MacModel, serialNumber: string, ram: number): JsonObject {
  const laptop = model.kind === 'laptop';
  return {
    make: 'Apple',
    model: model.model,
    modelIdentifier: model.modelIdentifier,
    serialNumber,
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
    // Apple silicon has no SMC: Jamf reports null.
    smcVersion: model.appleSilicon ? null : '2.45f0',
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

export function localAccounts(prng: Prng, person: SimulatedPerson, fileVault: boolean): JsonObject[] {
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

export function security(prng: Prng, model: MacModel, managed: boolean): JsonObject {
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

export function computerExtensionAttributes(prng: Prng, model: MacModel): ComputerExtensionAttribute[] {
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


/**
 * Extension attributes shown in a section other than "Extension Attributes" (Jamf files them under
 * the inventory category chosen for each), in the same item shape. Empty text means "no value".
 */
export function sectionAttribute(definitionId: string, name: string, value: string): ComputerExtensionAttribute {
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

const SELF_SERVICE = { name: 'Self Service.app', bundleId: 'com.jamfsoftware.selfservice.mac', version: '11.12.0', sizeMegabytes: 95, macAppStore: false };
const APPLICATION_ITEMS = [SELF_SERVICE, ...APPS].map((app, i) =>
  Object.freeze({
    name: app.name,
    path: `/Applications/${app.name}`,
    version: app.version,
    cfBundleShortVersionString: app.version,
    cfBundleVersion: app.version,
    macAppStore: app.macAppStore,
    sizeMegabytes: app.sizeMegabytes,
    bundleId: app.bundleId,
    updateAvailable: i === 2,
    externalVersionId: app.macAppStore ? '409183694' : '0',
  }),
);

/** Self Service plus a few common apps (the sync does not read them; they make records realistic). */
export function applications(prng: Prng, id: number): readonly JsonObject[] {
  const count = prng.int(2, APPS.length);
  const picked = [APPLICATION_ITEMS[0] as JsonObject];
  for (let i = 0; i < count; i++) picked.push(APPLICATION_ITEMS[1 + ((id + i) % APPS.length)] as JsonObject);
  return picked;
}

export function configurationProfiles(enrolledIso: string, username: string): JsonObject[] {
  const profile = (id: string, displayName: string, identifier: string, removable: boolean): JsonObject => ({
    id, username: '', lastInstalled: enrolledIso, removable, displayName, profileIdentifier: identifier,
  });
  return [
    profile('1', 'MDM Profile', '00000000-0000-0000-A000-4A414D460003', false),
    profile('7', 'FileVault Settings', 'com.example.filevault', false),
    ...(username ? [{ ...profile('12', 'Wi-Fi Corporate', 'com.example.wifi', true), username }] : []),
  ];
}
