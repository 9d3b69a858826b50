import type { Command } from 'commander';
import { getConfig } from '../config';
import { DEFAULT_ORGANIZATION_SLUG, findConnection } from '../connections/connection-store';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import type { AppDatabase } from '../db/open-database';
import { requireOrganization } from '../organizations/organization-store';
import { EXIT_CODES } from './exit-codes';
import { readProcessStdin } from './read-stdin';
import { InvalidInputError } from '../errors/invalid-input-error';
import { describeCredential, setWebhookCredential, clearWebhookCredentials, type NewWebhookCredential } from '../webhooks/webhook-credentials';
import { inboxRowStatus, listDeadRows, retryDeadRows } from '../webhooks/inbox-store';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

/**
 * `jamf-sync webhooks credentials|dead|retry`: set the credentials Jamf must send (stored hashed;
 * two may be active while rotating), list webhooks that failed every attempt, and put them back in
 * the queue. Beside a running `serve` on the embedded database they work through it (see README).
 */

interface CredentialOptions {
  org: string;
  basic?: string;
  header?: string;
  secret?: string;
  secretStdin?: boolean;
  rotate?: boolean;
  clear?: boolean;
}

/** Turns the options into a credential; every problem at once. */
export async function parseCredentialOptions(o: CredentialOptions, readStdin: () => Promise<string>): Promise<NewWebhookCredential | 'clear'> {
  const problems: string[] = [];
  const stdinSecret = async () => (await readStdin()).split(/\r?\n/)[0];
  if (o.clear) {
    if (o.basic || o.header || o.secret || o.rotate) problems.push('--clear takes no other credential option');
    if (problems.length) throw new InvalidInputError('Invalid options', problems);
    return 'clear';
  }
  if (Boolean(o.basic) === Boolean(o.header)) problems.push('give exactly one of --basic user:password or --header Name --secret value');
  if (o.basic) {
    if (o.secret) problems.push('--secret goes with --header; for Basic use --basic user:password (or --basic user --secret-stdin)');
    const colon = o.basic.indexOf(':');
    if (colon < 0 && !o.secretStdin) problems.push('--basic must be user:password (or --basic user with --secret-stdin)');
    if (colon === 0) problems.push('--basic: the username must not be empty');
    if (!problems.length) {
      const username = colon < 0 ? o.basic : o.basic.slice(0, colon);
      const password = colon < 0 ? await stdinSecret() : o.basic.slice(colon + 1);
      return { kind: 'basic', username, password };
    }
  }
  if (o.header) {
    if (!o.secret && !o.secretStdin) problems.push('--header needs --secret value (or --secret-stdin)');
    if (o.secret && o.secretStdin) problems.push('give --secret or --secret-stdin, not both');
    if (!problems.length) return { kind: 'header', headerName: o.header, secret: o.secret ?? (await stdinSecret()) };
  }
  throw new InvalidInputError('Invalid options', problems);
}

