import type { Command } from 'commander';
import cron from 'node-cron';
import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import { loadConfig, type Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/migrate';
import { jamfConnections, organizations } from '../db/schema';
import type { ExtensionAttributeMapping } from '../db/schema';
import {
  DEFAULT_ORGANIZATION_SLUG,
  findConnection,
  listConnections,
  removeConnection,
  saveConnection,
  type ConnectionRow,
  type ConnectionSettings,
} from '../connections/connection-store';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { AppError } from '../errors/app-error';
import { parseEaMapOption } from '../explain/explain-options';
import { exitOnInvalidInput, InvalidInputError } from '../errors/invalid-input-error';
import { ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE } from '../inventory/organization-transaction';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';

/**
 * `jamf-sync connections add|list|update|remove`: one Jamf Pro connection per organization (R20).
 * Options are checked all at once (every problem listed, exit 2, nothing written); the Jamf secret
 * is stored encrypted (ENCRYPTION_KEY) and never printed.
 */

/** Options as commander gives them (strings, flags), before validation. */
export interface RawConnectionOptions {
  org?: string;
  name?: string;
  url?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  secretStdin?: boolean;
  cron?: string;
  tz?: string;
  pageSize?: string;
  maxConcurrency?: string;
  caFile?: string;
  employeePolicy?: string;
  ignore?: string;
  eaMap?: string[];
  fetchFilevaultKeys?: boolean;
  removalThreshold?: string;
  enabled?: boolean;
  disabled?: boolean;
}

/** Where a secret can come from besides the command line, so it need not be in shell history or `ps`. */
export interface SecretSources {
  /** JAMF_CLIENT_SECRET / JAMF_PASSWORD from the environment. */
  env: { clientSecret?: string; password?: string };
  /** The whole of stdin (read only with --secret-stdin). */
  readStdin: () => Promise<string>;
}

export interface ParsedConnectionOptions {
  org: string;
  name?: string;
  baseUrl?: string;
  auth?: { kind: 'client' | 'user'; id?: string; secret?: string; secretSource?: string };
  scheduleCron?: string;
  timeZone?: string;
  pageSize?: number;
  maxConcurrency?: number;
  /** '' clears it (back to JAMF_CA_FILE or the default trust). */
  caFile?: string;
  employeePolicy?: 'create' | 'hold';
  ignoreList?: string[];
  extensionAttributeMapping?: ExtensionAttributeMapping;
  fetchFileVaultKeys?: boolean;
  removalThreshold?: number;
  enabled?: boolean;
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const optionsSchema = z.object({
  org: z.string().regex(ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE).optional(),
  name: nonEmpty.optional(),
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://yourcompany.jamfcloud.com' })
    .refine(httpsUnlessLoopback, 'must use https (plain http is only accepted for localhost)')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  clientId: nonEmpty.optional(),
  clientSecret: nonEmpty.optional(),
  username: nonEmpty.optional(),
  password: nonEmpty.optional(),
  cron: z
    .string()
    .refine((v) => cron.validate(v), 'must be a cron expression such as "0 2 * * *" (02:00 every day)')
    .optional(),
  tz: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris or UTC').optional(),
  pageSize: wholeNumber(1, 2000).optional(),
  maxConcurrency: wholeNumber(1, 20).optional(),
  caFile: z.string().trim().optional(),
  employeePolicy: z.enum(['create', 'hold'], { message: 'must be create or hold' }).optional(),
  ignore: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((e) => e.trim()).filter(Boolean))])
    .optional(),
  eaMap: z
    .array(z.string())
    .transform((values, ctx) => {
      const parsed = parseEaMapOption(values);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.error.replace(/^--ea-map:?\s*/, '') });
        return z.NEVER;
      }
      return (parsed.value ?? {}) as ExtensionAttributeMapping;
    })
    .optional(),
  fetchFilevaultKeys: z.boolean().optional(),
  removalThreshold: z
    .string()
    .refine((v) => /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(v) && Number(v) >= 0 && Number(v) <= 1, 'must be a share from 0 to 1, such as 0.1')
    .transform(Number)
    .optional(),
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .refine((v) => /^\s*\d+\s*$/.test(v) && Number(v) >= min && Number(v) <= max, `must be a whole number from ${min} to ${max}`)
    .transform(Number);
}

