/** Public surface of the Jamf Pro simulator. */
export {
  startSimulator,
  DEFAULT_CREDENTIALS,
  DEFAULT_FLEET_SIZE,
  type SimulatorOptions,
  type RunningSimulator,
} from './start-simulator';
export { DEFAULT_FAULTS, type SimulatorFaults } from './faults';
export { DEFAULT_JAMF_VERSION } from './jamf-version';
export { FleetStore, type DeviceKind } from './fleet-store';
export { generateFleet, type FleetGenerationOptions } from './generate-fleet';
export type { FleetData, SimulatorFleet, JsonObject } from './fleet-types';
export type { SimulatorStats } from './request-stats';
export { sendWebhook, renderWebhook, type SendWebhookRequest, type WebhookAuth, type WebhookDelivery } from './send-webhook';
export { COMPUTER_EVENTS, MOBILE_EVENTS, type WebhookEventName } from './webhook-payloads';
