import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { rawClient } from './simulator-client';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny webhook receiver that records what it got and answers 202 with JSON. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body });
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: received.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/jamf`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let simulator: RunningSimulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const NOW = Date.parse('2026-11-27T10:00:00.123Z');

beforeAll(async () => {
  simulator = await startSimulator({ computers: 5, mobiles: 5, seed: 8, now: () => NOW });
  receiver = await startReceiver();
});
afterAll(async () => {
  await simulator.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
});

describe('webhook sender', () => {
  it('delivers a JSON computer event with Basic auth and hands back the receiver’s answer', async () => {
    const response = await rawClient(simulator).post('/__sim/webhooks', {
      url: receiver.url,
      event: 'ComputerInventoryCompleted',
      deviceId: '2',
      format: 'json',
      auth: { basic: { username: 'jamf', password: 's3cret' } },
    });
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ status: 202, body: { accepted: 1 } });

    const [delivery] = receiver.received;
    expect(delivery?.method).toBe('POST');
    expect(delivery?.headers['content-type']).toMatch(/^application\/json/);
    expect(delivery?.headers.authorization).toBe(`Basic ${Buffer.from('jamf:s3cret').toString('base64')}`);
    const payload = JSON.parse(delivery?.body ?? '');
    expect(payload.webhook).toEqual({ id: 1, name: 'ComputerInventoryCompleted Webhook', webhookEvent: 'ComputerInventoryCompleted', eventTimestamp: NOW });
    const record = simulator.store.get('computers', '2') as Record<string, any>;
    expect(payload.event).toMatchObject({ jssID: 2, serialNumber: record.hardware.serialNumber, udid: record.udid, deviceName: record.general.name });
  });

  it('delivers XML (Jamf’s default) with a custom header', async () => {
    const response = await rawClient(simulator).post('/__sim/webhooks', {
      url: receiver.url,
      event: 'ComputerCheckIn',
      deviceId: 1,
      auth: { header: { name: 'X-Webhook-Token', value: 'abc123' } },
    });
    expect(response.data.status).toBe(202);
    const [delivery] = receiver.received;
    expect(delivery?.headers['content-type']).toMatch(/^text\/xml/);
    expect(delivery?.headers['x-webhook-token']).toBe('abc123');
    expect(delivery?.headers.authorization).toBeUndefined();
    const xml = new XMLParser({ parseTagValue: false }).parse(delivery?.body ?? '');
    expect(xml.JSSEvent.webhook).toMatchObject({ webhookEvent: 'ComputerCheckIn', id: '1', eventTimestamp: String(NOW) });
    expect(xml.JSSEvent.event.computer.jssID).toBe('1');
    expect(xml.JSSEvent.event.trigger).toBe('CLIENT_CHECKIN');
  });

  it('sends mobile events programmatically, with model = identifier', async () => {
    const delivery = await simulator.sendWebhook({ url: receiver.url, event: 'MobileDeviceEnrolled', deviceId: '3', format: 'json', webhookId: 12 });
    expect(delivery.status).toBe(202);
    const payload = JSON.parse(receiver.received[0]?.body ?? '');
    const record = simulator.store.get('mobileDevices', '3') as Record<string, any>;
    expect(payload.webhook).toMatchObject({ id: 12, webhookEvent: 'MobileDeviceEnrolled' });
    expect(payload.event).toMatchObject({ jssID: 3, model: record.hardware.modelIdentifier, modelDisplay: record.hardware.model });
  });

  it('refuses unknown events and devices, and reports an unreachable receiver', async () => {
    const control = rawClient(simulator);
    expect((await control.post('/__sim/webhooks', { url: receiver.url, event: 'JSSStartup', deviceId: '1' })).status).toBe(400);
    expect((await control.post('/__sim/webhooks', { url: receiver.url, event: 'ComputerAdded', deviceId: '999' })).status).toBe(404);
    expect((await control.post('/__sim/webhooks', { url: 'not a url', event: 'ComputerAdded', deviceId: '1' })).status).toBe(400);
    const unreachable = await simulator.sendWebhook({ url: 'http://127.0.0.1:9/hook', event: 'ComputerAdded', deviceId: '1', timeoutMs: 2000 });
    expect(unreachable.status).toBe(0);
    expect(unreachable.error).toEqual(expect.any(String));
    expect(receiver.received).toHaveLength(0);
  });
});
