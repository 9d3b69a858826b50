import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { isUuid } from '../db/query';
import { jamfConnections, organizations, type ExtensionAttributeMapping } from '../db/schema';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import type { SyncTarget } from './sync-target';
import type { DeviceScope } from '../scope/device-scope';
import { AppError } from '../errors/app-error';
import { ORGANIZATION_SLUG, ensureOrganization, type OrganizationRow } from '../organizations/organization-store';

// Where they were first defined; many modules still import them from here.
export { DEFAULT_ORGANIZATION_SLUG, ensureOrganization, type OrganizationRow } from '../organizations/organization-store';

export type ConnectionRow = typeof jamfConnections.$inferSelect;

export interface ConnectionSettings {
  baseUrl: string;
  auth: { kind: 'client'; clientId: string; clientSecret: string } | { kind: 'user'; username: string; password: string };
  scheduleCron?: string;
  timeZone?: string;
  pageSize?: number;
  maxConcurrency?: number;
  /** PEM file of the private CA that issued this Jamf Pro's certificate. */
  caFile?: string;
  extensionAttributeMapping?: ExtensionAttributeMapping;
  employeePolicy?: 'create' | 'hold';
  ignoreList?: string[];
  deriveNamesFromEmail?: boolean;
  fetchFileVaultKeys?: boolean;
  removalThreshold?: number;
  /** Which devices the connection syncs (src/scope/); absent keeps the stored one (new: every device). */
  deviceScope?: DeviceScope;
  /** null: SYNC_SPREAD_MINUTES. */
  spreadMinutes?: number | null;
  enabled?: boolean;
}

/** Creates the organization if needed and sets its connection (one per organization). */
export async function saveConnection(
  db: AppDatabase,
  /** null keeps the secret out of the database (the environment's connection). */
  box: SecretBox | null,
  org: { slug: string; name?: string },
  settings: ConnectionSettings,
): Promise<{ organization: OrganizationRow; connection: ConnectionRow }> {
  const organization = await ensureOrganization(db, org.slug, org.name);
  const secret = settings.auth.kind === 'client' ? settings.auth.clientSecret : settings.auth.password;
  const sealed = box ? box.seal(secret) : { ciphertext: null, keyId: null };
  const values = {
    organizationId: organization.id,
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    authKind: settings.auth.kind,
    authId: settings.auth.kind === 'client' ? settings.auth.clientId : settings.auth.username,
    authSecretCiphertext: sealed.ciphertext,
    authSecretKeyId: sealed.keyId,
    ...definedOnly({
      scheduleCron: settings.scheduleCron,
      timeZone: settings.timeZone,
      pageSize: settings.pageSize,
      maxConcurrency: settings.maxConcurrency,
      caFile: settings.caFile,
      extensionAttributeMapping: settings.extensionAttributeMapping,
      employeePolicy: settings.employeePolicy,
      ignoreList: settings.ignoreList,
      deriveNamesFromEmail: settings.deriveNamesFromEmail,
      fetchFileVaultKeys: settings.fetchFileVaultKeys,
      removalThreshold: settings.removalThreshold,
      deviceScope: settings.deviceScope,
      spreadMinutes: settings.spreadMinutes,
      enabled: settings.enabled,
    }),
    updatedAt: new Date(),
  };
  const [connection] = await db
    .insert(jamfConnections)
    .values(values)
    .onConflictDoUpdate({ target: jamfConnections.organizationId, set: values })
    .returning();
  return { organization, connection };
}

/** The settings a connection can change without new credentials (the API's PATCH; the CLI's update sets these columns too). */
export type ConnectionSettingsChange = Partial<Omit<ConnectionSettings, 'baseUrl' | 'auth' | 'caFile'>>;

/** Changes some settings of an existing connection; false when the organization has none. */
export async function updateConnectionSettings(db: AppDatabase, organizationSlug: string, change: ConnectionSettingsChange): Promise<boolean> {
  const found = await findConnection(db, organizationSlug);
  if (!found) return false;
  await db
    .update(jamfConnections)
    .set({ ...definedOnly(change), updatedAt: new Date() })
    .where(eq(jamfConnections.id, found.connection.id));
  return true;
}

export async function findConnection(
  db: AppDatabase,
  slugOrId: string,
): Promise<{ organization: OrganizationRow; connection: ConnectionRow } | null> {
  // Names from URLs and options: what no organization can be called (a NUL byte, 60,000
  // characters) is not looked up, so the database never sees it.
  const byId = isUuid(slugOrId);
  if (!byId && !ORGANIZATION_SLUG.test(slugOrId)) return null;
  const rows = await db
    .select({ organization: organizations, connection: jamfConnections })
    .from(jamfConnections)
    .innerJoin(organizations, eq(organizations.id, jamfConnections.organizationId))
    .where(byId ? eq(jamfConnections.id, slugOrId) : eq(organizations.slug, slugOrId));
  return rows[0] ?? null;
}

export async function requireConnection(db: AppDatabase, slug: string) {
  const found = await findConnection(db, slug);
  if (!found) {
    throw new AppError(
      404,
      'connection_not_found',
      `No Jamf connection for organization "${slug}". Set JAMF_URL and credentials for the default organization, or add one with "npx jamf-sync connections add".`,
    );
  }
  return found;
}

export async function listConnections(db: AppDatabase) {
  return db
    .select({ organization: organizations, connection: jamfConnections })
    .from(jamfConnections)
    .innerJoin(organizations, eq(organizations.id, jamfConnections.organizationId))
    .orderBy(organizations.slug);
}

export async function removeConnection(db: AppDatabase, slug: string): Promise<boolean> {
  const found = await findConnection(db, slug);
  if (!found) return false;
  await db.delete(jamfConnections).where(and(eq(jamfConnections.id, found.connection.id)));
  return true;
}

export function toSyncTarget(organization: OrganizationRow, connection: ConnectionRow): SyncTarget {
  return {
    organizationId: organization.id,
    organizationSlug: organization.slug,
    connectionId: connection.id,
    employeePolicy: connection.employeePolicy,
    ignoreList: connection.ignoreList,
    deriveNamesFromEmail: connection.deriveNamesFromEmail,
    extensionAttributeMapping: connection.extensionAttributeMapping,
    fetchFileVaultKeys: connection.fetchFileVaultKeys,
    removalThreshold: connection.removalThreshold,
    pageSize: connection.pageSize,
    deviceScope: connection.deviceScope,
  };
}

/**
 * The connection's Jamf credentials for the client; never logged. The environment's connection
 * keeps its secret in the environment (`envSecret`); others have it encrypted in the database.
 */
export function connectionAuth(connection: ConnectionRow, box: SecretBox | null, envSecret?: string | null) {
  let secret: string;
  if (connection.authSecretCiphertext && connection.authSecretKeyId) {
    if (!box) throw new MissingEncryptionKeyError('and read Jamf credentials of this connection');
    secret = box.open({ ciphertext: connection.authSecretCiphertext, keyId: connection.authSecretKeyId });
  } else if (envSecret) {
    secret = envSecret;
  } else {
    throw new AppError(
      409,
      'connection_secret_missing',
      'This connection takes its Jamf secret from the environment (JAMF_CLIENT_SECRET or JAMF_PASSWORD), which is not set',
    );
  }
  return connection.authKind === 'client'
    ? ({ kind: 'client', clientId: connection.authId, clientSecret: secret } as const)
    : ({ kind: 'user', username: connection.authId, password: secret } as const);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
