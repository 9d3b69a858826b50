import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import { retryDeadRows } from './inbox-store';

/**
 * One organization's webhook inbox as people read it (the API's GET …/webhooks and the
 * dashboard's Webhooks page): how much waits, how old the oldest is, what recent events became,
 * and the dead ones. The worker's own queries stay in inbox-store.ts.
 */

export interface InboxCounts {
  /** Waiting for the worker (pending, or claimed and not finished). */
  pending: number;
  oldestPendingAgeSeconds: number | null;
  dead: number;
  /** Received in the last 24 hours, whatever became of them. */
  receivedLastDay: number;
}

export interface InboxEvent {
  id: number;
  eventName: string;
  status: string;
  outcome: string | null;
  deviceKind: string | null;
  jamfId: string | null;
  serialNumber: string | null;
  deliveries: number;
  attempts: number;
  lastError: string | null;
  runId: string | null;
  receivedAt: string;
  processedAt: string | null;
}

interface EventRow {
  id: string | number;
  event_name: string;
  status: string;
  outcome: string | null;
  device_kind: string | null;
  jamf_id: string | null;
  serial_number: string | null;
  deliveries: number;
  attempts: number;
  last_error: string | null;
  run_id: string | null;
  received_at: Date | string;
  processed_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toEvent(r: EventRow): InboxEvent {
  return {
    id: Number(r.id),
    eventName: r.event_name,
    status: r.status,
    outcome: r.outcome,
    deviceKind: r.device_kind,
    jamfId: r.jamf_id,
    serialNumber: r.serial_number,
    deliveries: Number(r.deliveries),
    attempts: Number(r.attempts),
    lastError: r.last_error,
    runId: r.run_id,
    receivedAt: iso(r.received_at)!,
    processedAt: iso(r.processed_at),
  };
}

export async function inboxCountsOf(db: Executor, organizationId: string, now = new Date()): Promise<InboxCounts> {
  const [row] = await selectRows<{ pending: string | number; oldest: Date | string | null; dead: string | number; last_day: string | number }>(
    db,
    sql`select count(*) filter (where status in ('pending', 'processing')) as pending,
               min(received_at) filter (where status in ('pending', 'processing')) as oldest,
               count(*) filter (where status = 'dead') as dead,
               count(*) filter (where received_at >= ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz) as last_day
        from webhook_inbox where organization_id = ${organizationId}`,
  );
  return {
    pending: Number(row.pending),
    oldestPendingAgeSeconds: row.oldest ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000)) : null,
    dead: Number(row.dead),
    receivedLastDay: Number(row.last_day),
  };
}

const EVENT_COLUMNS = sql`id, event_name, status, outcome, device_kind, jamf_id, serial_number, deliveries, attempts, last_error, run_id, received_at, processed_at`;

/** The newest events first (dead ones included). */
export async function recentInboxEvents(db: Executor, organizationId: string, limit: number): Promise<InboxEvent[]> {
  const rows = await selectRows<EventRow>(
    db,
    sql`select ${EVENT_COLUMNS} from webhook_inbox where organization_id = ${organizationId} order by received_at desc, id desc limit ${limit}`,
  );
  return rows.map(toEvent);
}

/** Dead events, oldest first (the order `jamf-sync webhooks dead` lists them). */
export async function deadInboxEvents(db: Executor, organizationId: string, limit: number): Promise<InboxEvent[]> {
  const rows = await selectRows<EventRow>(
    db,
    sql`select ${EVENT_COLUMNS} from webhook_inbox where organization_id = ${organizationId} and status = 'dead' order by received_at, id limit ${limit}`,
  );
  return rows.map(toEvent);
}

/**
 * Puts one dead event of the organization back in the queue (retryDeadRows, as `webhooks retry`).
 * Answers what it found: an id of another organization is `missing`, as if it did not exist.
 */
export async function retryDeadEventOf(db: Executor, organizationId: string, id: number): Promise<'retried' | 'missing' | { notDead: string }> {
  const [row] = await selectRows<{ status: string }>(db, sql`select status from webhook_inbox where id = ${id} and organization_id = ${organizationId}`);
  if (!row) return 'missing';
  if (row.status !== 'dead') return { notDead: row.status };
  const retried = await retryDeadRows(db, { id });
  return retried.length ? 'retried' : { notDead: 'pending' };
}
