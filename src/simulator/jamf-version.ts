/** Jamf Pro version strings look like "11.31.0-t1731000000". */

export const DEFAULT_JAMF_VERSION = '11.31.0-t1731000000';

/** `/api/v4/computers-inventory` exists from Jamf Pro 11.30; before that, v3 is current. */
export function supportsInventoryV4(version: string): boolean {
  const [major = 0, minor = 0] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  return major > 11 || (major === 11 && minor >= 30);
}
