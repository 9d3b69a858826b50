import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { jamfConnections } from './jamf-connections';
import { syncRuns } from './sync-runs';

export const NOTIFY_FORMATS = ['json', 'slack'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

/**
 * Where a connection's run summaries go (at most one target per connection). A table of its own
 * rather than columns of jamf_connections: it has its own secret and its own life (set, cleared,
 * rotated) and most connections have none.
 */
export const notificationTargets = pgTable('notification_targets', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => jamfConnections.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  format: text('format', { enum: NOTIFY_FORMATS }).notNull().default('json'),
  /**
   * The HMAC signing secret, AES-256-GCM ciphertext (crypto/secret-box.ts). Null for the target set
   * from the environment (NOTIFY_URL), whose secret stays in the environment (NOTIFY_SECRET).
   */
  secretCiphertext: text('secret_ciphertext'),
  secretKeyId: text('secret_key_id'),
  secretCreatedAt: timestamp('secret_created_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The notification outbox: one row per run worth telling (written where the run is finished),
 * delivered by the worker in `serve` (several replicas share it through FOR UPDATE SKIP LOCKED and
 * a lease), retried with backoff, dead after too many attempts. The webhook inbox in reverse.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jamfConnections.id, { onDelete: 'cascade' }),
    /** The run summarized; one notification per run (the unique index), never one per device. */
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    /** The most important of the run's events (run.failed, removal_guard.tripped, ...): the X-Jamf-Sync-Event header. */
    event: text('event').notNull(),
    /** The summary as sent in the JSON format, without the delivery id (notification-body.ts). */
    payload: jsonb('payload').notNull(),
    /** pending → sending → delivered | dead. */
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** pending: when the next attempt may start (backoff); sending: when the sender's lease expires. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    /** The sender holding the lease (host:pid:instance). */
    lockedBy: text('locked_by'),
    /** HTTP status of the last attempt (null: no answer, e.g. refused or timed out). */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_outbox_run_idx').on(t.runId),
    // The claim query: rows due, or whose lease expired.
    index('notification_outbox_ready_idx').on(t.availableAt).where(sql`status in ('pending', 'sending')`),
    // The API's recent deliveries of one organization.
    index('notification_outbox_organization_idx').on(t.organizationId, t.createdAt),
    index('notification_outbox_connection_idx').on(t.connectionId),
  ],
);