const flag = (key: string) => `--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;

/**
 * Checks every option at once (zod, plus the rules between options) and takes the secret from
 * --client-secret/--password, else stdin (--secret-stdin), else JAMF_CLIENT_SECRET/JAMF_PASSWORD.
 * `stored`: the connection being updated (update only).
 */
export async function parseConnectionOptions(
  raw: RawConnectionOptions,
  mode: 'add' | 'update',
  secrets: SecretSources,
  stored?: ConnectionRow | null,
): Promise<ParsedConnectionOptions> {
  const defined = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== undefined && !(k === 'eaMap' && (v as string[]).length === 0)));
  const parsed = optionsSchema.safeParse(defined);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${flag(String(i.path[0] ?? 'options'))}: ${i.message}`);
  const o = parsed.success ? parsed.data : ({} as z.output<typeof optionsSchema>);

  if (!raw.org) problems.push('--org: is required (the organization slug, e.g. acme)');
  if (mode === 'add' && !raw.url) problems.push('--url: is required (your Jamf Pro URL, e.g. https://yourcompany.jamfcloud.com)');
  if (raw.enabled && raw.disabled) problems.push('--enabled and --disabled: give one of them');
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
    extensionAttributeMapping: o.eaMap,
    fetchFileVaultKeys: o.fetchFilevaultKeys,
    removalThreshold: o.removalThreshold,
    enabled: raw.enabled ? true : raw.disabled ? false : undefined,
  };
  if (mode === 'update' && !problems.length && !hasChanges(result)) {
    problems.push('nothing to update: give at least one option to change (see "jamf-sync connections update --help")');
  }
  if (problems.length) throw new InvalidInputError(`Invalid options for "connections ${mode}", nothing was written`, problems);
  return result;
}

function hasChanges(p: ParsedConnectionOptions): boolean {
  return Object.entries(p).some(([k, v]) => k !== 'org' && v !== undefined);
}

export interface ConnectionsDeps {
  db: AppDatabase;
  box: SecretBox | null;
}

/** `connections add`: creates the organization if needed and its connection; refuses if it has one. */
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
    fetchFileVaultKeys: o.fetchFileVaultKeys,
    removalThreshold: o.removalThreshold,
    enabled: o.enabled,
  };
  const { connection } = await deps.db.transaction(async (tx) => {
    const db = tx as unknown as AppDatabase;
    if (await findConnection(db, o.org)) {
      throw new AppError(409, 'connection_exists', `Organization "${o.org}" already has a Jamf connection: change it with "jamf-sync connections update --org ${o.org} ..."`);
    }
    const saved = await saveConnection(db, box, { slug: o.org, name: o.name }, settings);
    if (o.name && saved.organization.name !== o.name) {
      await db.update(organizations).set({ name: o.name, updatedAt: new Date() }).where(eq(organizations.id, saved.organization.id));
    }
    return saved;
  });
  return [
    `Added the Jamf connection of organization "${o.org}": ${connection.baseUrl}, ${describeAuth(connection)}`,
    `  secret        stored encrypted (key id ${connection.authSecretKeyId}), read from ${auth.secretSource}`,
    `  schedule      ${connection.scheduleCron} (${connection.timeZone})`,
    `  enabled       ${connection.enabled ? 'yes' : 'no'}`,
    `  webhook path  ${webhookPath(o.org)}`,
  ].join('\n');
}

