import type { AppDatabase } from '../db/open-database';
import { isUuid } from '../db/query';
import type { RunCounts } from '../db/schema';
import { REPORT_CHANGE_LIMIT, readRunDetail, readRuns, type RunCursor, type StoredRun } from '../runs/run-reader';
import type { RunReport, PlannedChange } from '../sync/run-report';
import type { RunIssue } from '../planner/plan-batch';
import { AppError } from '../errors/app-error';
import { RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { requireOrganization } from '../organizations/organization-store';

const COUNT_COLUMNS = ['fetched', 'created', 'updated', 'unchanged', 'skipped', 'employeesCreated', 'employeesLinked', 'removed', 'warnings', 'errors'] as const;
const COLUMNS = ['id', 'trigger', 'mode', 'status', 'startedAt', 'finishedAt', ...COUNT_COLUMNS, 'errorCode', 'failureReason'] as const;

interface RunRecord {
  id: string;
  trigger: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCounts;
  errorCode: string | null;
  failureReason: string | null;
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
    r.errorCode,
    r.failureReason,
  ]);
  const pageSize = options.pageSize ?? 500;
  let after: RunCursor | null = null;
  await writer.begin();
  do {
    const page = await readRuns(deps.db, organization.id, { limit: pageSize, after });
    await writer.writePage(page.runs.map(toRunRecord));
    after = page.next;
  } while (after);
  return { rows: await writer.end() };
}

/** Field by field: the JSON export keeps this key order (no organization; counts before the reason). */
function toRunRecord(r: StoredRun): RunRecord {
  return {
    id: r.id,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    counts: r.counts,
    errorCode: r.errorCode,
    failureReason: r.failureReason,
  };
}

/**
 * One run's full report (`export runs --run <id>`), in the shape `sync --json` prints: counts,
 * every warning and error with serial and Jamf id, and the first changes.
 */
export async function loadRunReport(db: AppDatabase, runId: string, organizationSlug?: string): Promise<RunReport> {
  const organization = organizationSlug ? await requireOrganization(db, organizationSlug) : null;
  const detail = isUuid(runId) ? await readRunDetail(db, runId, { organizationId: organization?.id, changeLimit: REPORT_CHANGE_LIMIT }) : null;
  if (!detail) {
    throw new AppError(404, 'run_not_found', `No run ${runId}${organizationSlug ? ` in organization "${organizationSlug}"` : ''}`);
  }
  const { run } = detail;
  return {
    id: run.id,
    organization: run.organization,
    trigger: run.trigger,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    failureReason: run.failureReason,
    errorCode: run.errorCode,
    counts: run.counts,
    warnings: detail.warnings,
    errors: detail.errors,
    changes: detail.changes.map(
      (c): PlannedChange =>
        c.field === '(created)'
          ? { action: 'create', serialNumber: c.serialNumber, jamfId: c.jamfId, assetType: (c.new as { assetType?: string } | null)?.assetType }
          : { action: c.field === 'jamfPresence' && c.new === 'removed' ? 'remove' : 'update', serialNumber: c.serialNumber, jamfId: c.jamfId, field: c.field, old: c.old, new: c.new },
    ),
    changesTruncated: detail.changesTruncated,
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
