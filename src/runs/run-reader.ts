import { sql } from 'drizzle-orm';
import { selectOne, selectRows, type Executor } from '../db/query';
import type { RunCounts } from '../db/schema';
import type { RunIssue } from '../planner/plan-batch';
import type { RunMode, RunStatus, RunTrigger } from '../sync/run-store';
import type { DeviceScope } from '../scope/device-scope';

/**
 * The one reader of stored runs (R17). The API (`GET /api/v1/runs/:id`,
 * `/organizations/:org/runs`) and `export runs` both read runs, their warnings and errors and
 * their changes here; each only shapes what it read (the API's JSON, the export's report and CSV).
 * Ids are passed as read: callers check that a run id looks like a UUID first, as PostgreSQL
 * rejects a malformed one.
 */

/** A run's report lists at most this many changes; the whole log is `export changes --run <id>`. */
export const REPORT_CHANGE_LIMIT = 1000;

export interface StoredRun {
  id: string;
  /** The organization's slug. */
  organization: string;
  trigger: RunTrigger;
  mode: RunMode;
  status: RunStatus;
  startedAt: string;
  /** When a scheduled run was due (cron time plus spread offset); null for other runs and older ones. */
  dueAt: string | null;
  finishedAt: string | null;
  failureReason: string | null;
  /** Stable code of why it failed or was interrupted (run-failure.ts); null otherwise and for runs older than the codes. */
  errorCode: string | null;
  counts: RunCounts;
  /** The device scope the run read ({} every device); null for runs that recorded none (older, or failed before starting). */
  scope: DeviceScope | null;
}

/** Where the next page of an organization's runs starts (newest first). */
export interface RunCursor {
  /** started_at as PostgreSQL text, with its microseconds (a JS Date has milliseconds only). */
  startedAt: string;
  id: string;
}

interface StoredRunChange {
  serialNumber: string;
  jamfId: string | null;
  field: string;
  old: unknown;
  new: unknown;
  at: string;
}

/** One run with what its report shows. */
export interface StoredRunDetail {
  run: StoredRun;
  warnings: RunIssue[];
  errors: RunIssue[];
  /** The first changes, in the order they were written. */
  changes: StoredRunChange[];
  /** True when the run changed more than `changes` lists. */
  changesTruncated: boolean;
}

interface RunRow {
  id: string;
  slug: string;
  trigger: RunTrigger;
  mode: RunMode;
  status: RunStatus;
  started_at: Date | string;
  started_cursor: string;
  due_at: Date | string | null;
  finished_at: Date | string | null;
  failure_reason: string | null;
  error_code: string | null;
  counts: RunCounts;
  device_scope: DeviceScope | null;
}

interface RunEventRow {
  severity: 'warning' | 'error';
  code: string;
  serial_number: string | null;
  jamf_id: string | null;
  message: string;
}

interface RunChangeRow {
  serial_number: string;
  jamf_id: string | null;
  field: string;
  old_value: unknown;
  new_value: unknown;
  changed_at: Date | string;
}

const RUN_COLUMNS = sql`r.id, o.slug, r.trigger, r.mode, r.status, r.started_at, r.started_at::text as started_cursor,
  r.due_at, r.finished_at, r.failure_reason, r.error_code, r.counts, r.device_scope`;

/** One page of an organization's runs, newest first (only those of `status` and `trigger`, when given); `next` is null after the last page. */
export async function readRuns(
  db: Executor,
  organizationId: string,
  page: { limit: number; after?: RunCursor | null; status?: RunStatus; trigger?: RunTrigger },
): Promise<{ runs: StoredRun[]; next: RunCursor | null }> {
  const after = page.after ?? null;
  const rows = await selectRows<RunRow>(
    db,
    sql`select ${RUN_COLUMNS}
        from sync_runs r join organizations o on o.id = r.organization_id
        where r.organization_id = ${organizationId}
          ${page.status ? sql`and r.status = ${page.status}` : sql``}
          ${page.trigger ? sql`and r.trigger = ${page.trigger}` : sql``}
          ${after === null ? sql`` : sql`and (r.started_at, r.id) < (${after.startedAt}::timestamptz, ${after.id}::uuid)`}
        order by r.started_at desc, r.id desc
        limit ${page.limit}`,
  );
  const last = rows[rows.length - 1];
  return {
    runs: rows.map(toStoredRun),
    next: last && rows.length === page.limit ? { startedAt: last.started_cursor, id: last.id } : null,
  };
}

/**
 * One run with its warnings and errors (the first `eventLimit`, all by default) and its first
 * `changeLimit` changes; null when there is no such run (in `organizationId`, when given).
 */
export async function readRunDetail(
  db: Executor,
  runId: string,
  options: { organizationId?: string; eventLimit?: number; changeLimit?: number } = {},
): Promise<StoredRunDetail | null> {
  const row = await selectOne<RunRow>(
    db,
    sql`select ${RUN_COLUMNS}
        from sync_runs r join organizations o on o.id = r.organization_id
        where r.id = ${runId}::uuid ${options.organizationId === undefined ? sql`` : sql`and r.organization_id = ${options.organizationId}`}`,
  );
  if (!row) return null;
  const events = await selectRows<RunEventRow>(
    db,
    sql`select severity, code, serial_number, jamf_id, message from sync_run_events where run_id = ${row.id} order by id
        ${options.eventLimit === undefined ? sql`` : sql`limit ${options.eventLimit}`}`,
  );
  const changeLimit = options.changeLimit ?? REPORT_CHANGE_LIMIT;
  // One more than listed, to tell whether the list is cut short.
  const changes = await selectRows<RunChangeRow>(
    db,
    sql`select a.serial_number, a.jamf_id, c.field, c.old_value, c.new_value, c.changed_at
        from asset_changes c join assets a on a.id = c.asset_id
        where c.run_id = ${row.id} order by c.id limit ${changeLimit + 1}`,
  );
  const issue = (e: RunEventRow): RunIssue => ({ code: e.code, serialNumber: e.serial_number, jamfId: e.jamf_id, message: e.message });
  return {
    run: toStoredRun(row),
    warnings: events.filter((e) => e.severity === 'warning').map(issue),
    errors: events.filter((e) => e.severity === 'error').map(issue),
    changes: changes.slice(0, changeLimit).map(toStoredChange),
    changesTruncated: changes.length > changeLimit,
  };
}

function toStoredRun(r: RunRow): StoredRun {
  return {
    id: r.id,
    organization: r.slug,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    startedAt: iso(r.started_at),
    dueAt: r.due_at === null ? null : iso(r.due_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    failureReason: r.failure_reason,
    errorCode: r.error_code,
    counts: r.counts,
    scope: r.device_scope ?? null,
  };
}

function toStoredChange(c: RunChangeRow): StoredRunChange {
  return { serialNumber: c.serial_number, jamfId: c.jamf_id, field: c.field, old: c.old_value, new: c.new_value, at: iso(c.changed_at) };
}

/** Both drivers may return a timestamptz as a Date or as text. */
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
