import type { Command } from 'commander';
import { getConfig, type Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import {
  DEFAULT_ORGANIZATION_SLUG,
  createOrganization,
  listOrganizations,
  removeOrganization,
  type OrganizationSummary,
} from '../organizations/organization-store';
import { openServiceDatabase } from '../service/open-service-database';
import { formatTable } from './format-table';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

/** `organizations list`: every organization with what belongs to it. */
export async function listOrganizationsText(db: AppDatabase, options: { json?: boolean } = {}): Promise<string> {
  const list = await listOrganizations(db);
  if (options.json) return JSON.stringify(list, null, 2);
  if (!list.length) return 'No organizations yet. Create one with "jamf-sync organizations create <slug> --name <name>".';
  return formatTable([
    ['ORG', 'NAME', 'CONNECTION', 'ASSETS', 'EMPLOYEES', 'RUNS', 'CREATED'],
    ...list.map((o) => [o.slug, o.name, o.hasConnection ? 'yes' : 'no', String(o.assets), String(o.employees), String(o.runs), o.createdAt]),
  ]);
}

export async function createOrganizationText(db: AppDatabase, slug: string, options: { name?: string }): Promise<string> {
  const row = await createOrganization(db, { slug, name: options.name });
  return [
    `Created organization "${row.slug}" (${row.name}).`,
    `Connect it to its Jamf Pro with "jamf-sync connections add --org ${row.slug} --url … --client-id … --secret-stdin".`,
  ].join('\n');
}

export async function removeOrganizationText(db: AppDatabase, slug: string, options: { force?: boolean }, config?: Config): Promise<string> {
  const removed: OrganizationSummary = await removeOrganization(db, slug, options);
  const lines = [
    `Removed organization "${slug}" with its ${removed.assets} asset(s), ${removed.employees} employee(s), ${removed.runs} run(s)` +
      `${removed.hasConnection ? ' and its Jamf connection' : ''}.`,
  ];
  if (slug === DEFAULT_ORGANIZATION_SLUG && config?.JAMF_URL) {
    lines.push('Note: JAMF_URL is set, so the next start creates this organization and its connection again; unset JAMF_URL to stop that.');
  }
  return lines.join('\n');
}

export function registerOrganizationsCommand(program: Command): void {
  const organizations = program.command('organizations').description(COMMAND_DESCRIPTIONS.organizations).addHelpText(
    'after',
    `
Every other command refuses an --org that names no organization, and lists the known ones. The
organization "default" (the single-organization setup) needs no create: JAMF_URL, an import or
"connections add --org default" create it on first use.`,
  );
  const withDatabase = async (fn: (db: AppDatabase, config: Config) => Promise<string>) => {
    const config = getConfig();
    const database = await openServiceDatabase(config);
    try {
      process.stdout.write(`${await fn(database.db, config)}\n`);
    } finally {
      await database.close();
    }
  };

  organizations
    .command('list')
    .description('list the organizations with their connection and how many assets, employees and runs they hold')
    .option('--json', 'print JSON')
    .action(runCommand((opts: { json?: boolean }) => withDatabase((db) => listOrganizationsText(db, opts))));

  organizations
    .command('create')
    .description('create an organization (its slug appears in --org and in its webhook URL)')
    .argument('<slug>', 'lower-case letters, digits and dashes, e.g. acme-corp')
    .option('--name <name>', 'display name (default: the slug)')
    .action(runCommand((slug: string, opts: { name?: string }) => withDatabase((db) => createOrganizationText(db, slug, opts))));

  organizations
    .command('remove')
    .description('delete an organization with its connection, employees, runs and webhook inbox')
    .argument('<slug>', 'the organization')
    .option('--force', 'also delete its assets (refused without it while it has any)')
    .action(runCommand((slug: string, opts: { force?: boolean }) => withDatabase((db, config) => removeOrganizationText(db, slug, opts, config))));
}
