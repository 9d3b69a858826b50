import { sql } from 'drizzle-orm';
import { claimQueueRows, releaseGoneClaims, type ClaimedQueue } from '../db/queue-claims';

const OUTBOX_QUEUE: ClaimedQueue = { table: 'notification_outbox', claimedStatus: 'sending' };
import { selectRows, type Executor } from '../db/query';
import type { NotificationStatus } from '../db/schema/notifications';
import type { RunSummary } from './run-summary';

/**
 * The notification outbox's statements: written where a run ends, claimed and finished by the
 * sender (notification-worker.ts), read by the API, the CLI and /metrics.
 */

export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Queues a run's summary; a second one for the same run is ignored (one notification per run). */
export async function insertNotification(
  db: Executor,
  row: { organizationId: string; connectionId: string; runId: string; summary: RunSummary },
): Promise<boolean> {
  const inserted = await selectRows<{ id: string | number }>(
    db,
    sql`insert into notification_outbox (organization_id, connection_id, run_id, event, payload)
        values (${row.organizationId}, ${row.connectionId}, ${row.runId}, ${row.summary.event}, ${JSON.stringify(row.summary)}::jsonb)
        on conflict (run_id) do nothing
        returning id`,
  );
  return inserted.length > 0;
}

export interface ClaimedNotification {
  id: number;
  connectionId: string;
  event: string;
  attempts: number;
  summary: RunSummary;
}

/**
 * Claims up to `limit` notifications that are due, or whose sender's lease expired (a crash).
 * FOR UPDATE SKIP LOCKED: replicas claim different rows; the lease (available_at) keeps a row from
 * being sent twice while its sender lives. Claiming counts an attempt.
 */
export async function claimNotifications(db: Executor, claim: { owner: string; limit: number; leaseMs: number; now: Date }): Promise<ClaimedNotification[]> {
  const rows = await claimQueueRows<{ id: string | number; connection_id: string; event: string; attempts: number; payload: RunSummary | string }>(
    db,
    OUTBOX_QUEUE,
    claim,
    sql`q.id, q.connection_id, q.event, q.attempts, q.payload`,
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      connectionId: r.connection_id,
      event: r.event,
      attempts: Number(r.attempts),
      summary: typeof r.payload === 'string' ? (JSON.parse(r.payload) as RunSummary) : r.payload,
    }))
    .sort((a, b) => a.id - b.id);
}

export async function markDelivered(db: Executor, id: number, owner: string, result: { httpStatus: number; now: Date }): Promise<void> {
  await db.execute(sql`update notification_outbox set status = 'delivered', delivered_at = ${result.now.toISOString()}, last_status = ${result.httpStatus},
      last_error = null, locked_by = null
    where id = ${id} and locked_by = ${owner} and status = 'sending'`);
}

/**
 * A failed attempt: the row waits base·2^(attempts−1) (capped, ±20 % jitter so notifications that
 * failed together do not come back together), or is dead after maxAttempts. Returns its new status.
 */
export async function markAttemptFailed(
  db: Executor,
  id: number,
  owner: string,
  failure: { error: string; httpStatus: number | null; policy: DeliveryPolicy; now: Date },
): Promise<'pending' | 'dead' | null> {
  const { policy } = failure;
  const rows = await selectRows<{ status: 'pending' | 'dead' }>(
    db,
    sql`update notification_outbox set
          status = case when attempts >= ${policy.maxAttempts} then 'dead' else 'pending' end,
          available_at = ${failure.now.toISOString()}::timestamptz
            + least(${policy.maxDelayMs}::float8, ${policy.baseDelayMs}::float8 * power(2, greatest(attempts - 1, 0)))
              * (0.8 + random() * 0.4) * interval '1 millisecond',
          last_status = ${failure.httpStatus}, last_error = ${failure.error.slice(0, 1000)}, locked_by = null
        where id = ${id} and locked_by = ${owner} and status = 'sending'
        returning status`,
  );
  return rows[0]?.status ?? null;
}

