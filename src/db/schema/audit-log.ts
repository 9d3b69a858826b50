import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what that must be answerable later: reading an asset's secure fields (R12), deleting an
 * organization that still held assets. Written before the action answers. Keeps the organization's
 * slug as text, not a reference: the trail outlives the organization it names.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The token: 'API_TOKEN', or a stored token's display prefix (never the token). */
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    /** e.g. secure_fields.read, organization.delete_forced */
    action: text('action').notNull(),
    organizationSlug: text('organization_slug'),
    /** What the action was on: an asset's serial number, an organization's slug. */
    target: text('target'),
    /** Which fields were read or changed. */
    fields: jsonb('fields').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    reason: text('reason'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_org_at_idx').on(t.organizationSlug, t.at)],
);
