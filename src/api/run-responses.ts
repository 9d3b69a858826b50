import type { AppDatabase } from '../db/open-database';
import type { RunCounts } from '../db/schema';
import { readRunDetail, readRuns, type RunCursor, type StoredRun } from '../runs/run-reader';
import type { RunStatus, RunTrigger } from '../sync/run-store';
import { readConnectionStatuses, type ConnectionStatus } from '../runs/connection-status';
import type { RetryPolicy } from '../scheduler/retry-policy';
import type { DeviceScope } from '../scope/device-scope';

/** The API's JSON for runs; the reading is runs/run-reader's, shared with `export runs`. */

export interface RunSummary {
  id: string;
  organization: string;
  trigger: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  failureReason: string | null;
  errorCode: string | null;
  counts: RunCounts;
  /** When a scheduled run was due (cron time plus spread offset); started minus due is its wait for a slot. Last: added later, keys keep their order. */
  dueAt: string | null;
  /** The connection's device scope the run read ({} every device; null when none was recorded). Added later, last. */
  scope: DeviceScope | null;
}

/** Keeps one response bounded; `export runs --run <id>` lists every warning and error. */
const REPORT_EVENT_LIMIT = 5000;

export async function listRuns(db: AppDatabase, organizationId: string, limit: number): Promise<RunSummary[]> {
  return (await listRunPage(db, organizationId, { limit })).runs;
}

/** One page of an organization's runs, newest first; `next` is where the following page starts (null on the last). */
export async function listRunPage(
  db: AppDatabase,
  organizationId: string,
  page: { limit: number; after?: RunCursor; status?: RunStatus; trigger?: RunTrigger },
): Promise<{ runs: RunSummary[]; next: RunCursor | null }> {
  const { runs, next } = await readRuns(db, organizationId, page);
  return { runs: runs.map(toSummary), next };
}

/** One run with its per-device warnings and errors and (up to `changeLimit`) its changes (R17). */
export async function runReport(db: AppDatabase, runId: string, changeLimit?: number) {
  const detail = await readRunDetail(db, runId, { eventLimit: REPORT_EVENT_LIMIT, changeLimit });
  if (!detail) return null;
  return {
    ...toSummary(detail.run),
    warnings: detail.warnings,
    errors: detail.errors,
    changes: detail.changes.map((c) => ({ serialNumber: c.serialNumber, field: c.field, old: c.old, new: c.new, at: c.at })),
  };
}

/** How each organization's sync is doing (all, or the one named), from the reader `connections list` uses. */
export async function syncStatuses(db: AppDatabase, retry: RetryPolicy, organizationSlug?: string) {
  return (await readConnectionStatuses(db, { retry, organizationSlug })).map(toStatusResponse);
}

function toStatusResponse(s: ConnectionStatus) {
  return {
    organization: s.organization,
    enabled: s.enabled,
    lastRun: s.lastRun,
    lastSuccessAt: s.lastSuccessAt,
    consecutiveFailures: s.consecutiveFailures,
    lastError: s.lastError,
    nextScheduledRun: s.nextScheduledRun,
    nextRetryAt: s.nextRetryAt,
  };
}

/** Field by field, so the JSON keeps its key order whatever the reader's type looks like. */
function toSummary(r: StoredRun): RunSummary {
  return {
    id: r.id,
    organization: r.organization,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    failureReason: r.failureReason,
    errorCode: r.errorCode,
    counts: r.counts,
    dueAt: r.dueAt,
    scope: r.scope,
  };
}
