import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import type { RunStatus, RunTrigger } from '../sync/run-store';
import { nextScheduledRun } from '../scheduler/next-run';
import { nextRetryAt, type RetryPolicy } from '../scheduler/retry-policy';

/**
 * How each connection's sync is doing: the one reader behind `connections list`, the API's
 * organization status, /readyz (with the API token), the metrics' sync gauges and the scheduler's
 * retries, so they never disagree.
 *
 * Only full runs count: a webhook's device run succeeds every few minutes in a busy fleet and would
 * hide a nightly reconcile that has been failing for days. `partial` is a success (the run
 * completed; a few devices had errors, listed in its report). `interrupted` neither counts as a
 * failure nor resets the count (a deploy or a restart during the run), but it is retried.
 */
export interface ConnectionStatus {
  organization: string;
  organizationId: string;
  connectionId: string;
  enabled: boolean;
  /** When the connection was added: the no-success alert's baseline before a first success. */
  connectedAt: string;
  /** The latest full run, whatever its outcome; null before the first. */
  lastRun: {
    id: string;
    trigger: RunTrigger;
    status: RunStatus;
    startedAt: string;
    finishedAt: string | null;
  } | null;
  /** When the latest `succeeded` or `partial` full run finished; null if none ever did. */
  lastSuccessAt: string | null;
  /** Full runs `failed` since the last success (all of them if none). */
  consecutiveFailures: number;
  /** Why the latest full run did not succeed (its code and message); null when it succeeded or runs. */
  lastError: { code: string | null; message: string | null } | null;
  /** The next nightly run from the connection's cron and time zone; null when disabled. */
  nextScheduledRun: string | null;
  /** When `serve` tries again after a run that did not succeed; null when nothing is to retry (or no policy was given). */
  nextRetryAt: string | null;
  /** Full runs `failed` or `interrupted` since the last success: how far the retry has backed off. */
  unsuccessfulRuns: number;
  /** connectedAt and lastSuccessAt in epoch seconds with the database's microseconds, for the metrics. */
  epochSeconds: { connected: number; lastSuccess: number | null };
}

interface StatusRow {
  slug: string;
  organization_id: string;
  connection_id: string;
  enabled: boolean;
  schedule_cron: string;
  time_zone: string;
  created_at: Date | string;
  run_id: string | null;
  trigger: RunTrigger | null;
  status: RunStatus | null;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  error_code: string | null;
  failure_reason: string | null;
  last_success: Date | string | null;
  connected_epoch: number | string;
  last_success_epoch: number | string | null;
  failures: number | string;
  unsuccessful: number | string;
}

/** Every connection's status (or one organization's), ordered by organization slug. */
export async function readConnectionStatuses(
  db: Executor,
  options: { organizationSlug?: string; retry?: RetryPolicy } = {},
): Promise<ConnectionStatus[]> {
  const rows = await selectRows<StatusRow>(
    db,
    sql`select o.slug, o.id as organization_id, c.id as connection_id, c.enabled, c.schedule_cron, c.time_zone, c.created_at,
               last.id as run_id, last.trigger, last.status, last.started_at, last.finished_at, last.error_code, last.failure_reason,
               ok.finished_at as last_success,
               extract(epoch from c.created_at)::float8 as connected_epoch, extract(epoch from ok.finished_at)::float8 as last_success_epoch,
               (select count(*) from sync_runs f
                 where f.organization_id = c.organization_id and f.mode = 'full' and f.status = 'failed'
                   and (ok.started_at is null or f.started_at > ok.started_at)) as failures,
               (select count(*) from sync_runs f
                 where f.organization_id = c.organization_id and f.mode = 'full' and f.status in ('failed', 'interrupted')
                   and (ok.started_at is null or f.started_at > ok.started_at)) as unsuccessful
        from jamf_connections c
        join organizations o on o.id = c.organization_id
        left join lateral (
          select id, trigger, status, started_at, finished_at, error_code, failure_reason from sync_runs
          where organization_id = c.organization_id and mode = 'full'
          order by started_at desc, id desc limit 1) last on true
        left join lateral (
          select started_at, finished_at from sync_runs
          where organization_id = c.organization_id and mode = 'full' and status in ('succeeded', 'partial')
          order by started_at desc limit 1) ok on true
        ${options.organizationSlug === undefined ? sql`` : sql`where o.slug = ${options.organizationSlug}`}
        order by o.slug`,
  );
  return rows.map((r) => toStatus(r, options.retry));
}

function toStatus(r: StatusRow, retry: RetryPolicy | undefined): ConnectionStatus {
  const lastRun =
    r.run_id && r.trigger && r.status && r.started_at
      ? { id: r.run_id, trigger: r.trigger, status: r.status, startedAt: iso(r.started_at), finishedAt: isoOrNull(r.finished_at) }
      : null;
  const unsuccessful = Number(r.unsuccessful);
  const didNotSucceed = lastRun?.status === 'failed' || lastRun?.status === 'interrupted';
  return {
    organization: r.slug,
    organizationId: r.organization_id,
    connectionId: r.connection_id,
    enabled: r.enabled,
    connectedAt: iso(r.created_at),
    lastRun,
    lastSuccessAt: isoOrNull(r.last_success),
    consecutiveFailures: Number(r.failures),
    lastError: didNotSucceed ? { code: r.error_code, message: r.failure_reason } : null,
    nextScheduledRun: r.enabled ? (nextScheduledRun(r.schedule_cron, r.time_zone)?.toISOString() ?? null) : null,
    nextRetryAt: r.enabled && lastRun && retry ? (nextRetryAt({ ...lastRun, errorCode: r.error_code }, unsuccessful, retry)?.toISOString() ?? null) : null,
    unsuccessfulRuns: unsuccessful,
    epochSeconds: { connected: Number(r.connected_epoch), lastSuccess: r.last_success_epoch === null ? null : Number(r.last_success_epoch) },
  };
}

/** Both drivers may return a timestamptz as a Date or as text. */
const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
