import { sql, type SQL } from 'drizzle-orm';
import { selectRows, type Executor } from './query';

/** The queues that claim rows with `status`, `locked_by`, `attempts` and `available_at`: the webhook inbox and the notification outbox. */
export interface ClaimedQueue {
  table: 'webhook_inbox' | 'notification_outbox';
  /** The status of a claimed row ('processing', 'sending'); the others are 'pending'. */
  claimedStatus: string;
}

/**
 * Claims up to `limit` rows that are due (pending and past their backoff) or whose claim expired
 * (a process that crashed or hung), and answers the `returning` columns of each. FOR UPDATE SKIP
 * LOCKED lets several replicas claim at once without waiting on, or taking, each other's rows.
 * Claiming counts an attempt; the claim lasts `leaseMs` (held in available_at).
 */
export function claimQueueRows<Row>(
  db: Executor,
  queue: ClaimedQueue,
  claim: { owner: string; limit: number; leaseMs: number; now: Date },
  returning: SQL,
): Promise<Row[]> {
  const table = sql.identifier(queue.table);
  const until = new Date(claim.now.getTime() + claim.leaseMs);
  return selectRows<Row>(
    db,
    sql`update ${table} q set status = ${queue.claimedStatus}, locked_by = ${claim.owner}, attempts = q.attempts + 1,
          available_at = ${until.toISOString()}
        from (select id from ${table}
              where status in ('pending', ${queue.claimedStatus}) and available_at <= ${claim.now.toISOString()}
              order by available_at, id
              limit ${claim.limit}
              for update skip locked) picked
        where q.id = picked.id
        returning ${returning}`,
  );
}

/**
 * Rows claimed by a process of this host that no longer exists go back to
 * `pending` at once, so a restart after a crash need not wait for the claim to expire. Returns how many.
 */
export async function releaseGoneClaims(
  db: Executor,
  queue: ClaimedQueue,
  isGone: (owner: string) => boolean,
): Promise<number> {
  const table = sql.identifier(queue.table);
  const owners = await selectRows<{ locked_by: string }>(
    db,
    sql`select distinct locked_by from ${table} where status = ${queue.claimedStatus} and locked_by is not null`,
  );
  let released = 0;
  for (const { locked_by: owner } of owners) {
    if (!isGone(owner)) continue;
    const rows = await selectRows<{ id: string }>(
      db,
      sql`update ${table} set status = 'pending', available_at = now(), locked_by = null
          where status = ${queue.claimedStatus} and locked_by = ${owner} returning id`,
    );
    released += rows.length;
  }
  return released;
}
