import { XMLParser } from 'fast-xml-parser';
import { buildWebhookPayload, type WebhookPayloadInput } from '../../src/simulator/webhook-payloads';
import { toJssEventXml } from '../../src/simulator/webhook-xml';
import { generateFleet } from '../../src/simulator/generate-fleet';
import type { JsonObject } from '../../src/simulator/fleet-types';
import computerAdded from '../fixtures/webhooks/webhook-ComputerAdded.json';
import mobileEnrolled from '../fixtures/webhooks/webhook-MobileDeviceEnrolled.json';
import legacyCheckIn from '../fixtures/webhooks/webhook-ComputerCheckIn.json';

const fleet = generateFleet({ computers: 6, mobiles: 6, seed: 5, referenceTime: Date.parse('2026-11-01T00:00:00Z') });
const base = (event: WebhookPayloadInput['event'], record: JsonObject): WebhookPayloadInput => ({
  event, record, departments: fleet.departments, buildings: fleet.buildings,
  webhook: { id: 4, name: 'Inventory hook' }, eventTimestamp: 1_764_000_000_123,
});
const computer = fleet.computers[0] as JsonObject;
const mobile = fleet.mobileDevices[0] as JsonObject;
const sortedKeys = (o: object): string[] => Object.keys(o).sort();

describe('buildWebhookPayload', () => {
  it('builds a flat computer event with the fields of a real delivery plus the current ones', () => {
    const payload = buildWebhookPayload(base('ComputerInventoryCompleted', computer));
    expect(payload.webhook).toEqual({ id: 4, name: 'Inventory hook', webhookEvent: 'ComputerInventoryCompleted', eventTimestamp: 1_764_000_000_123 });
    expect(sortedKeys(payload.event)).toEqual(
      [...Object.keys(computerAdded.event), 'ipAddress', 'reportedIpAddress', 'managementId'].sort(),
    );
    expect(payload.event.jssID).toBe(1);
    expect(payload.event.serialNumber).toBe((computer.hardware as JsonObject).serialNumber);
    expect(typeof payload.event.department).toBe('string');
  });

  it('nests the computer under event.computer for ComputerCheckIn', () => {
    const payload = buildWebhookPayload(base('ComputerCheckIn', computer));
    expect(sortedKeys(payload.event)).toEqual(['computer', 'trigger', 'username']);
    expect((payload.event.computer as JsonObject).jssID).toBe(1);
  });

  it('builds the old flat "ComputerCheckin" in legacy mode, with no eventTimestamp', () => {
    const payload = buildWebhookPayload({ ...base('ComputerCheckIn', computer), legacy: true });
    expect(payload.webhook.webhookEvent).toBe(legacyCheckIn.webhook.webhookEvent);
    expect(payload.webhook).not.toHaveProperty('eventTimestamp');
    expect(payload.event).toHaveProperty('serialNumber');
  });

  it('builds a flat mobile event with model = identifier and modelDisplay = name', () => {
    const payload = buildWebhookPayload(base('MobileDeviceEnrolled', mobile));
    expect(sortedKeys(payload.event)).toEqual([...Object.keys(mobileEnrolled.event), 'ipAddress', 'managementId'].sort());
    expect(payload.event.model).toBe((mobile.hardware as JsonObject).modelIdentifier);
    expect(payload.event.modelDisplay).toBe((mobile.hardware as JsonObject).model);
    expect(payload.event.product).toBeNull();
    expect(payload.event.jssID).toBe(1);
  });
});

describe('toJssEventXml', () => {
  it('wraps webhook and event under <JSSEvent>, escaping text and nesting objects', () => {
    const xml = toJssEventXml({
      webhook: { id: 1, name: 'A & B', webhookEvent: 'ComputerCheckIn', eventTimestamp: 5 },
      event: { computer: { deviceName: "Emma's <Mac>", jssID: 3 }, trigger: 'CLIENT_CHECKIN', product: null },
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><JSSEvent><webhook><id>1</id>')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.JSSEvent.webhook).toEqual({ id: '1', name: 'A & B', webhookEvent: 'ComputerCheckIn', eventTimestamp: '5' });
    expect(parsed.JSSEvent.event.computer).toEqual({ deviceName: "Emma's <Mac>", jssID: '3' });
    expect(parsed.JSSEvent.event.product).toBe('');
  });
});
