import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import type { RunCounts } from '../db/schema';
import type { RunIssue } from '../planner/plan-batch';
import { PROCESS_OWNER, isDeadLocalOwner } from '../leases/process-owner';
import type { RunFailure } from '../runs/run-failure';
import type { SelectionMode } from './run-selection';
import type { DeviceScope } from '../scope/device-scope';

export type RunTrigger = 'scheduled' | 'manual' | 'webhook';
/** `full` reads everything; `device` is the webhook worker's; the rest are partial runs (run-selection.ts). */
export type RunMode = 'full' | 'device' | SelectionMode;
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'partial' | 'interrupted';

export const RUN_OWNER = PROCESS_OWNER;
/** A running run whose heartbeat is older than this is taken as dead. */
const RUN_STALE_AFTER_MS = 2 * 60_000;

export async function createRun(
  db: Executor,
  run: { organizationId: string; connectionId: string | null; trigger: RunTrigger; mode: RunMode; counts: RunCounts; dueAt?: string | null; scope?: DeviceScope },
): Promise<{ id: string; startedAt: string }> {
  const [row] = await selectRows<{ id: string; started_at: Date | string }>(
    db,
    sql`insert into sync_runs (organization_id, connection_id, trigger, mode, status, owner, counts, due_at, device_scope)
        values (${run.organizationId}, ${run.connectionId}, ${run.trigger}, ${run.mode}, 'running', ${RUN_OWNER}, ${JSON.stringify(run.counts)}::jsonb, ${run.dueAt ?? null},
          ${run.scope ? JSON.stringify(run.scope) : null}::jsonb)
        returning id, started_at`,
  );
  return { id: row.id, startedAt: new Date(row.started_at).toISOString() };
}

/** Saves the counts so far (inside each batch's transaction, so they match what was written). */
export async function saveRunProgress(db: Executor, runId: string, counts: RunCounts): Promise<void> {
  await db.execute(sql`update sync_runs set counts = ${JSON.stringify(counts)}::jsonb, heartbeat_at = now() where id = ${runId}`);
}

export async function addRunEvents(db: Executor, runId: string, severity: 'warning' | 'error', issues: readonly RunIssue[]): Promise<void> {
  if (!issues.length) return;
  await db.execute(sql`insert into sync_run_events (run_id, severity, code, serial_number, jamf_id, message)
    select ${runId}, ${severity}, code, "serialNumber", "jamfId", message
    from jsonb_to_recordset(${JSON.stringify(issues)}::jsonb) as x(code text, "serialNumber" text, "jamfId" text, message text)`);
}

export async function finishRun(
  db: Executor,
  runId: string,
  result: { status: Exclude<RunStatus, 'running'>; counts: RunCounts; failure?: RunFailure | null },
): Promise<string> {
  const failure = result.failure ?? null;
  const [row] = await selectRows<{ finished_at: Date | string }>(
    db,
    sql`update sync_runs set status = ${result.status}, counts = ${JSON.stringify(result.counts)}::jsonb,
          failure_reason = ${failure?.message ?? null}, error_code = ${failure?.code ?? null}, finished_at = now(), heartbeat_at = now()
        where id = ${runId} returning finished_at`,
  );
  return new Date(row.finished_at).toISOString();
}

/**
 * A run that failed before it could start (credentials refused, Jamf unreachable, unusable
 * settings): recorded as one finished `failed` row, so that no failure goes unseen in the run
 * list, `connections list` and the metrics.
 */
export async function recordFailedRun(
  db: Executor,
  run: { organizationId: string; connectionId: string | null; trigger: RunTrigger; mode: RunMode; counts: RunCounts; failure: RunFailure; dueAt?: string | null },
): Promise<{ id: string; startedAt: string; finishedAt: string }> {
  const [row] = await selectRows<{ id: string; started_at: Date | string; finished_at: Date | string }>(
    db,
    sql`insert into sync_runs (organization_id, connection_id, trigger, mode, status, owner, counts, failure_reason, error_code, finished_at, due_at)
        values (${run.organizationId}, ${run.connectionId}, ${run.trigger}, ${run.mode}, 'failed', ${RUN_OWNER}, ${JSON.stringify(run.counts)}::jsonb,
          ${run.failure.message}, ${run.failure.code}, now(), ${run.dueAt ?? null})
        returning id, started_at, finished_at`,
  );
  return { id: row.id, startedAt: new Date(row.started_at).toISOString(), finishedAt: new Date(row.finished_at).toISOString() };
}

/**
 * Marks as interrupted the runs left "running" by a process that is gone: one on this host whose
 * pid no longer exists, or any whose heartbeat stopped. Called when a sync or the service starts.
 */
export async function markInterruptedRuns(db: Executor, now = new Date()): Promise<number> {
  const running = await selectRows<{ id: string; owner: string; heartbeat_at: Date | string }>(
    db,
    sql`select id, owner, heartbeat_at from sync_runs where status = 'running'`,
  );
  const dead = running.filter(
    (r) => isDeadLocalOwner(r.owner) || now.getTime() - new Date(r.heartbeat_at).getTime() > RUN_STALE_AFTER_MS,
  );
  for (const run of dead) {
    await db.execute(sql`update sync_runs set status = 'interrupted', finished_at = now(), error_code = 'run_interrupted',
        failure_reason = 'the process running it stopped before it finished (crash, kill or restart)'
      where id = ${run.id} and status = 'running'`);
  }
  return dead.length;
}

/**
 * Marks as interrupted the runs this process still has going when it stops (after waiting for
 * them), so an admin sees at once what was cut short, rather than "running" until the next start
 * or until the heartbeat goes stale. Returns their ids.
 */
export async function markOwnRunsInterrupted(db: Executor): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`update sync_runs set status = 'interrupted', finished_at = now(), error_code = 'run_interrupted',
          failure_reason = 'the service stopped (shutdown) before the run finished; the next run picks up what it missed'
        where status = 'running' and owner = ${RUN_OWNER}
        returning id`,
  );
  return rows.map((r) => r.id);
}
