import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query';
import { selectOne } from '../db/query';
import type { Logger } from '../logging/logger';
import { insertNotification } from './notification-outbox';
import { runSummary, type FinishedRunFacts } from './run-summary';

/** A run that just ended, as the place that ended it knows it. */
export interface EndedRun {
  /** null for a dry run: nothing to tell. */
  runId: string | null;
  organizationId: string;
  organizationSlug: string;
  connectionId: string | null;
  trigger: FinishedRunFacts['trigger'];
  mode: string;
  status: FinishedRunFacts['status'];
  startedAt: string;
  finishedAt: string;
  counts: FinishedRunFacts['counts'];
  failure: FinishedRunFacts['failure'];
}

/** Warnings of a run that name an assignee held under employee policy "hold" (planner/plan-batch.ts). */
const HELD_WARNING_CODE = 'possible_duplicate_employee';

/**
 * Queues the run's notification when its connection has a target and the run raised an event.
 * Called right after the run row is finished; never throws: a failure here is logged and the run
 * stays as it ended (a notification must never fail or change a sync). Delivery is the sender's
 * (notification-worker.ts), so nothing here waits on the receiver.
 */
export async function enqueueRunNotification(db: Executor, logger: Logger, run: EndedRun): Promise<void> {
  if (!run.runId || !run.connectionId) return;
  try {
    const target = await selectOne<{ name: string; employee_policy: string; held: string | number }>(
      db,
      sql`select o.name, c.employee_policy,
            (select count(*) from sync_run_events e where e.run_id = ${run.runId} and e.code = ${HELD_WARNING_CODE}) as held
          from notification_targets t
          join organizations o on o.id = t.organization_id
          join jamf_connections c on c.id = t.connection_id
          where t.connection_id = ${run.connectionId}`,
    );
    if (!target) return;
    const summary = runSummary({
      runId: run.runId,
      organization: { slug: run.organizationSlug, name: target.name },
      trigger: run.trigger,
      mode: run.mode,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      counts: run.counts,
      failure: run.failure,
      employeesHeld: target.employee_policy === 'hold' ? Number(target.held) : 0,
    });
    if (!summary) return;
    await insertNotification(db, { organizationId: run.organizationId, connectionId: run.connectionId, runId: run.runId, summary });
    logger.debug({ runId: run.runId, event: summary.event }, 'run notification queued');
  } catch (err) {
    logger.error({ err, runId: run.runId, organization: run.organizationSlug }, 'could not queue the run notification (database unreachable?); the run is recorded as it ended');
  }
}
