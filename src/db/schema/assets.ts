import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { employees } from './employees';

export const ASSET_STATUSES = ['allocated', 'available', 'in_transit', 'in_repair', 'retired'] as const;
export const ASSET_CONDITIONS = ['new', 'good', 'fair', 'poor', 'damaged'] as const;
export const ASSET_TYPES = ['laptop', 'desktop', 'mobile', 'tablet', 'tv', 'watch', 'headset', 'unknown'] as const;

/**
 * An asset of the inventory. The serial number is the key (unique per organization). Jamf owns the
 * hardware facts (R5); the inventory owns assignee, location, status and condition (R6).
 * Security facts live in asset_secure_fields, which customer-facing reads never select (R12).
 */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    serialNumber: text('serial_number').notNull(),
    assetType: text('asset_type', { enum: ASSET_TYPES }).notNull(),
    // Inventory-owned (R6).
    status: text('status', { enum: ASSET_STATUSES }).notNull(),
    condition: text('condition', { enum: ASSET_CONDITIONS }),
    location: text('location'),
    assigneeEmployeeId: uuid('assignee_employee_id').references(() => employees.id, { onDelete: 'set null' }),
    // Jamf-owned (R5).
    make: text('make'),
    model: text('model'),
    modelIdentifier: text('model_identifier'),
    modelNumber: text('model_number'),
    displaySizeInches: real('display_size_inches'),
    releaseDate: text('release_date'),
    color: text('color'),
    keyboardLanguage: text('keyboard_language'),
    imei: text('imei'),
    memoryMb: integer('memory_mb'),
    processor: text('processor'),
    processorFrequencyMhz: integer('processor_frequency_mhz'),
    storageMb: bigint('storage_mb', { mode: 'number' }),
    storageType: text('storage_type'),
    operatingSystem: text('operating_system'),
    jamfId: text('jamf_id'),
    // Jamf bookkeeping.
    jamfKind: text('jamf_kind', { enum: ['computer', 'mobile'] }),
    jamfPresence: text('jamf_presence', { enum: ['present', 'removed'] }),
    jamfRemovedAt: timestamp('jamf_removed_at', { withTimezone: true }),
    /**
     * When a complete run found the device still in Jamf but outside the connection's scope (not
     * removed: R14 does not apply); cleared when a run sees it in scope again.
     */
    outOfScopeAt: timestamp('out_of_scope_at', { withTimezone: true }),
    /** Jamf's last inventory report for the record applied; never rolled back by older data (R13, webhooks). */
    jamfReportDate: timestamp('jamf_report_date', { withTimezone: true }),
    jamfManaged: boolean('jamf_managed'),
    source: text('source', { enum: ['jamf', 'import', 'manual'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assets_org_serial_uq').on(t.organizationId, t.serialNumber),
    index('assets_org_jamf_id_idx').on(t.organizationId, t.jamfKind, t.jamfId),
    // Few assets are out of scope: this lets every run ask "any to bring back?" without a scan.
    index('assets_org_out_of_scope_idx').on(t.organizationId).where(sql`out_of_scope_at is not null`),
    // An employee's assets: the API's asset counts and employee detail, and an employee's removal (set null).
    index('assets_assignee_idx').on(t.assigneeEmployeeId),
  ],
);

/**
 * R12: ops-only facts, never read by customer-facing code. Only the recovery key is encrypted
 * (AES-256-GCM ciphertext under a key id); the lock flags and the AppleCare ID are plaintext,
 * withheld rather than encrypted (README, Secure fields and secrets at rest).
 */
export const assetSecureFields = pgTable('asset_secure_fields', {
  assetId: uuid('asset_id')
    .primaryKey()
    .references(() => assets.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  recoveryKeyCiphertext: text('recovery_key_ciphertext'),
  recoveryKeyKeyId: text('recovery_key_key_id'),
  /**
   * `hmac-sha256:<key id>:<hex>` of the plaintext key (src/crypto/recovery-key-fingerprint.ts), so an
   * unchanged key is not re-written (R18) without decrypting; a bare SHA-256 from older releases is
   * recomputed at start (upgradeRecoveryKeyFingerprints).
   */
  recoveryKeyFingerprint: text('recovery_key_fingerprint'),
  activationLockEnabled: boolean('activation_lock_enabled'),
  recoveryLockEnabled: boolean('recovery_lock_enabled'),
  appleCareId: text('apple_care_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every read of a recovery key, by whom and why (R12). */
export const secureFieldReads = pgTable('secure_field_reads', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid('organization_id').notNull(),
  assetId: uuid('asset_id'),
  actor: text('actor').notNull(),
  field: text('field').notNull(),
  reason: text('reason'),
  readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
});
