import type { Building, Department, JsonObject } from './fleet-types';
import { isPlainObject } from './deep-merge';
import { nameOf } from './mobile-views';

/**
 * Webhook bodies exactly as Jamf Pro sends them, built from a stored record. Computer events carry
 * a flat computer (ComputerCheckIn and ComputerPolicyFinished nest it under `event.computer`);
 * mobile events are flat with `model` = the identifier and `modelDisplay` = the marketing name.
 * `jssID` is an integer here although the API's ids are strings.
 */

export const COMPUTER_EVENTS = [
  'ComputerAdded', 'ComputerCheckIn', 'ComputerInventoryCompleted', 'ComputerPolicyFinished',
  'ComputerPushCapabilityChanged',
] as const;
export const MOBILE_EVENTS = [
  'MobileDeviceCheckIn', 'MobileDeviceEnrolled', 'MobileDeviceInventoryCompleted', 'MobileDevicePushSent',
  'MobileDeviceUnEnrolled',
] as const;
/** The spelling Jamf used for check-in before 10.x; only in legacy mode. */
const LEGACY_COMPUTER_CHECKIN = 'ComputerCheckin';

export type ComputerEventName = (typeof COMPUTER_EVENTS)[number];
export type MobileEventName = (typeof MOBILE_EVENTS)[number];
export type WebhookEventName = ComputerEventName | MobileEventName;

export const isComputerEvent = (event: string): event is ComputerEventName =>
  (COMPUTER_EVENTS as readonly string[]).includes(event);
export const isMobileEvent = (event: string): event is MobileEventName =>
  (MOBILE_EVENTS as readonly string[]).includes(event);

interface WebhookConfig {
  /** Id of the webhook configuration in Jamf (not of the delivery). */
  id: number;
  name: string;
}

export interface WebhookPayloadInput {
  event: WebhookEventName;
  record: JsonObject;
  departments: readonly Department[];
  buildings: readonly Building[];
  webhook: WebhookConfig;
  /** Epoch ms of the event. */
  eventTimestamp: number;
  /** Old Jamf (before 10.12 / 10.x): no eventTimestamp, check-in flat and spelled "ComputerCheckin". */
  legacy?: boolean;
}

export interface WebhookPayload {
  webhook: JsonObject;
  event: JsonObject;
}

export function buildWebhookPayload(input: WebhookPayloadInput): WebhookPayload {
  const { event, legacy } = input;
  const webhookEvent = legacy && event === 'ComputerCheckIn' ? LEGACY_COMPUTER_CHECKIN : event;
  const webhook: JsonObject = { id: input.webhook.id, name: input.webhook.name, webhookEvent };
  if (!legacy) webhook.eventTimestamp = input.eventTimestamp;

  if (isMobileEvent(event)) return { webhook, event: mobileEvent(input) };
  const computer = computerEvent(input);
  if (legacy) return { webhook, event: computer };
  if (event === 'ComputerCheckIn') {
    return { webhook, event: { computer, trigger: 'CLIENT_CHECKIN', username: computer.username } };
  }
  if (event === 'ComputerPolicyFinished') {
    return { webhook, event: { computer, policyId: 1, successful: true } };
  }
  return { webhook, event: computer };
}

const obj = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const jssId = (id: unknown): number | null => {
  const n = Number(id);
  return Number.isInteger(n) ? n : null;
};

function computerEvent(input: WebhookPayloadInput): JsonObject {
  const { record } = input;
  const general = obj(record.general);
  const hardware = obj(record.hardware);
  const os = obj(record.operatingSystem);
  const user = obj(record.userAndLocation);
  return {
    alternateMacAddress: str(hardware.altMacAddress),
    building: nameOf(input.buildings, user.buildingId),
    department: nameOf(input.departments, user.departmentId),
    deviceName: str(general.name),
    emailAddress: str(user.email),
    ipAddress: str(general.lastIpAddress),
    jssID: jssId(record.id),
    macAddress: str(hardware.macAddress),
    model: str(hardware.model),
    osBuild: str(os.build),
    osVersion: str(os.version),
    phone: str(user.phone),
    position: str(user.position),
    realName: str(user.realname),
    reportedIpAddress: str(general.lastReportedIpV4),
    room: str(user.room),
    serialNumber: str(hardware.serialNumber),
    udid: str(record.udid),
    userDirectoryID: '-1',
    username: str(user.username),
    managementId: str(general.managementId),
  };
}

function mobileEvent(input: WebhookPayloadInput): JsonObject {
  const { record } = input;
  const general = obj(record.general);
  const hardware = obj(record.hardware);
  const network = obj(record.network);
  const user = obj(record.userAndLocation);
  return {
    bluetoothMacAddress: str(hardware.bluetoothMacAddress),
    deviceName: str(general.displayName),
    icciID: str(network.iccid),
    imei: str(network.imei),
    ipAddress: str(general.ipAddress),
    jssID: jssId(record.mobileDeviceId),
    model: str(hardware.modelIdentifier),
    modelDisplay: str(hardware.model),
    osBuild: str(general.osBuild),
    osVersion: str(general.osVersion),
    product: null,
    room: str(user.room),
    serialNumber: str(hardware.serialNumber),
    udid: str(general.udid),
    userDirectoryID: '-1',
    username: str(user.username),
    version: str(hardware.modemFirmwareVersion),
    wifiMacAddress: str(hardware.wifiMacAddress),
    managementId: str(general.managementId),
  };
}
