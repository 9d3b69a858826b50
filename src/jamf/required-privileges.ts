/**
 * Which Jamf Pro privilege an endpoint needs. Jamf's 403 body does not always name it, so the
 * permission error names it from here (privilege names as in the specs' `x-required-privileges`).
 */

const PRIVILEGE_BY_PATH: ReadonlyArray<readonly [RegExp, string]> = [
  // Order matters: the FileVault path is also a computers-inventory path.
  [/\/computers-inventory(-detail)?\/[^/]+\/filevault$|\/computers-inventory\/filevault$/, 'View Disk Encryption Recovery Key'],
  [/\/computers-inventory(-detail)?(\/|$)/, 'Read Computers'],
  [/\/mobile-devices(\/|$)/, 'Read Mobile Devices'],
  [/\/departments(\/|$)/, 'Read Departments'],
  [/\/buildings(\/|$)/, 'Read Buildings'],
];

/** The privilege the given API path requires, or `null` when we do not know one. */
export function requiredPrivilegeFor(path: string): string | null {
  const pathOnly = path.split('?')[0] ?? path;
  for (const [pattern, privilege] of PRIVILEGE_BY_PATH) {
    if (pattern.test(pathOnly)) return privilege;
  }
  return null;
}
