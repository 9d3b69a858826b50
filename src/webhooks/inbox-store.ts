import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { claimQueueRows, releaseGoneClaims, type ClaimedQueue } from '../db/queue-claims';

const INBOX_QUEUE: ClaimedQueue = { table: 'webhook_inbox', claimedStatus: 'processing' };
import type { AppDatabase } from '../db/open-database';
import { selectRows, type Executor } from '../db/query';
import { queryPrepared } from '../db/prepared-query';
import type { WebhookEnvelope } from './webhook-envelope';
import type { WebhookFormat } from './parse-webhook-body';

/**
 * Bodies without an eventTimestamp (old Jamf versions) repeat byte for byte for genuinely new
 * events (a device checking in every 15 minutes), so for them a duplicate is only a duplicate
 * within this window. Bodies with the timestamp are unique per event.
 */
export const UNTIMED_DEDUPE_WINDOW_MS = 5 * 60_000;

/**
 * Jamf sends no delivery id, so the dedupe key is a hash of the connection and the raw body (plus
 * a time bucket for bodies without a timestamp, see above).
 */
export function dedupeKeyOf(connectionId: string, rawBody: Buffer, envelope: WebhookEnvelope, now: Date): string {
  const hash = createHash('sha256').update(connectionId).update('\n').update(rawBody);
  if (!envelope.eventTimestamp) hash.update(`\nwindow:${Math.floor(now.getTime() / UNTIMED_DEDUPE_WINDOW_MS)}`);
  return hash.digest('hex');
}

export interface StoredWebhook {
  id: number;
  duplicate: boolean;
  /** pending when the worker has something to do. */
  status: string;
}

export interface WebhookToStore {
  organizationId: string;
  connectionId: string;
  dedupeKey: string;
  envelope: WebhookEnvelope;
  format: WebhookFormat;
  payload: unknown;
}

/**
 * One parameter whatever the group's size, so the text never changes and PostgreSQL keeps the
 * statement prepared (this runs for every webhook received).
 */
const STORE_WEBHOOKS_SQL = `
  insert into webhook_inbox (organization_id, connection_id, dedupe_key, event_name, status, outcome, device_kind, jamf_id,
    serial_number, event_timestamp, content_type, payload, processed_at, deliveries)
  select organization_id, connection_id, dedupe_key, event_name, status, outcome, device_kind, jamf_id,
    serial_number, event_timestamp, content_type, payload, case when status = 'pending' then null else now() end, deliveries
  from jsonb_to_recordset($1::jsonb) as x(organization_id uuid, connection_id uuid, dedupe_key text, event_name text,
    status text, outcome text, device_kind text, jamf_id text, serial_number text, event_timestamp timestamptz,
    content_type text, payload jsonb, deliveries int)
  on conflict (dedupe_key) do update set deliveries = webhook_inbox.deliveries + excluded.deliveries
  returning id, dedupe_key, (xmax = 0) as inserted, status`;

/**
 * Stores webhooks durably (before Jamf gets its answer), several in one statement (the receiver's
 * group commit), answering for each in order. A body seen before is not stored twice: its row
 * counts one more delivery and its id comes back with `duplicate: true`; of copies in one group,
 * the first is the original.
 */
export async function storeWebhooks(db: AppDatabase, inputs: readonly WebhookToStore[]): Promise<StoredWebhook[]> {
  if (!inputs.length) return [];
  // ON CONFLICT cannot touch one row twice in a statement: one value row per dedupe key.
  const groups = new Map<string, { input: WebhookToStore; copies: number }>();
  for (const input of inputs) {
    const group = groups.get(input.dedupeKey);
    if (group) group.copies++;
    else groups.set(input.dedupeKey, { input, copies: 1 });
  }
  const values = [...groups.values()].map(({ input, copies }) => {
    const { envelope } = input;
    const action = envelope.action.action;
    return {
      organization_id: input.organizationId,
      connection_id: input.connectionId,
      dedupe_key: input.dedupeKey,
      event_name: envelope.eventName,
      status: action === 'refresh' ? 'pending' : action === 'record' ? 'done' : 'ignored',
      outcome: action === 'refresh' ? null : action === 'record' ? 'no_device_work' : 'unknown_event',
      device_kind: envelope.device?.kind ?? null,
      jamf_id: envelope.device?.jamfId ?? null,
      serial_number: envelope.device?.serialNumber ?? null,
      event_timestamp: envelope.eventTimestamp?.toISOString() ?? null,
      content_type: input.format,
      payload: input.payload,
      deliveries: copies,
    };
  });
  const rows = await queryPrepared<{ id: string | number; dedupe_key: string; inserted: boolean; status: string }>(
    db,
    'webhook_inbox_store',
    STORE_WEBHOOKS_SQL,
    [JSON.stringify(values)],
  );
  const byKey = new Map(rows.map((r) => [r.dedupe_key, r]));
  const answered = new Set<string>();
  return inputs.map((input) => {
    const row = byKey.get(input.dedupeKey)!;
    const first = !answered.has(input.dedupeKey);
    answered.add(input.dedupeKey);
    return { id: Number(row.id), duplicate: !(first && row.inserted), status: row.status };
  });
}

