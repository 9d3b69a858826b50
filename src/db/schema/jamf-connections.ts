import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import type { DeviceScope } from '../../scope/device-scope';

/**
 * Extension-attribute name → the asset field it fills: "field" (the attribute wins) or "field:jamf" /
 * "field:derived" (the attribute fills in only where Jamf or derivation has nothing); validated when
 * set (catalog/ea-mapping/).
 */
export type ExtensionAttributeMapping = Record<string, string>;

/** A webhook credential, stored hashed; at most two are active so they can be rotated. */
export type WebhookCredential =
  | { kind: 'basic'; usernameHash: string; passwordHash: string; salt: string; createdAt: string }
  | { kind: 'header'; headerName: string; valueHash: string; salt: string; createdAt: string };

/** One Jamf Pro tenant connected to one organization (R20). */
export const jamfConnections = pgTable('jamf_connections', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid('organization_id')
    .notNull()
    .unique()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  baseUrl: text('base_url').notNull(),
  authKind: text('auth_kind', { enum: ['client', 'user'] }).notNull(),
  /** API client id, or the user name for user-account auth. */
  authId: text('auth_id').notNull(),
  /**
   * Client secret or password, AES-256-GCM ciphertext (see crypto/secret-box.ts). Null for the
   * connection set up from the environment, whose secret stays in the environment.
   */
  authSecretCiphertext: text('auth_secret_ciphertext'),
  authSecretKeyId: text('auth_secret_key_id'),
  scheduleCron: text('schedule_cron').notNull().default('0 2 * * *'),
  timeZone: text('time_zone').notNull().default('UTC'),
  pageSize: integer('page_size').notNull().default(200),
  maxConcurrency: integer('max_concurrency').notNull().default(5),
  /** PEM file of a private CA this connection's Jamf Pro certificate comes from (else JAMF_CA_FILE, if set). */
  caFile: text('ca_file'),
  extensionAttributeMapping: jsonb('extension_attribute_mapping').$type<ExtensionAttributeMapping>().notNull().default({}),
  employeePolicy: text('employee_policy', { enum: ['create', 'hold'] }).notNull().default('create'),
  /** Usernames or emails (shared, service, admin accounts) that never become assignees or employees (R11). */
  ignoreList: jsonb('ignore_list').$type<string[]>().notNull().default(['admin', 'administrator', 'jamfadmin', 'root']),
  /** R9: name a Jamf user who has an email but no name from a first.last@ address (off: such users get no employee). */
  deriveNamesFromEmail: boolean('derive_names_from_email').notNull().default(false),
  fetchFileVaultKeys: boolean('fetch_filevault_keys').notNull().default(false),
  /** R14: a complete run that would mark more than this share of the fleet removed marks none and fails. */
  removalThreshold: real('removal_threshold').notNull().default(0.1),
  /** Which of the tenant's devices this connection syncs (src/scope/); {} is every device. */
  deviceScope: jsonb('device_scope').$type<DeviceScope>().notNull().default({}),
  webhookCredentials: jsonb('webhook_credentials').$type<WebhookCredential[]>().notNull().default([]),
  enabled: boolean('enabled').notNull().default(true),
  /** Scheduled starts spread over this many minutes after the cron time; null: SYNC_SPREAD_MINUTES. */
  spreadMinutes: integer('spread_minutes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
