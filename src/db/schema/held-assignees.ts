import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { employees } from './employees';
import { assets } from './assets';

export const REVIEW_DECISIONS = ['approved', 'linked', 'ignored'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * The review queue (R23): a Jamf user the sync held under `employee_policy=hold` because an
 * employee of the same name exists (R10), waiting for an admin. Pending while `decision` is null;
 * a decided row stays as the record of who decided what and when. At most one pending row per
 * address (a later sync that holds it again adds its devices there).
 */
export const heldAssignees = pgTable(
  'held_assignees',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** As Jamf has it; compared as normalizeEmail keys it. */
    email: text('email').notNull(),
    normalizedEmail: text('normalized_email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Emails of the employees of the same name when it was last held. */
    resembles: jsonb('resembles').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    decision: text('decision', { enum: REVIEW_DECISIONS }),
    /** The token that decided: 'API_TOKEN' or a stored token's display prefix (never the token). */
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The employee approved (created) or linked to. */
    employeeId: uuid('employee_id').references(() => employees.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('held_assignees_pending_uq').on(t.organizationId, t.normalizedEmail).where(sql`decision is null`),
    index('held_assignees_org_idx').on(t.organizationId, t.decision),
  ],
);

/** The devices (assets, created without an assignee) each held assignee was held on. */
export const heldAssigneeAssets = pgTable(
  'held_assignee_assets',
  {
    heldAssigneeId: uuid('held_assignee_id')
      .notNull()
      .references(() => heldAssignees.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** What the decision did to it: assigned, or kept (the inventory had set an assignee meanwhile, R6). Null while pending or ignored. */
    outcome: text('outcome', { enum: ['assigned', 'kept_assignee'] }),
  },
  (t) => [primaryKey({ columns: [t.heldAssigneeId, t.assetId] })],
);
