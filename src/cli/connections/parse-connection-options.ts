import type { z } from 'zod';
import type { ConnectionRow } from '../../connections/connection-store';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { parseScopeOptions } from '../../scope/scope-change';
import { parseNotifyOptions } from '../../notifications/notify-options';
import {
  connectionOptionsSchema,
  flagOf,
  type ParsedConnectionOptions,
  type RawConnectionOptions,
  type SecretSources,
} from './connection-options';

/**
 * Checks every option at once (each option's rule, plus the rules between options) and takes the
 * secret from --client-secret/--password, else stdin (--secret-stdin), else JAMF_CLIENT_SECRET/JAMF_PASSWORD.
 * `stored`: the connection being updated (update only).
 */
export async function parseConnectionOptions(
  raw: RawConnectionOptions,
  mode: 'add' | 'update',
  secrets: SecretSources,
  stored?: ConnectionRow | null,
): Promise<ParsedConnectionOptions> {
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => v !== undefined && !(k === 'eaMap' && (v as string[]).length === 0) && !k.startsWith('scope') && k !== 'preview'),
  );
  const parsed = connectionOptionsSchema.safeParse(defined);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${flagOf(String(i.path[0] ?? 'options'))}: ${i.message}`);
  const o = parsed.success ? parsed.data : ({} as z.output<typeof connectionOptionsSchema>);

  if (!raw.org) problems.push('--org: is required (the organization slug, e.g. acme)');
  if (mode === 'add' && !raw.url) problems.push('--url: is required (your Jamf Pro URL, e.g. https://yourcompany.jamfcloud.com)');
  if (raw.enabled && raw.disabled) problems.push('--enabled and --disabled: give one of them');
  const scope = parseScopeOptions(raw);
  if (scope) problems.push(...scope.problems);
  if (raw.preview && (mode === 'add' || !scope)) problems.push('--preview: goes with "connections update" and --scope-… options (a dry run with the new scope)');
  if (raw.clientId !== undefined && raw.username !== undefined) {
    problems.push('--client-id and --username: give one kind of credentials, an API client (--client-id) or a user account (--username)');
  }
  if (raw.clientSecret !== undefined && raw.password !== undefined) problems.push('--client-secret and --password: give one of them');
  if (raw.clientSecret !== undefined && raw.username !== undefined) problems.push('--client-secret: goes with --client-id, not --username (use --password)');
  if (raw.password !== undefined && raw.clientId !== undefined) problems.push('--password: goes with --username, not --client-id (use --client-secret)');

  // Which kind of credentials the result will have: given now, else the stored connection's.
  const kind: 'client' | 'user' | null =
    raw.clientId !== undefined || raw.clientSecret !== undefined
      ? 'client'
      : raw.username !== undefined || raw.password !== undefined
        ? 'user'
        : mode === 'update' && stored
          ? stored.authKind
          : null;
  const idFlag = kind === 'user' ? '--username' : '--client-id';
  const secretFlag = kind === 'user' ? '--password' : '--client-secret';
  const envName = kind === 'user' ? 'JAMF_PASSWORD' : 'JAMF_CLIENT_SECRET';
  const id = kind === 'user' ? o.username : o.clientId;
  let secret = kind === 'user' ? o.password : o.clientSecret;
  let secretSource: string | undefined = secret ? secretFlag : undefined;
  if (raw.secretStdin) {
    if (secret) problems.push(`--secret-stdin: the secret is already given with ${secretFlag}`);
    else {
      secret = (await secrets.readStdin()).split(/\r?\n/)[0].trim() || undefined;
      secretSource = 'stdin';
      if (!secret) problems.push('--secret-stdin: nothing was read on stdin (pipe the secret in, e.g. from a file or a secret manager)');
    }
  }
  const changesCredentials = raw.clientId !== undefined || raw.username !== undefined;
  if (!secret && (mode === 'add' || (changesCredentials && stored && kind !== stored.authKind))) {
    const fromEnv = kind === 'user' ? secrets.env.password : kind === 'client' ? secrets.env.clientSecret : undefined;
    if (fromEnv) {
      secret = fromEnv;
      secretSource = envName;
    }
  }

  if (mode === 'add') {
    if (!kind) {
      problems.push('credentials are required: --client-id with --client-secret (an API client, recommended), or --username with --password');
    } else {
      if (raw.clientId === undefined && raw.username === undefined) problems.push(`${idFlag}: is required with ${secretFlag}`);
      if (!secret) problems.push(`${secretFlag}: is required with ${idFlag} (or pipe it on stdin with --secret-stdin, or set ${envName})`);
    }
  } else if (stored && kind && kind !== stored.authKind) {
    // Switching between an API client and a user account needs the whole new pair.
    if (raw.clientId === undefined && raw.username === undefined) {
      problems.push(`${secretFlag}: this connection uses ${stored.authKind === 'client' ? 'an API client' : 'a user account'}; to switch, give ${idFlag} too`);
    } else if (!secret) {
      problems.push(`${secretFlag}: is required to switch this connection to ${kind === 'client' ? 'an API client' : 'a user account'}`);
    }
  }

  const notify = parseNotifyOptions(raw, mode);
  problems.push(...notify.problems);

  const result: ParsedConnectionOptions = {
    org: raw.org ?? '',
    name: o.name,
    baseUrl: o.url,
    auth: kind && (id || secret) ? { kind, id, secret, secretSource } : undefined,
    scheduleCron: o.cron,
    timeZone: o.tz,
    pageSize: o.pageSize,
    maxConcurrency: o.maxConcurrency,
    caFile: o.caFile,
    employeePolicy: o.employeePolicy,
    ignoreList: o.ignore,
    deriveNamesFromEmail: o.deriveNamesFromEmail,
    extensionAttributeMapping: o.eaMap,
    fetchFileVaultKeys: o.fetchFilevaultKeys,
    removalThreshold: o.removalThreshold,
    spreadMinutes: o.spreadMinutes,
    enabled: raw.enabled ? true : raw.disabled ? false : undefined,
    scope: scope?.change,
    notify: notify.change,
  };
  // A secret alone (--secret-stdin) is a change even before the stored connection tells its kind.
  if (mode === 'update' && !problems.length && !hasChanges(result) && !secret) {
    problems.push('nothing to update: give at least one option to change (see "jamf-sync connections update --help")');
  }
  if (problems.length) throw new InvalidInputError(`Invalid options for "connections ${mode}", nothing was written`, problems);
  return result;
}

function hasChanges(p: ParsedConnectionOptions): boolean {
  return Object.entries(p).some(([k, v]) => k !== 'org' && v !== undefined);
}
