import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { inboxBacklog, type InboxBacklog } from '../webhooks/inbox-store';

/** The nightly safety net's health for one organization with an enabled connection. */
export interface OrganizationSyncHealth {
  organization: string;
  /** When its last successful (or partial) full sync finished, epoch seconds; null if none ever did. */
  lastSuccessSeconds: number | null;
  /** When its connection was added, epoch seconds: the alert's baseline before a first success. */
  connectedSeconds: number;
  /** Full syncs that failed since the last successful or partial one (all of them if none). */
  consecutiveFailures: number;
}

/**
 * Read at each scrape, so every replica reports the same truth about shared state.
 *
 * Only full runs count: a webhook's device run succeeds every few minutes in a busy fleet and
 * would hide a nightly reconcile that has been failing for days, which is what these gauges are
 * for (the webhook pipeline has its own inbox gauges). `partial` is a success (the run completed;
 * a few devices had errors, listed in its report). `interrupted` neither counts as a failure nor
 * resets the count: it is what a deploy or a restart during the run leaves, and a run interrupted
 * every night still trips the no-success alert. `running` is not finished, so it does neither.
 */
export async function readSyncHealth(db: AppDatabase): Promise<OrganizationSyncHealth[]> {
  const rows = await selectRows<{ slug: string; connected: unknown; last_success: unknown; failures: unknown }>(
    db,
    sql`select o.slug,
               extract(epoch from c.created_at) as connected,
               extract(epoch from ok.finished_at) as last_success,
               (select count(*) from sync_runs f
                 where f.organization_id = c.organization_id and f.mode = 'full' and f.status = 'failed'
                   and (ok.started_at is null or f.started_at > ok.started_at)) as failures
        from jamf_connections c
        join organizations o on o.id = c.organization_id
        left join lateral (
          select started_at, finished_at from sync_runs
          where organization_id = c.organization_id and mode = 'full' and status in ('succeeded', 'partial')
          order by started_at desc limit 1) ok on true
        where c.enabled
        order by o.slug`,
  );
  return rows.map((r) => ({
    organization: r.slug,
    lastSuccessSeconds: r.last_success === null || r.last_success === undefined ? null : Number(r.last_success),
    connectedSeconds: Number(r.connected),
    consecutiveFailures: Number(r.failures),
  }));
}

/** The shared webhook inbox: open rows (pending or being processed), the oldest one's age, dead rows. */
export function readInboxState(db: AppDatabase): Promise<InboxBacklog> {
  return inboxBacklog(db);
}
