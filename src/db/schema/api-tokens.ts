import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * API tokens (`jamf-sync tokens create`): only the SHA-256 of each token is stored, with a short
 * display prefix to tell tokens apart. reader and admin tokens belong to one organization (deleted
 * with it); ops tokens to none.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    role: text('role').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    index('api_tokens_prefix_idx').on(t.prefix),
    check('api_tokens_role_check', sql`${t.role} in ('reader', 'admin', 'ops')`),
    // ops spans every organization; reader and admin are bound to exactly one.
    check('api_tokens_role_organization_check', sql`(${t.role} = 'ops') = (${t.organizationId} is null)`),
  ],
);
