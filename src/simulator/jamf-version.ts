/**
 * The Jamf Pro release the simulator plays ("11.31.0-t1731000000") and what that release serves.
 * It serves exactly the endpoints Jamf's changelogs and schemas show for the release, and refuses
 * to play a release older than those it can model faithfully.
 */

export const DEFAULT_JAMF_VERSION = '11.31.0-t1731000000';

/** API clients (`/api/oauth/token`) arrived in 10.49.0; older releases are not modelled. */
const OLDEST_SIMULATED_RELEASE = '10.49.0';

/** `/api/vN/computers-inventory`: v1 since 10.39 (still served), v3 from 11.23.0, v4 from 11.30.0. */
export type InventoryVersion = 1 | 3 | 4;

interface Release {
  major: number;
  minor: number;
  patch: number;
}

function parseRelease(version: string): Release | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-\S*)?$/.exec(version.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

function atLeast(version: Release, major: number, minor: number, patch = 0): boolean {
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= patch;
}

/** Throws for a version string the simulator cannot play (unreadable, or older than 10.49.0). */
export function checkSimulatedVersion(version: string): void {
  const release = parseRelease(version);
  if (!release) throw new Error(`Invalid Jamf Pro version "${version}": expected e.g. 11.31.0 or 11.31.0-t1731000000`);
  if (!atLeast(release, 10, 49)) {
    throw new Error(
      `The simulator plays Jamf Pro ${OLDEST_SIMULATED_RELEASE} and later (API clients arrived in 10.49.0); got ${version}`,
    );
  }
}

/** The computers-inventory API versions this release serves, oldest first. */
export function inventoryVersionsServed(version: string): InventoryVersion[] {
  const release = parseRelease(version);
  if (!release) return [];
  const served: InventoryVersion[] = [1];
  if (atLeast(release, 11, 23)) served.push(3);
  if (atLeast(release, 11, 30)) served.push(4);
  return served;
}
