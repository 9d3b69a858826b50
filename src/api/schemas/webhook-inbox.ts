import { z } from 'zod';
import { isoTime, orgParams } from './common';

/** The webhook inbox of one organization over the API (GET …/webhooks, POST …/webhooks/dead/:id/retry). */

export const webhookInboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Recent events answered, at most 500; 50 unless given'),
});

export const webhookEventParams = orgParams.extend({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a webhook id (a number, as GET …/webhooks answers)')
    .transform(Number)
    .describe('The webhook id'),
});

export const webhookEventSchema = z.object({
  id: z.number(),
  eventName: z.string().describe('Jamf Pro event, e.g. ComputerInventoryCompleted'),
  status: z.enum(['pending', 'processing', 'done', 'dead', 'ignored']),
  outcome: z.string().nullable().describe('What processing concluded: refreshed, not_found_in_jamf, no_device_work, unknown_event, failed, …'),
  deviceKind: z.enum(['computer', 'mobile']).nullable(),
  jamfId: z.string().nullable(),
  serialNumber: z.string().nullable().describe("From the webhook's summary"),
  deliveries: z.number().describe('Times this exact body arrived'),
  attempts: z.number(),
  lastError: z.string().nullable(),
  runId: z.string().nullable().describe('The webhook run that refreshed the device'),
  receivedAt: isoTime,
  processedAt: isoTime.nullable(),
});

export const webhookInboxSchema = z.object({
  organization: z.string(),
  counts: z.object({
    pending: z.number().describe('Waiting for the worker'),
    oldestPendingAgeSeconds: z.number().nullable(),
    dead: z.number().describe('Failed every attempt; retry them'),
    receivedLastDay: z.number(),
  }),
  recent: z.array(webhookEventSchema).describe('Newest first'),
  dead: z.array(webhookEventSchema).describe('Oldest first, at most 100'),
});

export const webhookRetrySchema = z.object({
  organization: z.string(),
  id: z.number(),
  status: z.literal('pending').describe('Back in the queue with fresh attempts'),
});
