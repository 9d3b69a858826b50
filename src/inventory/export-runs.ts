import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { RunCounts } from '../db/schema';
import type { RunReport, PlannedChange } from '../sync/run-report';
import type { RunIssue } from '../planner/plan-batch';
import { AppError } from '../errors/app-error';
import { isoTime, RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { requireOrganization } from './organization-transaction';

const COUNT_COLUMNS = ['fetched', 'created', 'updated', 'unchanged', 'skipped', 'employeesCreated', 'employeesLinked', 'removed', 'warnings', 'errors'] as const;
const COLUMNS = ['id', 'trigger', 'mode', 'status', 'startedAt', 'finishedAt', ...COUNT_COLUMNS, 'failureReason'] as const;
/** A run report lists at most this many changes; the whole log is `export changes --run <id>`. */
export const REPORT_CHANGE_LIMIT = 1000;

export interface RunRecord {
  id: string;
  trigger: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  failureReason: string | null;
}

interface RunRow {
  id: string;
  trigger: string;
  mode: string;
  status: string;
  started_at: Date | string;
  /** started_at as PostgreSQL text: a keyset cursor with its microseconds (a JS Date has ms only). */
  started_cursor: string;
  finished_at: Date | string | null;
  counts: RunCounts;
  failure_reason: string | null;
}

/** `export runs`: every run of the organization (R17), newest first, in keyset pages. */
export async function exportRuns(
  deps: { db: AppDatabase },
  sink: TextSink,
  options: { organizationSlug: string; format: ExportFormat; pageSize?: number },
): Promise<{ rows: number }> {
  const organization = await requireOrganization(deps.db, options.organizationSlug);
  const writer = new RecordWriter<RunRecord>(sink, options.format, COLUMNS, (r) => [
    r.id,
    r.trigger,
    r.mode,
    r.status,
    r.startedAt,
    r.finishedAt,
    ...COUNT_COLUMNS.map((c) =>
      c === 'skipped'
        ? Object.entries(r.counts.skipped ?? {})
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([reason, n]) => `${reason}=${n}`)
            .join(';')
        : r.counts[c],
    ),
    r.failureReason,
  ]);
  const pageSize = options.pageSize ?? 500;
  let after: { cursor: string; id: string } | null = null;
  await writer.begin();
  for (;;) {
    const page: RunRow[] = await selectRows<RunRow>(
      deps.db,
      sql`select r.id, r.trigger, r.mode, r.status, r.started_at, r.started_at::text as started_cursor, r.finished_at,
            r.counts, r.failure_reason
          from sync_runs r
          where r.organization_id = ${organization.id}
            ${after === null ? sql`` : sql`and (r.started_at, r.id) < (${after.cursor}::timestamptz, ${after.id}::uuid)`}
          order by r.started_at desc, r.id desc
          limit ${pageSize}`,
    );
    if (!page.length) break;
    const last = page[page.length - 1];
    after = { cursor: last.started_cursor, id: last.id };
    await writer.writePage(page.map(toRunRecord));
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end() };
}

function toRunRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    startedAt: isoTime(r.started_at)!,
    finishedAt: isoTime(r.finished_at),
    counts: r.counts,
    failureReason: r.failure_reason,
  };
}

/**
 * One run's full report (`export runs --run <id>`), in the shape `sync --json` prints: counts,
 * every warning and error with serial and Jamf id, and the first changes.
 */
export async function loadRunReport(db: AppDatabase, runId: string, organizationSlug?: string): Promise<RunReport> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId);
  const organization = organizationSlug ? await requireOrganization(db, organizationSlug) : null;
  const [run] = isUuid
    ? await selectRows<RunRow & { slug: string }>(
        db,
        sql`select r.id, r.trigger, r.mode, r.status, r.started_at, r.started_at::text as started_cursor, r.finished_at,
              r.counts, r.failure_reason, o.slug
            from sync_runs r join organizations o on o.id = r.organization_id
            where r.id = ${runId}::uuid ${organization ? sql`and r.organization_id = ${organization.id}` : sql``}`,
      )
    : [];
  if (!run) {
    throw new AppError(404, 'run_not_found', `No run ${runId}${organizationSlug ? ` in organization "${organizationSlug}"` : ''}`);
  }
  const events = await selectRows<{ severity: 'warning' | 'error'; code: string; serial_number: string | null; jamf_id: string | null; message: string }>(
    db,
    sql`select severity, code, serial_number, jamf_id, message from sync_run_events where run_id = ${run.id} order by id`,
  );
  const changes = await selectRows<{ serial_number: string; jamf_id: string | null; field: string; old_value: unknown; new_value: unknown }>(
    db,
    sql`select a.serial_number, a.jamf_id, c.field, c.old_value, c.new_value
        from asset_changes c join assets a on a.id = c.asset_id
        where c.run_id = ${run.id} order by c.id limit ${REPORT_CHANGE_LIMIT + 1}`,
  );
  const issue = (e: (typeof events)[number]): RunIssue => ({ code: e.code, serialNumber: e.serial_number, jamfId: e.jamf_id, message: e.message });
  const record = toRunRecord(run);
  return {
    id: record.id,
    organization: run.slug,
    trigger: record.trigger as RunReport['trigger'],
    mode: record.mode as RunReport['mode'],
    status: record.status as RunReport['status'],
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    failureReason: record.failureReason,
    counts: record.counts,
    warnings: events.filter((e) => e.severity === 'warning').map(issue),
    errors: events.filter((e) => e.severity === 'error').map(issue),
    changes: changes.slice(0, REPORT_CHANGE_LIMIT).map(
      (c): PlannedChange =>
        c.field === '(created)'
          ? { action: 'create', serialNumber: c.serial_number, jamfId: c.jamf_id, assetType: (c.new_value as { assetType?: string } | null)?.assetType }
          : { action: c.field === 'jamfPresence' && c.new_value === 'removed' ? 'remove' : 'update', serialNumber: c.serial_number, jamfId: c.jamf_id, field: c.field, old: c.old_value, new: c.new_value },
    ),
    changesTruncated: changes.length > REPORT_CHANGE_LIMIT,
  };
}

/** The report's warnings and errors as CSV rows (`export runs --run <id> --format csv`). */
export async function writeRunEvents(sink: TextSink, report: RunReport, format: ExportFormat): Promise<number> {
  const columns = ['severity', 'code', 'serialNumber', 'jamfId', 'message'] as const;
  const writer = new RecordWriter<RunIssue & { severity: string }>(sink, format, columns, (r) => columns.map((c) => r[c]));
  await writer.begin();
  await writer.writePage([
    ...report.warnings.map((w) => ({ severity: 'warning', ...w })),
    ...report.errors.map((e) => ({ severity: 'error', ...e })),
  ]);
  return writer.end();
}
