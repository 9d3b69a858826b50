/**
 * Jamf Pro version parsing and the computer-inventory API version it implies.
 * `/api/v1/jamf-pro-version` answers e.g. "11.2.1-t1707143529" (the suffix is a build timestamp).
 */

export interface JamfProVersion {
  major: number;
  minor: number;
  patch: number;
  /** The string exactly as Jamf sent it, for logs and support. */
  raw: string;
}

export type ComputerInventoryApiVersion = 'v3' | 'v4';

/** First Jamf Pro release that serves `/api/v4/computers-inventory`. */
export const FIRST_V4_INVENTORY_RELEASE = { major: 11, minor: 30 } as const;

export function parseJamfProVersion(raw: string): JamfProVersion | null {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), raw };
}

/**
 * v4 from 11.30 (it renames `lastContactTime` to `lastContact` and adds `lastCheckIn`); v3 before.
 * An unreadable version falls back to v3, which every supported release still serves.
 */
export function computerInventoryApiVersionFor(version: JamfProVersion | null): ComputerInventoryApiVersion {
  if (!version) return 'v3';
  const { major, minor } = FIRST_V4_INVENTORY_RELEASE;
  if (version.major > major) return 'v4';
  if (version.major === major && version.minor >= minor) return 'v4';
  return 'v3';
}