export interface ClaimedRow {
  id: number;
  organizationId: string;
  connectionId: string;
  eventName: string;
  deviceKind: 'computer' | 'mobile' | null;
  jamfId: string | null;
  attempts: number;
  receivedAt: Date;
}

/** Claims up to `limit` due webhooks, or ones whose claim expired (db/queue-claims.ts). */
export async function claimRows(db: Executor, claim: { owner: string; limit: number; leaseMs: number; now: Date }): Promise<ClaimedRow[]> {
  const rows = await claimQueueRows<{
    id: string | number;
    organization_id: string;
    connection_id: string;
    event_name: string;
    device_kind: 'computer' | 'mobile' | null;
    jamf_id: string | null;
    attempts: number;
    received_at: string | Date;
  }>(db, INBOX_QUEUE, claim, sql`q.id, q.organization_id, q.connection_id, q.event_name, q.device_kind, q.jamf_id, q.attempts, q.received_at`);
  return rows
    .map((r) => ({
      id: Number(r.id),
      organizationId: r.organization_id,
      connectionId: r.connection_id,
      eventName: r.event_name,
      deviceKind: r.device_kind,
      jamfId: r.jamf_id,
      attempts: Number(r.attempts),
      receivedAt: new Date(r.received_at),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Extends the lease of rows still held by `owner` (a batch that takes long). */
export async function renewClaims(db: Executor, ids: readonly number[], owner: string, leaseMs: number, now: Date): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update webhook_inbox set available_at = ${new Date(now.getTime() + leaseMs).toISOString()}
    where id = any(${idArray(ids)}::bigint[]) and locked_by = ${owner} and status = 'processing'`);
}

/**
 * Finishes rows held by `owner`. A row whose lease was lost to another worker is left to it (the
 * refresh is idempotent, so doing it twice is harmless; overwriting its result is not).
 */
export async function markDone(
  db: Executor,
  ids: readonly number[],
  owner: string,
  result: { outcome: string; runId: string | null; now: Date; note?: string | null },
): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update webhook_inbox set status = 'done', outcome = ${result.outcome}, run_id = ${result.runId},
      processed_at = ${result.now.toISOString()}, locked_by = null, last_error = ${result.note ?? null}
    where id = any(${idArray(ids)}::bigint[]) and locked_by = ${owner} and status = 'processing'`);
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Records a failed attempt: the row waits base·2^(attempts−1) (capped, ±20 % jitter so rows that
 * failed together do not all come back together), or goes dead after maxAttempts.
 */
export async function markFailed(
  db: Executor,
  ids: readonly number[],
  owner: string,
  failure: { error: string; policy: RetryPolicy; now: Date },
): Promise<void> {
  if (!ids.length) return;
  const { policy } = failure;
  await db.execute(sql`update webhook_inbox set
      status = case when attempts >= ${policy.maxAttempts} then 'dead' else 'pending' end,
      outcome = case when attempts >= ${policy.maxAttempts} then 'failed' else null end,
      processed_at = case when attempts >= ${policy.maxAttempts} then ${failure.now.toISOString()}::timestamptz else null end,
      available_at = ${failure.now.toISOString()}::timestamptz
        + least(${policy.maxDelayMs}::float8, ${policy.baseDelayMs}::float8 * power(2, greatest(attempts - 1, 0)))
          * (0.8 + random() * 0.4) * interval '1 millisecond',
      last_error = ${failure.error.slice(0, 2000)},
      locked_by = null
    where id = any(${idArray(ids)}::bigint[]) and locked_by = ${owner} and status = 'processing'`);
}

/** Rows reclaimed after their last allowed attempt crashed: dead without another try. */
export async function markDead(db: Executor, ids: readonly number[], owner: string, reason: string, now: Date): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update webhook_inbox set status = 'dead', outcome = 'failed', processed_at = ${now.toISOString()},
      last_error = ${reason}, locked_by = null
    where id = any(${idArray(ids)}::bigint[]) and locked_by = ${owner} and status = 'processing'`);
}

/** Rows claimed by a process on this host that no longer exists are released at once (db/queue-claims.ts). */
export function releaseClaimsOf(db: Executor, isGone: (owner: string) => boolean): Promise<number> {
  return releaseGoneClaims(db, INBOX_QUEUE, isGone);
}

export interface DeadRow {
  id: number;
  organization: string;
  eventName: string;
  deviceKind: string | null;
  jamfId: string | null;
  serialNumber: string | null;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
}

interface DeadRowRow {
  /** bigserial: text on node-postgres. */
  id: string | number;
  slug: string;
  event_name: string;
  device_kind: string | null;
  jamf_id: string | null;
  serial_number: string | null;
  attempts: number;
  last_error: string | null;
  received_at: Date | string;
}

export async function listDeadRows(db: Executor, options: { organizationSlug?: string; limit?: number } = {}): Promise<DeadRow[]> {
  const rows = await selectRows<DeadRowRow>(
    db,
    sql`select w.id, o.slug, w.event_name, w.device_kind, w.jamf_id, w.serial_number, w.attempts, w.last_error, w.received_at
        from webhook_inbox w join organizations o on o.id = w.organization_id
        where w.status = 'dead' ${options.organizationSlug ? sql`and o.slug = ${options.organizationSlug}` : sql``}
        order by w.received_at, w.id
        limit ${options.limit ?? 100}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    organization: r.slug,
    eventName: r.event_name,
    deviceKind: r.device_kind,
    jamfId: r.jamf_id,
    serialNumber: r.serial_number,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}

/** Puts dead rows back in the queue with a fresh set of attempts. Returns the ids re-queued. */
export async function retryDeadRows(db: Executor, which: { id: number } | { allDead: true; organizationSlug?: string }): Promise<number[]> {
  const filter =
    'id' in which
      ? sql`id = ${which.id}`
      : which.organizationSlug
        ? sql`organization_id = (select id from organizations where slug = ${which.organizationSlug})`
        : sql`true`;
  const rows = await selectRows<{ id: string | number }>(
    db,
    sql`update webhook_inbox set status = 'pending', outcome = null, attempts = 0, available_at = now(), last_error = null,
          processed_at = null, locked_by = null
        where status = 'dead' and ${filter} returning id`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export async function inboxRowStatus(db: Executor, id: number): Promise<string | null> {
  const rows = await selectRows<{ status: string }>(db, sql`select status from webhook_inbox where id = ${id}`);
  return rows[0]?.status ?? null;
}

export interface InboxBacklog {
  /** Rows waiting for the worker (pending, or claimed and not finished). */
  pending: number;
  /** Age in seconds of the oldest of them; null when there are none. */
  oldestPendingAgeSeconds: number | null;
  dead: number;
}

export async function inboxBacklog(db: Executor, now = new Date()): Promise<InboxBacklog> {
  const [open] = await selectRows<{ n: string | number; oldest: string | Date | null }>(
    db,
    sql`select count(*) as n, min(received_at) as oldest from webhook_inbox where status in ('pending', 'processing')`,
  );
  const [dead] = await selectRows<{ n: string | number }>(db, sql`select count(*) as n from webhook_inbox where status = 'dead'`);
  return {
    pending: Number(open.n),
    oldestPendingAgeSeconds: open.oldest ? Math.max(0, Math.round((now.getTime() - new Date(open.oldest).getTime()) / 1000)) : null,
    dead: Number(dead.n),
  };
}

/** Deletes finished rows older than the retention (done and ignored; dead rows stay until retried). */
export async function purgeFinishedRows(db: Executor, olderThan: Date, batch = 5000): Promise<number> {
  const rows = await selectRows<{ n: string | number }>(
    db,
    sql`with gone as (
          delete from webhook_inbox where id in (
            select id from webhook_inbox where received_at < ${olderThan.toISOString()} and status in ('done', 'ignored') limit ${batch})
          returning 1)
        select count(*) as n from gone`,
  );
  return Number(rows[0].n);
}

/** VACUUM ANALYZE of the inbox (outside any transaction; cheap on a table this size). */
export async function vacuumInbox(db: Executor): Promise<void> {
  await db.execute(sql`vacuum (analyze) webhook_inbox`);
}

function idArray(ids: readonly number[]): string {
  return `{${ids.map((id) => String(Math.trunc(id))).join(',')}}`;
}
