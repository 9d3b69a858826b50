import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from './query';

/**
 * The queues that claim rows with `status`, `locked_by` and `available_at` (the webhook inbox, the
 * notification outbox): rows claimed by a process of this host that no longer exists go back to
 * `pending` at once, so a restart after a crash need not wait for the claim to expire. Returns how many.
 */
export async function releaseGoneClaims(
  db: Executor,
  queue: { table: 'webhook_inbox' | 'notification_outbox'; claimedStatus: string },
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
