import type { JsonObject } from './fleet-types';
import { isPlainObject } from './deep-merge';
import type { InventoryVersion } from './jamf-version';

/**
 * The shapes Jamf serves for one computer, derived from the single stored record (kept in its v4
 * form, with `plugins` and `fonts`). Per Jamf's schemas:
 * - v1 (deprecated): `general.lastContactTime`, the deprecated `general.lastReportedIp`,
 *   `remoteManagement.managementUsername` (always null) and `mdmCapable.capableUsers`, applications
 *   without the `cfBundle…` versions, and the `plugins` and `fonts` sections;
 * - v3: `general.lastContactTime`, no `plugins` or `fonts`;
 * - v4: `general.lastContact` + `general.lastCheckIn`, no `plugins` or `fonts`.
 */

export type { InventoryVersion } from './jamf-version';

/** Section parameter → record key, in the order Jamf lays a record out. */
const SECTIONS: ReadonlyArray<[string, string]> = [
  ['GENERAL', 'general'], ['DISK_ENCRYPTION', 'diskEncryption'], ['PURCHASING', 'purchasing'],
  ['APPLICATIONS', 'applications'], ['STORAGE', 'storage'], ['USER_AND_LOCATION', 'userAndLocation'],
  ['CONFIGURATION_PROFILES', 'configurationProfiles'], ['PRINTERS', 'printers'], ['SERVICES', 'services'],
  ['HARDWARE', 'hardware'], ['LOCAL_USER_ACCOUNTS', 'localUserAccounts'], ['CERTIFICATES', 'certificates'],
  ['ATTACHMENTS', 'attachments'], ['PLUGINS', 'plugins'], ['PACKAGE_RECEIPTS', 'packageReceipts'],
  ['FONTS', 'fonts'], ['SECURITY', 'security'], ['OPERATING_SYSTEM', 'operatingSystem'],
  ['LICENSED_SOFTWARE', 'licensedSoftware'], ['IBEACONS', 'ibeacons'], ['SOFTWARE_UPDATES', 'softwareUpdates'],
  ['EXTENSION_ATTRIBUTES', 'extensionAttributes'], ['CONTENT_CACHING', 'contentCaching'],
  ['GROUP_MEMBERSHIPS', 'groupMemberships'],
];

const V1_ONLY = new Set(['PLUGINS', 'FONTS']);

export function computerSections(version: InventoryVersion): ReadonlyArray<[string, string]> {
  return version === 1 ? SECTIONS : SECTIONS.filter(([name]) => !V1_ONLY.has(name));
}

/** Unknown section names, which Jamf rejects with 400. */
export function invalidComputerSections(requested: readonly string[], version: InventoryVersion): string[] {
  const known = new Set(computerSections(version).map(([name]) => name));
  return requested.filter((s) => !known.has(s.toUpperCase()));
}

/**
 * One record as `computers-inventory` returns it. `sections` undefined means all (the `-detail`
 * endpoint); an empty list means GENERAL only, Jamf's default. Unrequested sections are null.
 * Keys that are not sections (in a hand-made record) are passed through untouched.
 */
export function computerView(record: JsonObject, version: InventoryVersion, sections?: readonly string[]): JsonObject {
  const wanted = sections === undefined ? undefined : new Set((sections.length ? sections : ['GENERAL']).map((s) => s.toUpperCase()));
  const sectionKeys = new Set(SECTIONS.map(([, key]) => key));
  const view: JsonObject = { id: record.id ?? null, udid: record.udid ?? null };
  for (const [name, key] of computerSections(version)) {
    const include = wanted === undefined || wanted.has(name);
    const value = record[key] ?? null;
    view[key] = include ? sectionForVersion(key, value, version) : null;
  }
  for (const [key, value] of Object.entries(record)) {
    if (!(key in view) && !sectionKeys.has(key)) view[key] = value;
  }
  return view;
}

function sectionForVersion(key: string, value: unknown, version: InventoryVersion): unknown {
  if (key === 'general') return generalForVersion(value, version);
  if (key === 'applications' && version === 1 && Array.isArray(value)) return value.map(applicationV1);
  return value;
}

/** v1 lists applications without the bundle versions v3 added. */
function applicationV1(app: unknown): unknown {
  if (!isPlainObject(app)) return app;
  const { cfBundleShortVersionString: _short, cfBundleVersion: _version, ...rest } = app;
  return rest;
}

/** Renames the last-contact fields for the requested API version; leaves anything odd as given. */
function generalForVersion(general: unknown, version: InventoryVersion): unknown {
  if (!isPlainObject(general)) return general;
  const contact = general.lastContact !== undefined ? general.lastContact : general.lastContactTime;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(general)) {
    if (key === 'lastContact' || key === 'lastContactTime') {
      if (version !== 4) out.lastContactTime = contact;
      else {
        out.lastContact = contact;
        out.lastCheckIn = general.lastCheckIn !== undefined ? general.lastCheckIn : contact;
      }
    } else if (key === 'lastCheckIn') {
      if (version === 4) out.lastCheckIn = value;
    } else {
      out[key] = value;
    }
  }
  return version === 1 ? withV1DeprecatedFields(out) : out;
}

/** Fields Jamf deprecated but v1 still sends, derived from their successors. */
function withV1DeprecatedFields(general: JsonObject): JsonObject {
  const out: JsonObject = { ...general };
  if ('lastReportedIpV4' in general) out.lastReportedIp = general.lastReportedIpV4;
  if (isPlainObject(general.remoteManagement)) out.remoteManagement = { ...general.remoteManagement, managementUsername: null };
  if (isPlainObject(general.mdmCapable)) {
    const info = Array.isArray(general.mdmCapable.userManagementInfo) ? general.mdmCapable.userManagementInfo : [];
    out.mdmCapable = { ...general.mdmCapable, capableUsers: info.filter(isPlainObject).map((user) => user.capableUser) };
  }
  return out;
}

/** `GET …/computers-inventory/{id}/filevault` for a computer with a personal recovery key. */
export function fileVaultView(record: JsonObject, personalRecoveryKey: string): JsonObject {
  const general = isPlainObject(record.general) ? record.general : {};
  const encryption = isPlainObject(record.diskEncryption) ? record.diskEncryption : {};
  return {
    computerId: record.id ?? null,
    name: general.name ?? null,
    personalRecoveryKey,
    bootPartitionEncryptionDetails: encryption.bootPartitionEncryptionDetails ?? null,
    individualRecoveryKeyValidityStatus: encryption.individualRecoveryKeyValidityStatus ?? null,
    institutionalRecoveryKeyPresent: encryption.institutionalRecoveryKeyPresent ?? null,
    diskEncryptionConfigurationName: encryption.diskEncryptionConfigurationName ?? null,
  };
}
