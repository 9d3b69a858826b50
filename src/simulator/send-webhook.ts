import type { FleetStore } from './fleet-store';
import {
  buildWebhookPayload, COMPUTER_EVENTS, isComputerEvent, isMobileEvent, MOBILE_EVENTS, type WebhookEventName,
  type WebhookPayload,
} from './webhook-payloads';
import { toJssEventXml } from './webhook-xml';

export type WebhookAuth =
  | { basic: { username: string; password: string } }
  | { header: { name: string; value: string } };

export interface SendWebhookRequest {
  /** Receiver URL. */
  url: string;
  /** e.g. "ComputerInventoryCompleted", "MobileDeviceEnrolled". */
  event: string;
  /** Id of the computer or mobile device the event is about (must exist in the simulator). */
  deviceId: string;
  /** Jamf's default is XML. */
  format?: 'json' | 'xml';
  auth?: WebhookAuth;
  webhookId?: number;
  webhookName?: string;
  /** Old Jamf shape: no eventTimestamp, check-in flat and spelled "ComputerCheckin". */
  legacy?: boolean;
  /** Jamf gives up after its connection (5 s) plus read (2 s) timeouts. */
  timeoutMs?: number;
}

interface RenderedWebhook {
  payload: WebhookPayload;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookDelivery {
  /** Receiver's HTTP status; 0 when it could not be reached or timed out. */
  status: number;
  /** Receiver's answer: parsed JSON when it sent JSON, else text. */
  body: unknown;
  error?: string;
  /** What was sent, for assertions. */
  sent: RenderedWebhook;
}

export class WebhookRequestError extends Error {
  constructor(message: string, readonly status: 400 | 404) {
    super(message);
    this.name = 'WebhookRequestError';
  }
}

/** Builds the exact body and headers Jamf would send for this event; no I/O. */
function renderWebhook(store: FleetStore, request: SendWebhookRequest, now: number): RenderedWebhook {
  const { event } = request;
  const kind = isComputerEvent(event) ? 'computers' : isMobileEvent(event) ? 'mobileDevices' : undefined;
  if (!kind) {
    throw new WebhookRequestError(
      `Unsupported event "${event}". Supported: ${[...COMPUTER_EVENTS, ...MOBILE_EVENTS].join(', ')}`, 400,
    );
  }
  const record = store.get(kind, String(request.deviceId));
  if (!record) throw new WebhookRequestError(`No ${kind === 'computers' ? 'computer' : 'mobile device'} with id ${request.deviceId}`, 404);

  const payload = buildWebhookPayload({
    event: event as WebhookEventName,
    record,
    departments: store.departments,
    buildings: store.buildings,
    webhook: { id: request.webhookId ?? 1, name: request.webhookName ?? `${event} Webhook` },
    eventTimestamp: now,
    legacy: request.legacy,
  });
  const xml = request.format !== 'json';
  const headers: Record<string, string> = {
    'content-type': xml ? 'text/xml; charset=UTF-8' : 'application/json; charset=UTF-8',
    'user-agent': 'Jamf Pro Simulator',
    ...authHeaders(request.auth),
  };
  return { payload, body: xml ? toJssEventXml(payload) : JSON.stringify(payload), headers };
}

function authHeaders(auth: WebhookAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('basic' in auth) {
    const encoded = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64');
    return { authorization: `Basic ${encoded}` };
  }
  return { [auth.header.name.toLowerCase()]: auth.header.value };
}

/** Sends one event the way Jamf would and reports the receiver's answer. */
export async function sendWebhook(store: FleetStore, request: SendWebhookRequest, now: () => number = Date.now): Promise<WebhookDelivery> {
  const sent = renderWebhook(store, request, now());
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: sent.headers,
      body: sent.body,
      signal: AbortSignal.timeout(request.timeoutMs ?? 7000),
    });
    const text = await response.text();
    return { status: response.status, body: parseBody(text, response.headers.get('content-type')), sent };
  } catch (error) {
    return { status: 0, body: '', error: error instanceof Error ? error.message : String(error), sent };
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
