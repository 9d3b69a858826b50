import { z } from 'zod';
import { deviceScopeSchema, isoTime, runCountsSchema, runIssueSchema } from './common';

export const runSummarySchema = z.object({
  id: z.string(),
  organization: z.string(),
  trigger: z.string().describe('scheduled, manual or webhook'),
  mode: z.string().describe('full, or for a partial run serial, computers or mobiles'),
  status: z.string().describe('running, succeeded, partial, failed or interrupted'),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  failureReason: z.string().nullable(),
  errorCode: z.string().nullable().describe('Why a run failed: see the README failure table'),
  counts: runCountsSchema,
  dueAt: isoTime.nullable().describe('When a scheduled run was due (cron time plus spread offset)'),
  scope: deviceScopeSchema.nullable().describe("The connection's device scope the run read ({} every device; null when none was recorded)"),
});

const runChangeSchema = z.object({
  serialNumber: z.string(),
  field: z.string(),
  old: z.unknown(),
  new: z.unknown(),
  at: isoTime,
});

export const runReportSchema = runSummarySchema.extend({
  warnings: z.array(runIssueSchema),
  errors: z.array(runIssueSchema),
  changes: z.array(runChangeSchema),
});

const plannedChangeSchema = z.object({
  action: z.enum(['create', 'update', 'remove', 'leave_scope', 'enter_scope']),
  serialNumber: z.string(),
  jamfId: z.string().nullable(),
  assetType: z.string().optional(),
  field: z.string().optional(),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});

/** What a preview (dry run) answers: the report of what a run would do; it stores nothing (id null). */
export const previewReportSchema = z.looseObject({
  id: z.null(),
  organization: z.string(),
  trigger: z.string(),
  mode: z.string(),
  status: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  failureReason: z.string().nullable(),
  errorCode: z.string().nullable(),
  counts: runCountsSchema,
  warnings: z.array(runIssueSchema),
  errors: z.array(runIssueSchema),
  changes: z.array(plannedChangeSchema),
  changesTruncated: z.boolean(),
});

export const syncAcceptedSchema = z.object({
  accepted: z.literal(true),
  runId: z.string().nullable(),
  report: z.string().nullable().describe('Where the run report is read: /api/v1/runs/{id}'),
});

export const connectionStatusSchema = z.object({
  organization: z.string(),
  enabled: z.boolean(),
  lastRun: z
    .object({ id: z.string(), trigger: z.string(), status: z.string(), startedAt: isoTime, finishedAt: isoTime.nullable() })
    .nullable(),
  lastSuccessAt: isoTime.nullable(),
  consecutiveFailures: z.number(),
  lastError: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
  nextScheduledRun: isoTime.nullable(),
  nextRetryAt: isoTime.nullable(),
});
