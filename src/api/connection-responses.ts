import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import { AppError } from '../errors/app-error';
import { DEFAULT_ORGANIZATION_SLUG, findConnection, type ConnectionRow, type OrganizationRow } from '../connections/connection-store';
import { environmentSecret } from '../connections/default-connection';
import { findOrganization, ORGANIZATION_SLUG } from '../organizations/organization-store';
import type { SecretBox } from '../crypto/secret-box';
import { describeScope } from '../scope/device-scope';

/** A connection as the API answers it: settings and whether a secret is set, never the secret (nor a webhook credential's hash). */
export function connectionResponse(organization: OrganizationRow, c: ConnectionRow, config: Config) {
  const stored = Boolean(c.authSecretCiphertext && c.authSecretKeyId);
  const fromEnvironment = !stored && Boolean(environmentSecret(config, organization.slug));
  return {
    organization: organization.slug,
    baseUrl: c.baseUrl,
    auth: {
      kind: c.authKind === 'client' ? ('client' as const) : ('basic' as const),
      clientId: c.authKind === 'client' ? c.authId : null,
      username: c.authKind === 'user' ? c.authId : null,
      secretSet: stored || fromEnvironment,
      secretSource: stored ? ('stored' as const) : fromEnvironment ? ('environment' as const) : null,
    },
    settings: {
      scheduleCron: c.scheduleCron,
      timeZone: c.timeZone,
      pageSize: c.pageSize,
      maxConcurrency: c.maxConcurrency,
      employeePolicy: c.employeePolicy,
      ignoreList: c.ignoreList,
      extensionAttributeMapping: c.extensionAttributeMapping,
      deriveNamesFromEmail: c.deriveNamesFromEmail,
      fetchFileVaultKeys: c.fetchFileVaultKeys,
      // A real column: 0.1 comes back as 0.10000000149…; the share is never finer than this.
      removalThreshold: Math.round(c.removalThreshold * 1e6) / 1e6,
      enabled: c.enabled,
      deviceScope: c.deviceScope,
      scopeDescription: describeScope(c.deviceScope),
      caFile: c.caFile,
    },
    webhooks: {
      path: `/webhooks/jamf/${organization.slug}`,
      credentials: c.webhookCredentials.map((w) => ({ kind: w.kind, headerName: w.kind === 'header' ? w.headerName : null, createdAt: w.createdAt })),
    },
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    notes: environmentNotes(organization.slug, config),
  };
}

/** The organization default is also written by the environment at each start. */
export function environmentNotes(slug: string, config: Config): string[] {
  return slug === DEFAULT_ORGANIZATION_SLUG && config.JAMF_URL
    ? ['JAMF_URL is set: at each start the service applies the environment\'s URL, credentials and settings to this connection again (unset JAMF_URL to manage it here).']
    : [];
}

/** The organization of the path and its connection: 404 organization_not_found, or connection_not_found when it has none. */
export async function requireApiConnection(db: AppDatabase, slug: string) {
  const found = await findConnection(db, slug);
  if (found) return found;
  await requireApiOrganization(db, slug);
  throw new AppError(404, 'connection_not_found', `Organization "${slug}" has no Jamf connection yet (PUT /api/v1/organizations/${slug}/connection)`);
}

/** 404 without listing other organizations: the API says only what the token may know. */
export async function requireApiOrganization(db: AppDatabase, slug: string): Promise<OrganizationRow> {
  const row = ORGANIZATION_SLUG.test(slug) ? await findOrganization(db, slug) : null;
  if (!row) throw new AppError(404, 'organization_not_found', `No organization "${slug.slice(0, 100)}" (ops creates it with POST /api/v1/organizations)`);
  return row;
}

/** Storing a Jamf secret needs ENCRYPTION_KEY; without it the request is refused before anything is written. */
export function requireApiBox(box: SecretBox | null): SecretBox {
  if (!box) {
    throw new AppError(409, 'encryption_key_missing', 'ENCRYPTION_KEY is not set on the service, and it is needed to store the Jamf secret of a connection; nothing was written');
  }
  return box;
}