/** `connections update`: changes only the options given; the stored secret stays unless a new one is given. */
export async function updateConnection(deps: ConnectionsDeps, raw: RawConnectionOptions, secrets: SecretSources, config?: Config): Promise<string> {
  // Options are checked before the database is read, then again with the stored connection (auth kind).
  secrets = readStdinOnce(secrets);
  await parseConnectionOptions(raw, 'update', secrets, null);
  const found = await findConnection(deps.db, raw.org!);
  if (!found) throw new AppError(404, 'connection_not_found', `Organization "${raw.org}" has no Jamf connection (add one with "jamf-sync connections add")`);
  const o = await parseConnectionOptions(raw, 'update', secrets, found.connection);
  const set: Partial<typeof jamfConnections.$inferInsert> = {};
  if (o.baseUrl !== undefined) set.baseUrl = o.baseUrl;
  if (o.auth) {
    set.authKind = o.auth.kind;
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
  if (o.extensionAttributeMapping !== undefined) set.extensionAttributeMapping = o.extensionAttributeMapping;
  if (o.fetchFileVaultKeys !== undefined) set.fetchFileVaultKeys = o.fetchFileVaultKeys;
  if (o.removalThreshold !== undefined) set.removalThreshold = o.removalThreshold;
  if (o.enabled !== undefined) set.enabled = o.enabled;
  await deps.db.transaction(async (tx) => {
    if (Object.keys(set).length) {
      await tx.update(jamfConnections).set({ ...set, updatedAt: new Date() }).where(eq(jamfConnections.id, found.connection.id));
    }
    if (o.name !== undefined) {
      await tx.update(organizations).set({ name: o.name, updatedAt: new Date() }).where(eq(organizations.id, found.organization.id));
    }
  });
  const changed = [...Object.keys(set).filter((k) => !k.startsWith('authSecret')), ...(set.authSecretCiphertext ? ['secret'] : []), ...(o.name ? ['name'] : [])];
  const lines = [`Updated the Jamf connection of organization "${o.org}": ${changed.join(', ')}`];
  if (o.org === DEFAULT_ORGANIZATION_SLUG && config?.JAMF_URL) {
    lines.push('Note: JAMF_URL is set, so the next start applies the environment\'s settings to this connection again.');
  }
  return lines.join('\n');
}

export interface ConnectionListing {
  organization: string;
  organizationName: string;
  url: string;
  auth: { kind: 'client' | 'user'; id: string; secret: 'encrypted' | 'environment'; keyId: string | null };
  schedule: { cron: string; timeZone: string };
  pageSize: number;
  maxConcurrency: number;
  employeePolicy: 'create' | 'hold';
  ignoreList: string[];
  extensionAttributeMapping: ExtensionAttributeMapping;
  fetchFileVaultKeys: boolean;
  removalThreshold: number;
  enabled: boolean;
  webhookPath: string;
  webhookCredentials: number;
  lastRun: { id: string; status: string; startedAt: string; finishedAt: string | null } | null;
}

/** `connections list`: every connection's settings, never a secret (not even its ciphertext). */
export async function listConnectionsData(db: AppDatabase): Promise<ConnectionListing[]> {
  const rows = await listConnections(db);
  const lastRuns = await selectRows<{ organization_id: string; id: string; status: string; started_at: Date | string; finished_at: Date | string | null }>(
    db,
    sql`select distinct on (organization_id) organization_id, id, status, started_at, finished_at
        from sync_runs order by organization_id, started_at desc`,
  );
  const lastRunByOrg = new Map(lastRuns.map((r) => [r.organization_id, r]));
  return rows.map(({ organization, connection: c }) => {
    const run = lastRunByOrg.get(organization.id);
    return {
      organization: organization.slug,
      organizationName: organization.name,
      url: c.baseUrl,
      auth: { kind: c.authKind, id: c.authId, secret: c.authSecretCiphertext ? 'encrypted' : 'environment', keyId: c.authSecretKeyId },
      schedule: { cron: c.scheduleCron, timeZone: c.timeZone },
      pageSize: c.pageSize,
      maxConcurrency: c.maxConcurrency,
      employeePolicy: c.employeePolicy,
      ignoreList: c.ignoreList,
      extensionAttributeMapping: c.extensionAttributeMapping,
      fetchFileVaultKeys: c.fetchFileVaultKeys,
      removalThreshold: c.removalThreshold,
      enabled: c.enabled,
      webhookPath: webhookPath(organization.slug),
      webhookCredentials: c.webhookCredentials.length,
      lastRun: run
        ? {
            id: run.id,
            status: run.status,
            startedAt: new Date(run.started_at).toISOString(),
            finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
          }
        : null,
    };
  });
}

export async function listConnectionsText(db: AppDatabase, options: { json?: boolean } = {}): Promise<string> {
  const list = await listConnectionsData(db);
  if (options.json) return JSON.stringify(list, null, 2);
  if (!list.length) return 'No Jamf connections yet. Add one with "jamf-sync connections add --org <slug> --url <url> --client-id <id>".';
  const header = ['ORG', 'URL', 'AUTH', 'SCHEDULE', 'POLICY', 'ENABLED', 'WEBHOOK PATH', 'LAST RUN'];
  const lines = list.map((c) => [
    c.organization,
    c.url,
    `${c.auth.kind === 'client' ? 'client' : 'user'} ${c.auth.id}`,
    `${c.schedule.cron} ${c.schedule.timeZone}`,
    c.employeePolicy,
    c.enabled ? 'yes' : 'no',
    c.webhookPath,
    c.lastRun ? `${c.lastRun.status} ${c.lastRun.startedAt}` : 'never',
  ]);
  return formatTable([header, ...lines]);
}

/** `connections remove`: deletes the connection; its organization, assets, employees and runs stay. */
export async function removeConnectionBySlug(db: AppDatabase, slug: string | undefined, config?: Config): Promise<string> {
  requireOrgOption(slug);
  if (!(await removeConnection(db, slug))) {
    throw new AppError(404, 'connection_not_found', `Organization "${slug}" has no Jamf connection`);
  }
  const lines = [`Removed the Jamf connection of organization "${slug}" (its assets, employees and run history are kept).`];
  if (slug === DEFAULT_ORGANIZATION_SLUG && config?.JAMF_URL) {
    lines.push('Note: JAMF_URL is set, so the next start creates this connection again from the environment; unset JAMF_URL to stop that.');
  }
  return lines.join('\n');
}

function requireOrgOption(slug: string | undefined): asserts slug is string {
  if (!slug) throw new InvalidInputError('Invalid options for "connections remove", nothing was written', ['--org: is required (the organization slug, e.g. acme)']);
}

/** Stdin can be read once; the options are checked more than once. */
function readStdinOnce(secrets: SecretSources): SecretSources {
  let read: Promise<string> | undefined;
  return { ...secrets, readStdin: () => (read ??= secrets.readStdin()) };
}

function requireBox(box: SecretBox | null): SecretBox {
  if (!box) throw new MissingEncryptionKeyError('the Jamf secret of a connection');
  return box;
}

function describeAuth(c: ConnectionRow): string {
  return c.authKind === 'client' ? `API client ${c.authId}` : `user ${c.authId}`;
}

export function webhookPath(slug: string): string {
  return `/webhooks/jamf/${slug}`;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

function httpsUnlessLoopback(url: string): boolean {
  // zod runs this even when the URL rule failed: anything that is not an http URL is that rule's to report.
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  return u.protocol !== 'http:' || u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\./.test(u.hostname);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The configuration for these commands, and the Jamf secret from the environment. When JAMF_URL is
 * not set, JAMF_CLIENT_SECRET / JAMF_PASSWORD are this command's input (a way to keep the secret off
 * the command line), so they are taken out before the configuration is checked (which would
 * otherwise ask for JAMF_CLIENT_ID / JAMF_URL). With JAMF_URL set, they belong to the environment's
 * own connection and are left to it.
 */
export function connectionsEnvironment(env: NodeJS.ProcessEnv): { config: Config; secretEnv: SecretSources['env'] } {
  if (env.JAMF_URL?.trim()) return { config: loadConfig(env), secretEnv: {} };
  const { JAMF_CLIENT_SECRET, JAMF_PASSWORD, ...rest } = env;
  return {
    config: loadConfig(rest),
    secretEnv: { clientSecret: JAMF_CLIENT_SECRET?.trim() || undefined, password: JAMF_PASSWORD?.trim() || undefined },
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const SECRET_HELP = `
Secrets: the client secret (or password) is stored encrypted with ENCRYPTION_KEY, which must be set
(generate one with: openssl rand -base64 32). Keep it off the command line (shell history, ps):
  pipe it on stdin:   vault read -field=secret jamf/acme | jamf-sync connections add ... --secret-stdin
  or set it for the one command (when JAMF_URL is not set):
                      JAMF_CLIENT_SECRET=... jamf-sync connections add --org acme --url ... --client-id ...
  (JAMF_PASSWORD for --username). --client-secret / --password on the command line also work.`;

function withConnectionOptions(command: Command, mode: 'add' | 'update'): Command {
  const verb = mode === 'add' ? '' : 'new ';
  return command
    .option('--org <slug>', 'organization slug (required); created by add if missing')
    .option('--name <name>', 'organization display name')
    .option('--url <url>', `${verb}Jamf Pro URL, e.g. https://yourcompany.jamfcloud.com${mode === 'add' ? ' (required)' : ''}`)
    .option('--client-id <id>', `${verb}API client id`)
    .option('--client-secret <secret>', `${verb}API client secret (prefer --secret-stdin or JAMF_CLIENT_SECRET)`)
    .option('--username <name>', `${verb}Jamf user account (instead of an API client)`)
    .option('--password <password>', `${verb}password of the user account (prefer --secret-stdin or JAMF_PASSWORD)`)
    .option('--secret-stdin', 'read the client secret or password from the first line of stdin')
    .option('--cron <expr>', 'nightly sync schedule, cron syntax (default "0 2 * * *")')
    .option('--tz <zone>', 'time zone of the schedule, IANA name (default UTC)')
    .option('--page-size <n>', 'Jamf page size, 1-2000 (default 200)')
    .option('--max-concurrency <n>', 'concurrent Jamf requests, 1-20 (default 5)')
    .option('--ca-file <file.pem>', "PEM file of the private CA that issued Jamf Pro's certificate, added to the default trust (\"\" clears it)")
    .option('--employee-policy <policy>', 'possible duplicate employees (R10): create or hold')
    .option('--ignore <list>', 'comma-separated usernames or emails never made assignees (R11); replaces the list')
    .option(
      '--ea-map <pairs>',
      'extension attribute mapping "Name=field,..." (fields: color, keyboardLanguage, storageType, modelNumber)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--fetch-filevault-keys', 'fetch FileVault recovery keys (needs its own Jamf privilege)')
    .option('--no-fetch-filevault-keys', 'do not fetch FileVault recovery keys')
    .option('--removal-threshold <share>', 'R14: most share of the fleet a run may mark removed, 0-1 (default 0.1)')
    .option('--enabled', 'run the nightly sync (default)')
    .option('--disabled', 'keep the connection but do not run its nightly sync')
    .addHelpText('after', SECRET_HELP);
}

export function registerConnectionsCommand(program: Command): void {
  const connections = program.command('connections').description('manage the Jamf Pro connection of each organization');
  const context = () => {
    // Secrets may come from the environment; see connectionsEnvironment.
    const { config, secretEnv } = connectionsEnvironment(process.env);
    return { config, secrets: readStdinOnce({ env: secretEnv, readStdin }) };
  };

  withConnectionOptions(connections.command('add').description('connect an organization to its Jamf Pro'), 'add').action(
    runCommand(async (opts: RawConnectionOptions) =>
      exitOnInvalidInput(async () => {
        const { config, secrets } = context();
        // Checked before the database is opened: bad options or no key write nothing.
        await parseConnectionOptions(opts, 'add', secrets);
        const box = requireBox(secretBoxFromConfig(config));
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await addConnection({ db: database.db, box }, opts, secrets)}\n`);
        } finally {
          await database.close();
        }
      }),
    ),
  );

  withConnectionOptions(connections.command('update').description('change some settings of a connection (others stay)'), 'update').action(
    runCommand(async (opts: RawConnectionOptions) =>
      exitOnInvalidInput(async () => {
        const { config, secrets } = context();
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await updateConnection({ db: database.db, box: secretBoxFromConfig(config) }, opts, secrets, config)}\n`);
        } finally {
          await database.close();
        }
      }),
    ),
  );

  connections
    .command('list')
    .description('list the connections (no secrets): URL, credentials id, schedule, webhook path, last run')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (opts: { json?: boolean }) => {
        const { config } = context();
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await listConnectionsText(database.db, opts)}\n`);
        } finally {
          await database.close();
        }
      }),
    );

  connections
    .command('remove')
    .description('delete the connection of an organization (its assets, employees and runs are kept)')
    .option('--org <slug>', 'organization slug (required)')
    .action(
      runCommand(async (opts: { org?: string }) =>
        exitOnInvalidInput(async () => {
          const { config } = context();
          requireOrgOption(opts.org);
          const database = await openServiceDatabase(config);
          try {
            process.stdout.write(`${await removeConnectionBySlug(database.db, opts.org, config)}\n`);
          } finally {
            await database.close();
          }
        }),
      ),
    );
}
