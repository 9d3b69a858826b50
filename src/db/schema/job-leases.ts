import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per scheduled job (e.g. "nightly:<connection id>"). node-cron fires on every replica; the
 * replica that takes the lease for a window runs it, the others see the window taken. A crashed
 * holder's lease expires.
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** The schedule window last claimed (its fire time, ISO), so each window runs once. */
  lastWindow: text('last_window'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
