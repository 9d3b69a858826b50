import type { AssetType } from '../types';
import { text } from './read-fields';

/*
 * Jamf names the Mac OS "macOS" today and "Mac OS X" in older versions and records. The asset always
 * gets "macOS" so the field does not flip with Jamf's wording; the version number still tells the era
 * ("macOS 10.9.5 (13A603)"). Without a version there is nothing worth storing: null.
 */
const MAC_OS_NAMES = /^(?:mac ?os(?: ?x)?|os ?x)$/i;

export function computerOperatingSystem(name: unknown, version: unknown, build: unknown): string | null {
  const osVersion = text(version);
  if (osVersion === null) return null;
  const osName = text(name);
  const label = osName === null || MAC_OS_NAMES.test(osName) ? 'macOS' : osName;
  return withBuild(`${label} ${osVersion}`, build);
}

const MOBILE_OS_NAMES: ReadonlyMap<string, string> = new Map([
  ['ios', 'iOS'],
  ['ipados', 'iPadOS'],
  ['tvos', 'tvOS'],
  ['watchos', 'watchOS'],
  ['visionos', 'visionOS'],
]);

const OS_BY_ASSET_TYPE: Partial<Record<AssetType, string>> = {
  mobile: 'iOS',
  tablet: 'iOS',
  tv: 'tvOS',
  watch: 'watchOS',
  headset: 'visionOS',
};

/**
 * Jamf reports iPads as deviceType "iOS"; Apple has called their OS iPadOS since version 13, so a
 * tablet on 13 or later gets "iPadOS 17.5 (21F79)".
 */
export function mobileOperatingSystem(deviceType: unknown, version: unknown, build: unknown, assetType: AssetType): string | null {
  const osVersion = text(version);
  if (osVersion === null) return null;
  const reported = text(deviceType);
  let label = (reported !== null ? MOBILE_OS_NAMES.get(reported.toLowerCase()) : undefined) ?? OS_BY_ASSET_TYPE[assetType] ?? reported;
  if (label === null) return null;
  if (label === 'iOS' && assetType === 'tablet' && Number.parseInt(osVersion, 10) >= 13) label = 'iPadOS';
  return withBuild(`${label} ${osVersion}`, build);
}

function withBuild(label: string, build: unknown): string {
  const osBuild = text(build);
  return osBuild === null ? label : `${label} (${osBuild})`;
}
