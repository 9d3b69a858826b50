import type { Command } from 'commander';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import { createToken, listTokens, revokeToken, type CreateTokenInput } from '../tokens/token-store';
import { openServiceDatabase } from '../service/open-service-database';
import { formatTable } from './format-table';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

/**
 * `tokens create`: the token alone on stdout (so `$(jamf-sync tokens create …)` captures it), what
 * was created on stderr. It is shown this once: only its hash is stored.
 */
export async function createTokenOutput(db: AppDatabase, options: CreateTokenInput): Promise<{ stdout: string; stderr: string }> {
  const { token, summary } = await createToken(db, options);
  const scope = summary.organization ? `organization "${summary.organization}"` : 'every organization';
  return {
    stdout: token,
    stderr: `Created ${summary.role} token ${summary.prefix}… (id ${summary.id}) for ${scope}. It is shown only now: store it in a secret manager.`,
  };
}

export async function listTokensText(db: AppDatabase, options: { json?: boolean } = {}): Promise<string> {
  const tokens = await listTokens(db);
  if (options.json) return JSON.stringify(tokens, null, 2);
  if (!tokens.length) return 'No API tokens yet. Create one with "jamf-sync tokens create --role reader --org <slug>".';
  return formatTable([
    ['ID', 'PREFIX', 'ROLE', 'ORG', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'],
    ...tokens.map((t) => [t.id, t.prefix, t.role, t.organization ?? '(all)', t.name ?? '', t.createdAt, t.lastUsedAt ?? 'never', t.revokedAt ?? '']),
  ]);
}

export async function revokeTokenText(db: AppDatabase, idOrPrefix: string): Promise<string> {
  const token = await revokeToken(db, idOrPrefix);
  return `Revoked ${token.role} token ${token.prefix}… (id ${token.id}) at ${token.revokedAt}; the API refuses it from now on.`;
}

export function registerTokensCommand(program: Command): void {
  const tokens = program.command('tokens').description(COMMAND_DESCRIPTIONS.tokens).addHelpText(
    'after',
    `
Roles: reader (one organization: its assets, runs, connection status), admin (one organization:
also starts its syncs), ops (every organization). API_TOKEN keeps working as full access.`,
  );
  const withDatabase = async (fn: (db: AppDatabase) => Promise<{ stdout: string; stderr?: string }>) => {
    const database = await openServiceDatabase(getConfig());
    try {
      const out = await fn(database.db);
      if (out.stderr) process.stderr.write(`${out.stderr}\n`);
      process.stdout.write(`${out.stdout}\n`);
    } finally {
      await database.close();
    }
  };

  tokens
    .command('create')
    .description('create an API token and print it once (only its hash is stored)')
    .requiredOption('--role <role>', 'reader, admin or ops')
    .option('--org <slug>', 'the organization of a reader or admin token (ops: leave out)')
    .option('--name <text>', 'what the token is for, e.g. "asset platform UI"')
    .action(runCommand((opts: CreateTokenInput) => withDatabase((db) => createTokenOutput(db, opts))));

  tokens
    .command('list')
    .description('list the API tokens with their role, organization and last use (never the tokens)')
    .option('--json', 'print JSON')
    .action(runCommand((opts: { json?: boolean }) => withDatabase(async (db) => ({ stdout: await listTokensText(db, opts) }))));

  tokens
    .command('revoke')
    .description('revoke an API token: the API refuses it from now on')
    .argument('<id-or-prefix>', 'the id or the prefix shown by "tokens list"')
    .action(runCommand((idOrPrefix: string) => withDatabase(async (db) => ({ stdout: await revokeTokenText(db, idOrPrefix) }))));
}
