import { eq } from 'drizzle-orm';
import type { Config } from '../../config';
import { jamfConnections, organizations } from '../../db/schema';
import { DEFAULT_ORGANIZATION_SLUG, connectionAuth, findConnection, type ConnectionRow, type OrganizationRow } from '../../connections/connection-store';
import { AppError } from '../../errors/app-error';
import { requireOrganization } from '../../organizations/organization-store';
import type { ParsedConnectionOptions, RawConnectionOptions, SecretSources } from './connection-options';
import { parseConnectionOptions } from './parse-connection-options';
import { readStdinOnce, requireBox } from './connection-secrets';
import { checkedLine, verifyUnlessSkipped, type ConnectionsDeps } from './add-connection';
import { environmentSecret } from '../../connections/default-connection';
import type { ConnectionVerifier } from '../../connections/check-connection';
import { applyScopeChange } from '../../scope/scope-change';
import { describeScope } from '../../scope/device-scope';
import { applyNotifyChange } from '../../notifications/notify-options';

/** `connections update`: changes only the options given; the stored secret stays unless a new one is given. */
export async function updateConnection(deps: ConnectionsDeps, raw: RawConnectionOptions, secrets: SecretSources, config?: Config): Promise<string> {
  // Options are checked before the database is read, then again with the stored connection (auth kind).
  secrets = readStdinOnce(secrets);
  await parseConnectionOptions(raw, 'update', secrets, null);
  const found = await findConnection(deps.db, raw.org!);
  if (!found) {
    await requireOrganization(deps.db, raw.org!);
    throw new AppError(404, 'connection_not_found', `Organization "${raw.org}" has no Jamf connection (add one with "jamf-sync connections add")`);
  }
  const o = await parseConnectionOptions(raw, 'update', secrets, found.connection);
  const set: Partial<typeof jamfConnections.$inferInsert> = {};
  if (o.baseUrl !== undefined) set.baseUrl = o.baseUrl;
  if (o.auth) {
    if (o.auth.kind !== found.connection.authKind) set.authKind = o.auth.kind;
    if (o.auth.id !== undefined) set.authId = o.auth.id;
    if (o.auth.secret !== undefined) {
      const sealed = requireBox(deps.box).seal(o.auth.secret);
      set.authSecretCiphertext = sealed.ciphertext;
      set.authSecretKeyId = sealed.keyId;
    }
  }
  if (o.scheduleCron !== undefined) set.scheduleCron = o.scheduleCron;
  if (o.timeZone !== undefined) set.timeZone = o.timeZone;
  if (o.pageSize !== undefined) set.pageSize = o.pageSize;
  if (o.maxConcurrency !== undefined) set.maxConcurrency = o.maxConcurrency;
  if (o.caFile !== undefined) set.caFile = o.caFile || null;
  if (o.employeePolicy !== undefined) set.employeePolicy = o.employeePolicy;
  if (o.ignoreList !== undefined) set.ignoreList = o.ignoreList;
  if (o.deriveNamesFromEmail !== undefined) set.deriveNamesFromEmail = o.deriveNamesFromEmail;
  if (o.extensionAttributeMapping !== undefined) set.extensionAttributeMapping = o.extensionAttributeMapping;
  if (o.fetchFileVaultKeys !== undefined) set.fetchFileVaultKeys = o.fetchFileVaultKeys;
  if (o.removalThreshold !== undefined) set.removalThreshold = o.removalThreshold;
  if (o.spreadMinutes !== undefined) set.spreadMinutes = o.spreadMinutes;
  if (o.enabled !== undefined) set.enabled = o.enabled;
  if (o.scope) set.deviceScope = applyScopeChange(found.connection.deviceScope, o.scope);
  // Tried again only when what reaches Jamf changes (URL, credentials, secret, CA, FileVault keys, scope).
  const reachesJamf = ['baseUrl', 'authKind', 'authId', 'authSecretCiphertext', 'caFile', 'fetchFileVaultKeys', 'deviceScope'].some((k) => k in set);
  const check = reachesJamf ? await verifyUnlessSkipped(deps, raw, o.org, effectiveSettings(found.organization, found.connection, o, deps, config)) : null;
  if (raw.preview && set.deviceScope) {
    // A scope change is previewed before it is made: the dry run lists the assets that would leave.
    if (!deps.previewScope) throw new Error('connections update --preview: no preview runner given');
    const report = await deps.previewScope(o.org, set.deviceScope);
    return [
      `Preview of the scope of organization "${o.org}" (nothing was saved):`,
      `  current scope ${describeScope(found.connection.deviceScope)}`,
      `  new scope     ${describeScope(set.deviceScope)}`,
      ...(reachesJamf ? [checkedLine(check)] : []),
      '',
      report,
    ].join('\n');
  }
  const notifyLines = await deps.db.transaction(async (tx) => {
    if (Object.keys(set).length) {
      await tx.update(jamfConnections).set({ ...set, updatedAt: new Date() }).where(eq(jamfConnections.id, found.connection.id));
    }
    if (o.name !== undefined) {
      await tx.update(organizations).set({ name: o.name, updatedAt: new Date() }).where(eq(organizations.id, found.organization.id));
    }
    return applyNotifyChange(tx, deps.box, found.connection, o.notify);
  });
  const changed = [
    ...Object.keys(set).filter((k) => !k.startsWith('authSecret')),
    ...(set.authSecretCiphertext ? ['secret'] : []),
    ...(o.name ? ['name'] : []),
    ...(o.notify ? ['notifications'] : []),
  ];
  const lines = [
    `Updated the Jamf connection of organization "${o.org}": ${changed.join(', ')}`,
    ...(set.deviceScope ? [`  scope         ${describeScope(set.deviceScope)} (the next complete run marks assets outside it out of scope, not removed)`] : []),
    ...(reachesJamf ? [checkedLine(check)] : []),
    ...notifyLines,
  ];
  if (o.org === DEFAULT_ORGANIZATION_SLUG && config?.JAMF_URL) {
    lines.push('Note: JAMF_URL is set, so the next start applies the environment\'s settings to this connection again.');
  }
  if (o.org === DEFAULT_ORGANIZATION_SLUG && o.notify && config?.NOTIFY_URL) {
    lines.push('Note: NOTIFY_URL is set, so the next start applies the environment\'s notification target to this connection again.');
  }
  return lines.join('\n');
}

