import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { inboxBacklog, type InboxBacklog } from './inbox-store';

export interface LastRun {
  organization: string;
  runId: string | null;
  trigger: string | null;
  mode: string | null;
  status: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The run columns are null when the connection never ran (left join). */
interface LastRunRow {
  slug: string;
  id: string | null;
  trigger: string | null;
  mode: string | null;
  status: string | null;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

/** The latest run of each connection (null fields when it never ran), for /readyz. */
async function lastRunPerConnection(db: AppDatabase): Promise<LastRun[]> {
  const rows = await selectRows<LastRunRow>(
    db,
    sql`select o.slug, r.id, r.trigger, r.mode, r.status, r.started_at, r.finished_at
        from jamf_connections c
        join organizations o on o.id = c.organization_id
        left join lateral (
          select id, trigger, mode, status, started_at, finished_at from sync_runs
          where organization_id = c.organization_id order by started_at desc limit 1) r on true
        order by o.slug`,
  );
  const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
  return rows.map((r) => ({
    organization: r.slug,
    runId: r.id ?? null,
    trigger: r.trigger ?? null,
    mode: r.mode ?? null,
    status: r.status ?? null,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  }));
}

/** What /readyz adds for the webhook pipeline: backlog, oldest pending event, last runs. */
export async function webhookReadinessDetails(db: AppDatabase): Promise<{ webhookInbox: InboxBacklog; lastRuns: LastRun[] }> {
  const [webhookInbox, lastRuns] = [await inboxBacklog(db), await lastRunPerConnection(db)];
  return { webhookInbox, lastRuns };
}
