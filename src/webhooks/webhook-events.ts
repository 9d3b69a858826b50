/**
 * What each Jamf webhook event means for the inventory. A webhook is only a signal that a device
 * changed; the worker re-fetches the device from the Jamf API (the summary is never inventory).
 */

export type DeviceKind = 'computer' | 'mobile';

/**
 * Events after which the device's inventory may have changed: refresh that device. A Map, not an
 * object literal: the event name comes from the request, and `__proto__` or `constructor` must not
 * find Object.prototype's members.
 */
const REFRESH_EVENTS: ReadonlyMap<string, DeviceKind> = new Map([
  ['ComputerAdded', 'computer'],
  ['ComputerCheckIn', 'computer'],
  // The spelling of Jamf versions before 10.x.
  ['ComputerCheckin', 'computer'],
  ['ComputerInventoryCompleted', 'computer'],
  ['MobileDeviceCheckIn', 'mobile'],
  ['MobileDeviceEnrolled', 'mobile'],
  ['MobileDeviceInventoryCompleted', 'mobile'],
  // The device becomes unmanaged; its asset keeps receiving Jamf's facts (R16).
  ['MobileDeviceUnEnrolled', 'mobile'],
]);

/** Other events Jamf documents: stored and acknowledged, no device work. */
const RECORD_ONLY_EVENTS = new Set([
  'ComputerPatchPolicyCompleted',
  'ComputerPolicyFinished',
  'ComputerPushCapabilityChanged',
  'DeviceAddedToDEP',
  'DeviceRateLimited',
  'JSSShutdown',
  'JSSStartup',
  'MobileDeviceCommandCompleted',
  'MobileDevicePushSent',
  'PatchSoftwareTitleUpdated',
  'PushSent',
  'RestAPIOperation',
  'SCEPChallenge',
  'SmartGroupComputerMembershipChange',
  'SmartGroupMobileDeviceMembershipChange',
  'SmartGroupUserMembershipChange',
]);

export type EventAction = { action: 'refresh'; kind: DeviceKind } | { action: 'record' } | { action: 'ignore' };

export function classifyEvent(name: string): EventAction {
  const kind = REFRESH_EVENTS.get(name);
  if (kind) return { action: 'refresh', kind };
  if (RECORD_ONLY_EVENTS.has(name)) return { action: 'record' };
  return { action: 'ignore' };
}
