import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { jamfConnections } from './jamf-connections';
import { syncRuns } from './sync-runs';

export const INBOX_STATUSES = ['pending', 'processing', 'done', 'dead', 'ignored'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * The durable webhook inbox: a webhook is stored here before Jamf gets its 202, and the worker
 * drains it (several replicas share it through FOR UPDATE SKIP LOCKED). Rows are kept after
 * processing, so a redelivered body is recognised and the history stays visible.
 */
export const webhookInbox = pgTable(
  'webhook_inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jamfConnections.id, { onDelete: 'cascade' }),
    /**
     * Jamf sends no delivery id, so a redelivery is recognised by a hash of the connection and the
     * raw body (the body carries the event's millisecond timestamp in current Jamf versions).
     */
    dedupeKey: text('dedupe_key').notNull(),
    eventName: text('event_name').notNull(),
    /** pending → processing → done | dead; events with no device work are stored done or ignored. */
    status: text('status', { enum: INBOX_STATUSES }).notNull(),
    /** What processing concluded: refreshed, not_found_in_jamf, no_device_work, unknown_event, … */
    outcome: text('outcome'),
    deviceKind: text('device_kind', { enum: ['computer', 'mobile'] }),
    jamfId: text('jamf_id'),
    /** From the webhook's summary, for people reading the inbox; never used as inventory. */
    serialNumber: text('serial_number'),
    /** webhook.eventTimestamp (epoch ms on the wire); missing in old Jamf versions. */
    eventTimestamp: timestamp('event_timestamp', { withTimezone: true }),
    contentType: text('content_type', { enum: ['json', 'xml'] }).notNull(),
    /** The body as parsed (JSON, or the XML as a JSON tree). */
    payload: jsonb('payload').notNull(),
    /** Deliveries of this exact body (Jamf has no documented retries, but proxies and people resend). */
    deliveries: integer('deliveries').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    /** pending: when the row may be claimed (retry backoff); processing: when its lease expires. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    /** The worker holding the lease (host:pid:instance). */
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_inbox_dedupe_key_idx').on(t.dedupeKey),
    // The claim query: rows ready to run, or whose lease expired.
    index('webhook_inbox_ready_idx').on(t.availableAt).where(sql`status in ('pending', 'processing')`),
    // Backlog and oldest pending event for /readyz; dead rows for the CLI.
    index('webhook_inbox_open_received_idx').on(t.receivedAt).where(sql`status in ('pending', 'processing')`),
    index('webhook_inbox_dead_idx').on(t.receivedAt).where(sql`status = 'dead'`),
    // Retention purge of finished rows; cascading deletes of a connection.
    index('webhook_inbox_received_idx').on(t.receivedAt),
    index('webhook_inbox_connection_idx').on(t.connectionId),
  ],
);