/** Gives up on a row at once (its target was removed, or its sender died during the last allowed attempt). */
export async function markDead(db: Executor, id: number, owner: string, reason: string): Promise<void> {
  await db.execute(sql`update notification_outbox set status = 'dead', last_error = ${reason}, locked_by = null
    where id = ${id} and locked_by = ${owner} and status = 'sending'`);
}

/** Rows claimed by a process of this host that is gone go back to the queue at once. */
export function releaseNotificationClaims(db: Executor, isGone: (owner: string) => boolean): Promise<number> {
  return releaseGoneClaims(db, OUTBOX_QUEUE, isGone);
}

export interface NotificationListItem {
  id: number;
  organization: string;
  event: string;
  events: string[];
  runId: string | null;
  status: NotificationStatus;
  attempts: number;
  /** When the next attempt may start (pending only). */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The most recent notifications, newest first (of one organization, or all). */
export async function listNotifications(
  db: Executor,
  options: { organizationId?: string; status?: NotificationStatus; limit?: number } = {},
): Promise<NotificationListItem[]> {
  const rows = await selectRows<{
    id: string | number;
    slug: string;
    event: string;
    events: string[] | string | null;
    run_id: string | null;
    status: NotificationStatus;
    attempts: number;
    available_at: Date | string;
    last_status: number | null;
    last_error: string | null;
    created_at: Date | string;
    delivered_at: Date | string | null;
  }>(
    db,
    sql`select n.id, o.slug, n.event, n.payload -> 'events' as events, n.run_id, n.status, n.attempts, n.available_at, n.last_status, n.last_error,
          n.created_at, n.delivered_at
        from notification_outbox n join organizations o on o.id = n.organization_id
        where true ${options.organizationId ? sql`and n.organization_id = ${options.organizationId}` : sql``}
          ${options.status ? sql`and n.status = ${options.status}` : sql``}
        order by n.created_at desc, n.id desc
        limit ${options.limit ?? 50}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    organization: r.slug,
    event: r.event,
    events: typeof r.events === 'string' ? (JSON.parse(r.events) as string[]) : (r.events ?? []),
    runId: r.run_id,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.status === 'pending' ? new Date(r.available_at).toISOString() : null,
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
  }));
}

/** Puts dead notifications back in the queue with a fresh set of attempts; returns their ids. */
export async function retryDeadNotifications(db: Executor, which: { id: number } | { allDead: true; organizationId?: string }): Promise<number[]> {
  const filter = 'id' in which ? sql`id = ${which.id}` : which.organizationId ? sql`organization_id = ${which.organizationId}` : sql`true`;
  const rows = await selectRows<{ id: string | number }>(
    db,
    sql`update notification_outbox set status = 'pending', attempts = 0, available_at = now(), last_error = null, last_status = null, locked_by = null
        where status = 'dead' and ${filter} returning id`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export interface OutboxBacklog {
  /** Waiting to be sent (pending, or being sent), all replicas. */
  pending: number;
  dead: number;
}

export async function outboxBacklog(db: Executor): Promise<OutboxBacklog> {
  const [row] = await selectRows<{ pending: string | number; dead: string | number }>(
    db,
    sql`select count(*) filter (where status in ('pending', 'sending')) as pending, count(*) filter (where status = 'dead') as dead
        from notification_outbox where status in ('pending', 'sending', 'dead')`,
  );
  return { pending: Number(row.pending), dead: Number(row.dead) };
}

/** Deletes delivered notifications older than the retention; dead ones stay until retried. */
export async function purgeDelivered(db: Executor, olderThan: Date, batch = 5000): Promise<number> {
  const rows = await selectRows<{ n: string | number }>(
    db,
    sql`with gone as (
          delete from notification_outbox where id in (
            select id from notification_outbox where status = 'delivered' and created_at < ${olderThan.toISOString()} limit ${batch})
          returning 1)
        select count(*) as n from gone`,
  );
  return Number(rows[0].n);
}
