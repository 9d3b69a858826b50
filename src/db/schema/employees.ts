import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Lower-case "first last" with whitespace collapsed, in the order given: the order exports list employees in. */
    normalizedName: text('normalized_name').notNull(),
    /**
     * personNameKey (accents, case, punctuation and word order folded): R10 compares names on this.
     * Null only for rows stored before migration 0003, until migrate.ts fills them right after it.
     */
    nameKey: text('name_key'),
    source: text('source', { enum: ['jamf', 'import', 'manual'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employees_org_name_idx').on(t.organizationId, t.normalizedName), index('employees_org_name_key_idx').on(t.organizationId, t.nameKey)],
);

/**
 * An employee can have several emails; each is unique per organization, compared as normalizeEmail
 * keys them (trimmed, case-insensitive, without a plus-address tag).
 */
export const employeeEmails = pgTable(
  'employee_emails',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    normalizedEmail: text('normalized_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('employee_emails_org_email_uq').on(t.organizationId, t.normalizedEmail),
    index('employee_emails_employee_idx').on(t.employeeId),
  ],
);