export function registerWebhooksCommand(program: Command): void {
  const webhooks = program.command('webhooks').description(COMMAND_DESCRIPTIONS.webhooks);

  webhooks
    .command('credentials')
    .description('set the credential Jamf sends with its webhooks (Basic or Header), stored hashed')
    .option('--org <slug>', 'organization (or connection id)', DEFAULT_ORGANIZATION_SLUG)
    .option('--basic <user:password>', 'HTTP Basic authentication, as configured in the Jamf webhook')
    .option('--header <name>', 'header authentication: the header name configured in Jamf')
    .option('--secret <value>', 'header authentication: the header value')
    .option('--secret-stdin', 'read the secret (or the Basic password) from the first line of stdin, so it is not in shell history')
    .option('--rotate', 'keep the newest existing credential active too (at most two), so Jamf can be switched over without losing events')
    .option('--clear', 'remove every credential: the receiver then refuses all webhooks for this organization')
    .action(
      runCommand(async (opts: CredentialOptions) => {
        const credential = await parseCredentialOptions(opts, readProcessStdin);
        await withDatabase(async (db) => {
          await requireOrganizationOrConnectionId(db, opts.org);
          if (credential === 'clear') {
            await clearWebhookCredentials(db, opts.org);
            process.stdout.write(`Webhook credentials of "${opts.org}" removed: its webhooks are now refused (401).\n`);
            return;
          }
          const saved = await setWebhookCredential(db, opts.org, credential, { rotate: opts.rotate });
          process.stdout.write(
            [
              `Webhook credentials of "${saved.organizationSlug}" (connection ${saved.connectionId}):`,
              ...saved.active.map((c, i) => `  ${i === 0 ? 'new   ' : 'kept  '} ${describeCredential(c)}`),
              `Webhook URL: <service URL>/webhooks/jamf/${saved.organizationSlug} (content type JSON or XML)`,
              '',
            ].join('\n'),
          );
        });
      }),
    );

  webhooks
    .command('dead')
    .description('list webhooks that failed every attempt (retry them with "webhooks retry")')
    .option('--org <slug>', 'only this organization')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (opts: { org?: string; limit: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError('Invalid options', ['--limit must be a positive whole number']);
        await withDatabase(async (db) => {
          if (opts.org) await requireOrganization(db, opts.org);
          const rows = await listDeadRows(db, { organizationSlug: opts.org, limit });
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
            return;
          }
          if (!rows.length) {
            process.stdout.write('No dead webhooks.\n');
            return;
          }
          for (const r of rows) {
            const device = r.deviceKind ? `${r.deviceKind} ${r.jamfId}${r.serialNumber ? ` (${r.serialNumber})` : ''}` : '-';
            process.stdout.write(`${r.id}\t${r.organization}\t${r.eventName}\t${device}\t${r.attempts} attempts\t${r.receivedAt}\n\t${r.lastError ?? ''}\n`);
          }
        });
      }),
    );

  webhooks
    .command('retry [id]')
    .description('put a dead webhook (or all of them with --all-dead) back in the queue with fresh attempts')
    .option('--all-dead', 'every dead webhook')
    .option('--org <slug>', 'with --all-dead: only this organization')
    .action(
      runCommand(async (id: string | undefined, opts: { allDead?: boolean; org?: string }) => {
        const problems: string[] = [];
        if (Boolean(id) === Boolean(opts.allDead)) problems.push('give a webhook id or --all-dead');
        if (id && !/^\d+$/.test(id)) problems.push(`"${id}" is not a webhook id (a number, see "webhooks dead")`);
        if (opts.org && !opts.allDead) problems.push('--org goes with --all-dead');
        if (problems.length) throw new InvalidInputError('Invalid options', problems);
        return withDatabase(async (db) => {
          if (opts.org) await requireOrganization(db, opts.org);
          const requeued = await retryDeadRows(db, id ? { id: Number(id) } : { allDead: true, organizationSlug: opts.org });
          if (id && !requeued.length) {
            const status = await inboxRowStatus(db, Number(id));
            process.stderr.write(status ? `Webhook ${id} is ${status}, not dead; nothing to retry.\n` : `No webhook with id ${id}.\n`);
            return EXIT_CODES.failure;
          }
          process.stdout.write(
            requeued.length
              ? `Re-queued ${requeued.length} webhook${requeued.length === 1 ? '' : 's'} (${requeued.join(', ')}); a running "serve" picks them up within a second.\n`
              : 'No dead webhooks to retry.\n',
          );
          return EXIT_CODES.ok;
        });
      }),
    );
}

/** --org of `webhooks credentials` may also be a connection id; a slug that names nothing lists the known ones. */
async function requireOrganizationOrConnectionId(db: AppDatabase, slugOrId: string): Promise<void> {
  if (!(await findConnection(db, slugOrId))) await requireOrganization(db, slugOrId);
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openServiceDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openServiceDatabase(getConfig());
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
