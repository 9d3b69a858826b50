import { z } from 'zod';
import { classifyEvent, type DeviceKind, type EventAction } from './webhook-events';

/**
 * Validates a parsed webhook body (from JSON, or from XML turned into the same tree) and reduces it
 * to what the service needs. Tolerant of the drift Jamf has shown between versions: the computer
 * nested under `event.computer` or flat, `jssID` as a number (JSON) or a string (XML, some
 * versions), `eventTimestamp` missing (old versions), as a string (XML) or unreadable (kept as null).
 */

export interface WebhookEnvelope {
  eventName: string;
  /** null when Jamf did not send one (versions before eventTimestamp existed). */
  eventTimestamp: Date | null;
  action: EventAction;
  /** The device a refresh event is about; null for events without device work. */
  device: { kind: DeviceKind; jamfId: string; serialNumber: string | null } | null;
}

interface FieldProblem {
  path: string;
  message: string;
}

export type EnvelopeResult = { ok: true; envelope: WebhookEnvelope } | { ok: false; problems: FieldProblem[] };

/**
 * Jamf's device ids are positive whole numbers, far below 2^53 (a JSON number loses digits beyond
 * it). A longer "id" is not a device: refused here, it is never stored, nor fetched from Jamf and
 * retried ten times.
 */
const JSS_ID_RULE = `must be a positive whole number up to ${Number.MAX_SAFE_INTEGER} (the device id in Jamf)`;
const jssId = z
  .union([
    z.number().refine((v) => Number.isSafeInteger(v) && v > 0, JSS_ID_RULE),
    z.string().trim().refine((v) => /^[1-9]\d{0,15}$/.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER, JSS_ID_RULE),
  ], { error: JSS_ID_RULE })
  .transform(String);

/** Longest event name and serial number kept; Jamf's are under 40 and 20 characters. */
const MAX_EVENT_NAME_LENGTH = 100;
const MAX_SERIAL_LENGTH = 100;

const optionalText = (maxLength: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim()))
    .refine((v) => v === null || v.length <= maxLength, `must be at most ${maxLength} characters`);

/** The dates an event timestamp may have; anything else is not one (and is not worth refusing an event for). */
const EARLIEST_EVENT_MS = Date.UTC(2000, 0, 1);
const LATEST_EVENT_MS = Date.UTC(2999, 11, 31);

/**
 * Epoch milliseconds (number or digits), or an ISO date. It is informational (ordering comes from
 * Jamf's report dates), so a missing or unreadable one is kept as null rather than refusing the
 * event: Jamf does not retry a refused webhook.
 */
const eventTimestamp = z
  .unknown()
  .optional()
  .transform((value) => {
    if ((typeof value !== 'number' && typeof value !== 'string') || String(value).trim() === '') return null;
    const text = String(value).trim();
    const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
    return Number.isFinite(ms) && ms >= EARLIEST_EVENT_MS && ms <= LATEST_EVENT_MS ? new Date(ms) : null;
  });

const envelopeSchema = z.object(
  {
    webhook: z.object(
      {
        webhookEvent: z
          .string({ error: 'is required (the Jamf event name)' })
          .trim()
          .min(1, 'must not be empty')
          .max(MAX_EVENT_NAME_LENGTH, `must be at most ${MAX_EVENT_NAME_LENGTH} characters`),
        eventTimestamp,
      },
      { error: 'must be an object: {"id", "name", "webhookEvent", "eventTimestamp"}' },
    ),
    event: z.unknown().optional(),
  },
  { error: 'must be a Jamf webhook envelope: {"webhook": {...}, "event": {...}}' },
);

const deviceSummary = z.object({ jssID: jssId, serialNumber: optionalText(MAX_SERIAL_LENGTH) });

export function readEnvelope(body: unknown): EnvelopeResult {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error, []) };
  const { webhook, event } = parsed.data;
  const action = classifyEvent(webhook.webhookEvent);
  const base = { eventName: webhook.webhookEvent, eventTimestamp: webhook.eventTimestamp, action };
  if (action.action !== 'refresh') return { ok: true, envelope: { ...base, device: null } };

  if (!isObject(event)) {
    return { ok: false, problems: [{ path: 'event', message: `is required for ${webhook.webhookEvent}: an object describing the device` }] };
  }
  // Current versions nest the computer of check-in and policy events; old ones were flat.
  const nested = action.kind === 'computer' && isObject(event.computer);
  const summary = deviceSummary.safeParse(nested ? event.computer : event);
  if (!summary.success) return { ok: false, problems: problemsOf(summary.error, nested ? ['event', 'computer'] : ['event']) };
  return {
    ok: true,
    envelope: { ...base, device: { kind: action.kind, jamfId: summary.data.jssID, serialNumber: summary.data.serialNumber } },
  };
}

function problemsOf(error: z.ZodError, prefix: string[]): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
