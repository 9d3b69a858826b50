import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../../db/open-database';
import { organizations } from '../../db/schema';
import { findConnection, saveConnection, type ConnectionRow, type ConnectionSettings } from '../../connections/connection-store';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError } from '../../errors/app-error';
import { DEFAULT_ORGANIZATION_SLUG, organizationForWrite, requireOrganization } from '../../organizations/organization-store';
import { CONNECTION_SETTING_DEFAULTS } from '../../config/connection-settings';
import { describeCheck, type ConnectionCheck, type ConnectionVerifier } from '../../connections/check-connection';
import type { RawConnectionOptions, SecretSources } from './connection-options';
import { parseConnectionOptions } from './parse-connection-options';
import { readStdinOnce, requireBox } from './connection-secrets';
import { webhookPath } from './list-connections';
import { applyScopeChange } from '../../scope/scope-change';
import { describeScope, type DeviceScope } from '../../scope/device-scope';
import { applyNotifyChange } from '../../notifications/notify-options';

export interface ConnectionsDeps {
  db: AppDatabase;
  /** null when ENCRYPTION_KEY is not set: then no secret can be stored. */
  box: SecretBox | null;
  /** Tries the connection before it is saved; needed unless the options say --no-verify. */
  verify?: ConnectionVerifier;
  /** `update --preview`: a dry run of the connection with this scope instead of its own; the report text. */
  previewScope?: (slug: string, scope: DeviceScope) => Promise<string>;
}

/**
 * Tries the settings about to be saved, unless --no-verify: a connection that cannot sync is
 * refused with the reason (ConnectionCheckFailedError) instead of failing every night.
 */
export async function verifyUnlessSkipped(
  deps: ConnectionsDeps,
  raw: RawConnectionOptions,
  slug: string,
  settings: Parameters<ConnectionVerifier>[1],
): Promise<ConnectionCheck | null> {
  if (raw.verify === false) return null;
  if (!deps.verify) throw new Error('connections: no verifier given, and --no-verify was not chosen');
  return deps.verify(slug, settings);
}

/** The output line that says whether and how the connection was tried. */
export const checkedLine = (check: ConnectionCheck | null) => `  checked       ${check ? describeCheck(check) : 'no (--no-verify)'}`;

/** `connections add`: the connection of an existing organization (or of "default"); refuses if it has one. */
export async function addConnection(deps: ConnectionsDeps, raw: RawConnectionOptions, secrets: SecretSources): Promise<string> {
  const o = await parseConnectionOptions(raw, 'add', readStdinOnce(secrets));
  const box = requireBox(deps.box);
  const auth = o.auth!;
  const settings: ConnectionSettings = {
    baseUrl: o.baseUrl!,
    auth: auth.kind === 'client' ? { kind: 'client', clientId: auth.id!, clientSecret: auth.secret! } : { kind: 'user', username: auth.id!, password: auth.secret! },
    scheduleCron: o.scheduleCron,
    timeZone: o.timeZone,
    pageSize: o.pageSize,
    maxConcurrency: o.maxConcurrency,
    caFile: o.caFile || undefined,
    extensionAttributeMapping: o.extensionAttributeMapping,
    employeePolicy: o.employeePolicy,
    ignoreList: o.ignoreList,
    deriveNamesFromEmail: o.deriveNamesFromEmail,
    fetchFileVaultKeys: o.fetchFileVaultKeys,
    removalThreshold: o.removalThreshold,
    spreadMinutes: o.spreadMinutes,
    enabled: o.enabled,
    deviceScope: o.scope ? applyScopeChange({}, o.scope) : undefined,
  };
  // Before anything is written; the organization must exist (or be "default") for it to matter.
  await checkOrganizationKnown(deps.db, o.org);
  const check = await verifyUnlessSkipped(deps, raw, o.org, {
    baseUrl: settings.baseUrl,
    auth: settings.auth,
    pageSize: settings.pageSize ?? CONNECTION_SETTING_DEFAULTS.pageSize,
    maxConcurrency: settings.maxConcurrency ?? CONNECTION_SETTING_DEFAULTS.maxConcurrency,
    caFile: settings.caFile ?? null,
    fetchFileVaultKeys: settings.fetchFileVaultKeys ?? false,
    deviceScope: settings.deviceScope,
  });
  const { connection, notifyLines } = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as AppDatabase;
    // An existing organization (or "default"): a typo in --org must not start a new customer.
    await organizationForWrite(db, o.org, o.name);
    if (await findConnection(db, o.org)) {
      throw new AppError(409, 'connection_exists', `Organization "${o.org}" already has a Jamf connection: change it with "jamf-sync connections update --org ${o.org} ..."`);
    }
    const saved = await saveConnection(db, box, { slug: o.org, name: o.name }, settings);
    if (o.name && saved.organization.name !== o.name) {
      await db.update(organizations).set({ name: o.name, updatedAt: new Date() }).where(eq(organizations.id, saved.organization.id));
    }
    return { ...saved, notifyLines: await applyNotifyChange(db, box, saved.connection, o.notify) };
  });
  return [
    `Added the Jamf connection of organization "${o.org}": ${connection.baseUrl}, ${describeAuth(connection)}`,
    `  secret        stored encrypted (key id ${connection.authSecretKeyId}), read from ${auth.secretSource}`,
    `  schedule      ${connection.scheduleCron} (${connection.timeZone})`,
    `  enabled       ${connection.enabled ? 'yes' : 'no'}`,
    `  scope         ${describeScope(connection.deviceScope)}`,
    checkedLine(check),
    `  webhook path  ${webhookPath(o.org)}`,
    ...notifyLines,
  ].join('\n');
}

function describeAuth(c: ConnectionRow): string {
  return c.authKind === 'client' ? `API client ${c.authId}` : `user ${c.authId}`;
}

/** Refuses an unknown --org before Jamf is called; "default" is created with the connection. */
async function checkOrganizationKnown(db: AppDatabase, slug: string): Promise<void> {
  if (slug !== DEFAULT_ORGANIZATION_SLUG) await requireOrganization(db, slug);
}
