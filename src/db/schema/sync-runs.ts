import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { jamfConnections } from './jamf-connections';
import { assets } from './assets';
import type { DeviceScope } from '../../scope/device-scope';

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'partial', 'interrupted'] as const;

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Record<string, number>;
  employeesCreated: number;
  employeesLinked: number;
  removed: number;
  warnings: number;
  errors: number;
  /** FileVault recovery keys stored or replaced (R12); only when the connection fetches them. */
  recoveryKeysStored?: number;
  /** Assets a complete run found outside the connection's scope for the first time (not removed). */
  outOfScope?: number;
  /** Assets marked out of scope that this run saw in scope again. */
  backInScope?: number;
}

/** R17: every run (scheduled, webhook, manual) has an id and a report. Dry runs write nothing. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => jamfConnections.id, { onDelete: 'set null' }),
    trigger: text('trigger', { enum: ['scheduled', 'manual', 'webhook'] }).notNull(),
    mode: text('mode', { enum: ['full', 'device', 'serial', 'computers', 'mobiles'] }).notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When a scheduled run was due: its cron time plus the connection's spread offset (or when a
     * first sync or retry was queued). started_at minus due_at is how long it waited for a free
     * slot. Null for manual and webhook runs.
     */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** The connection's device scope the run read ({} every device); null for runs older than scopes. */
    deviceScope: jsonb('device_scope').$type<DeviceScope>(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Which process runs it (host:pid), to mark it interrupted when that process is gone. */
    owner: text('owner').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    counts: jsonb('counts').$type<RunCounts>().notNull(),
    failureReason: text('failure_reason'),
    /** Stable code of why the run failed or was interrupted (src/runs/run-failure.ts); null when it did not. */
    errorCode: text('error_code'),
  },
  (t) => [
    index('sync_runs_org_started_idx').on(t.organizationId, t.startedAt),
    // Every replica looks for runs left "running" by a lost process every few seconds: without it,
    // a scan of every run ever made (nightly and webhook, all organizations).
    index('sync_runs_running_idx').on(t.status).where(sql`status = 'running'`),
  ],
);

/** Per-device warnings and errors of a run, with serial and Jamf id (R17, R19). */
export const syncRunEvents = pgTable(
  'sync_run_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    severity: text('severity', { enum: ['warning', 'error'] }).notNull(),
    code: text('code').notNull(),
    serialNumber: text('serial_number'),
    jamfId: text('jamf_id'),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sync_run_events_run_idx').on(t.runId)],
);

/** Field-level change log (R17). A creation is one row with field "(created)". */
export const assetChanges = pgTable(
  'asset_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => syncRuns.id, { onDelete: 'set null' }),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('asset_changes_asset_idx').on(t.assetId), index('asset_changes_run_idx').on(t.runId)],
);