/** The connection as it will be once updated, with its secret (the new one, else the stored one). */
function effectiveSettings(
  organization: OrganizationRow,
  stored: ConnectionRow,
  o: ParsedConnectionOptions,
  deps: ConnectionsDeps,
  config?: Config,
): Parameters<ConnectionVerifier>[1] {
  const kind = o.auth?.kind ?? stored.authKind;
  const id = o.auth?.id ?? stored.authId;
  const secret = o.auth?.secret ?? secretOf(connectionAuth(stored, deps.box, config ? environmentSecret(config, organization.slug) : null));
  return {
    baseUrl: o.baseUrl ?? stored.baseUrl,
    auth: kind === 'client' ? { kind, clientId: id, clientSecret: secret } : { kind, username: id, password: secret },
    pageSize: o.pageSize ?? stored.pageSize,
    maxConcurrency: o.maxConcurrency ?? stored.maxConcurrency,
    caFile: o.caFile !== undefined ? o.caFile || null : stored.caFile,
    fetchFileVaultKeys: o.fetchFileVaultKeys ?? stored.fetchFileVaultKeys,
    deviceScope: o.scope ? applyScopeChange(stored.deviceScope, o.scope) : stored.deviceScope,
  };
}

const secretOf = (auth: ReturnType<typeof connectionAuth>) => (auth.kind === 'client' ? auth.clientSecret : auth.password);
