import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import { isDeadLocalOwner } from './process-owner';

/** A sync window whose holder died after taking the connection's lease and before recording its run. */
export interface AbandonedSyncWindow {
  organizationSlug: string;
  /** The window the dead holder had taken (e.g. `first:none`, a cron time). */
  window: string;
  holder: string;
}

interface LeaseRow {
  slug: string;
  holder: string;
  last_window: string;
  expires_at: Date | string;
  latest_run_owner: string | null;
}

/**
 * Sync windows taken and then lost without a trace. A process takes a connection's lease, asks Jamf
 * for its version, and only then records its run: killed in between, it leaves a lease still set
 * (a finished holder clears it) and no run. No retry follows (there is no failed or interrupted run
 * to retry), and every other replica already lost that window's lease to it: the organization would
 * wait for its next window. A lease is abandoned when its holder is a gone process of this host, or
 * when it expired without being released (a live holder renews it); the window counts as lost when
 * the connection's latest full run is not that holder process's (had it recorded one, the retry of
 * interrupted runs takes it up).
 */
export async function findAbandonedSyncWindows(db: Executor, now = new Date()): Promise<AbandonedSyncWindow[]> {
  const rows = await selectRows<LeaseRow>(
    db,
    sql`select o.slug, l.holder, l.last_window, l.expires_at,
               (select r.owner from sync_runs r where r.connection_id = c.id and r.mode = 'full' order by r.started_at desc limit 1) as latest_run_owner
        from job_leases l
        join jamf_connections c on l.name = 'sync:' || c.id::text
        join organizations o on o.id = c.organization_id
        where l.expires_at is not null and l.holder is not null and l.last_window is not null
          -- A sync asked for by a person (manual:…) is theirs to ask again: recovering it would run a full sync they may not have asked for.
          and l.last_window not like 'manual:%'`,
  );
  return rows
    .filter((r) => isDeadLocalOwner(r.holder) || new Date(r.expires_at).getTime() < now.getTime())
    .filter((r) => r.latest_run_owner === null || !r.holder.startsWith(`${r.latest_run_owner}:`))
    .map((r) => ({ organizationSlug: r.slug, window: r.last_window, holder: r.holder }));
}
