import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';

export interface RunSummary {
  id: string;
  organization: string;
  trigger: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  failureReason: string | null;
  counts: Record<string, unknown>;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export async function listRuns(db: AppDatabase, organizationId: string, limit: number): Promise<RunSummary[]> {
  const rows = await selectRows<Record<string, any>>(
    db,
    sql`select r.*, o.slug from sync_runs r join organizations o on o.id = r.organization_id
        where r.organization_id = ${organizationId} order by r.started_at desc limit ${limit}`,
  );
  return rows.map(toSummary);
}

/** One run with its per-device warnings and errors and (up to `changeLimit`) its changes (R17). */
export async function runReport(db: AppDatabase, runId: string, changeLimit = 1000) {
  const [run] = await selectRows<Record<string, any>>(
    db,
    sql`select r.*, o.slug from sync_runs r join organizations o on o.id = r.organization_id where r.id = ${runId}`,
  );
  if (!run) return null;
  const events = await selectRows<{ severity: string; code: string; serial_number: string | null; jamf_id: string | null; message: string }>(
    db,
    sql`select severity, code, serial_number, jamf_id, message from sync_run_events where run_id = ${runId} order by id limit 5000`,
  );
  const changes = await selectRows<{ serial_number: string; field: string; old_value: unknown; new_value: unknown; changed_at: string | Date }>(
    db,
    sql`select a.serial_number, c.field, c.old_value, c.new_value, c.changed_at from asset_changes c
        join assets a on a.id = c.asset_id where c.run_id = ${runId} order by c.id limit ${changeLimit}`,
  );
  const issue = (e: (typeof events)[number]) => ({ code: e.code, serialNumber: e.serial_number, jamfId: e.jamf_id, message: e.message });
  return {
    ...toSummary(run),
    warnings: events.filter((e) => e.severity === 'warning').map(issue),
    errors: events.filter((e) => e.severity === 'error').map(issue),
    changes: changes.map((c) => ({ serialNumber: c.serial_number, field: c.field, old: c.old_value, new: c.new_value, at: iso(c.changed_at) })),
  };
}

function toSummary(r: Record<string, any>): RunSummary {
  return {
    id: r.id,
    organization: r.slug,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    failureReason: r.failure_reason,
    counts: r.counts,
  };
}
