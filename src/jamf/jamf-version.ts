/**
 * Jamf Pro version parsing and the computer-inventory API version it implies. Pure.
 * `/api/v1/jamf-pro-version` answers e.g. "11.2.1-t1707143529" (the suffix is a build timestamp).
 *
 * Which releases serve which `computers-inventory` (Jamf's changelogs and published schemas):
 * - `/api/v1/…` since 10.39.0, deprecated in 11.x but still served on current releases; the only
 *   one on a complete 11.7.1 schema;
 * - `/api/v3/…` added in 11.23.0;
 * - `/api/v4/…` added in 11.30.0 (renames `general.lastContactTime` to `general.lastContact`, adds
 *   `general.lastCheckIn`).
 * `/api/v2/…` existed in some 11.x releases and is not used here.
 */

export interface JamfProVersion {
  major: number;
  minor: number;
  patch: number;
  /** The string exactly as Jamf sent it, for logs and support. */
  raw: string;
}

export type ComputerInventoryApiVersion = 'v1' | 'v3' | 'v4';

interface Release {
  major: number;
  minor: number;
  patch?: number;
}

/** First Jamf Pro release that serves `/api/v3/computers-inventory`. */
const FIRST_V3_INVENTORY_RELEASE: Release = { major: 11, minor: 23 };
/** First Jamf Pro release that serves `/api/v4/computers-inventory`. */
const FIRST_V4_INVENTORY_RELEASE: Release = { major: 11, minor: 30 };
/**
 * Oldest release this service supports: API clients (OAuth client credentials) arrived in 10.49.0,
 * and Jamf's documentation shows every endpoint the service reads there (computers-inventory v1
 * since 10.39.0).
 */
export const OLDEST_SUPPORTED_RELEASE: Required<Release> = { major: 10, minor: 49, patch: 0 };

/** When the version is unknown, try these in turn; the first that is not a 404 is the one. */
export const COMPUTER_INVENTORY_APIS_NEWEST_FIRST: readonly ComputerInventoryApiVersion[] = ['v4', 'v3', 'v1'];

export function parseJamfProVersion(raw: string): JamfProVersion | null {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), raw };
}

/** Is `version` this release or a later one? */
function isAtLeast(version: Pick<JamfProVersion, 'major' | 'minor' | 'patch'>, release: Release): boolean {
  if (version.major !== release.major) return version.major > release.major;
  if (version.minor !== release.minor) return version.minor > release.minor;
  return version.patch >= (release.patch ?? 0);
}

/** v4 from 11.30, v3 from 11.23, v1 before (10.39 onwards). */
export function computerInventoryApiVersionFor(version: JamfProVersion): ComputerInventoryApiVersion {
  if (isAtLeast(version, FIRST_V4_INVENTORY_RELEASE)) return 'v4';
  if (isAtLeast(version, FIRST_V3_INVENTORY_RELEASE)) return 'v3';
  return 'v1';
}

export function isSupportedRelease(version: JamfProVersion): boolean {
  return isAtLeast(version, OLDEST_SUPPORTED_RELEASE);
}

export function releaseName(release: Release): string {
  return `${release.major}.${release.minor}.${release.patch ?? 0}`;
}
