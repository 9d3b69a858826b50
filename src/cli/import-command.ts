import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import { DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { importEmployees, type ImportSummary } from '../inventory/import-employees';
import { importAssets, type AssetImportSummary } from '../inventory/import-assets';
import { InvalidInputError } from '../errors/invalid-input-error';
import { checkOrganizationSlug } from '../organizations/organization-store';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

type ImportKind = 'employees' | 'assets';

/**
 * `jamf-sync import employees|assets <file> [--org slug]`: loads an organization's existing
 * inventory (CSV or JSON) before its first sync. All or nothing: a file with any bad row writes
 * nothing and lists every problem with its line (CSV) or row (JSON).
 */
async function importFile(db: AppDatabase, kind: string, file: string, organizationSlug: string): Promise<string> {
  if (kind !== 'employees' && kind !== 'assets') {
    throw new InvalidInputError('Invalid arguments', [`"${kind}": what to import must be employees or assets`]);
  }
  checkOrganizationSlug(organizationSlug);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidInputError('Cannot import, nothing was written', [`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  const input = { organizationSlug, fileName: path.basename(file), text };
  const summary = kind === 'employees' ? await importEmployees(db, input) : await importAssets(db, input);
  return formatImportSummary(kind, input.fileName, summary);
}

function formatImportSummary(kind: ImportKind, fileName: string, s: ImportSummary | AssetImportSummary): string {
  const lines = [
    `Imported ${kind} from ${fileName} (${s.format.toUpperCase()}, ${s.rows} row(s)) into organization "${s.organization}": ` +
      `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`,
  ];
  if ('ignoredFields' in s && s.ignoredFields.length) {
    lines.push(`  not imported (export-only or secure fields): ${s.ignoredFields.join(', ')}`);
  }
  return lines.join('\n');
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(COMMAND_DESCRIPTIONS.import)
    .argument('<what>', 'employees or assets')
    .argument('<file>', 'a .csv or .json file (format by extension, else by content)')
    .option('--org <slug>', 'organization: an existing one, or "default" (created on first use)', DEFAULT_ORGANIZATION_SLUG)
    .addHelpText(
      'after',
      `
JSON: employees [{"firstName","lastName","emails":["..."]}]
      assets    [{"serialNumber","assetType","status","condition","location","assigneeEmail", ...asset fields}]
CSV:  the same names as header columns; emails separated by ";".
Asset fields: serialNumber, jamfId, assetType, make, model, modelIdentifier, modelNumber, displaySizeInches,
releaseDate, color, keyboardLanguage, imei, memoryMb, processor, processorFrequencyMhz, storageMb, storageType,
operatingSystem, status, condition, location, assigneeEmail. A new asset needs assetType and status; an existing
serial is updated in the fields given (an empty CSV cell keeps the stored value, a JSON null clears it).
Assignees must be employees of the organization: import employees first.`,
    )
    .action(
      runCommand(async (what: string, file: string, opts: { org: string }) => {
        const config = getConfig();
        const database = await openServiceDatabase(config);
        try {
          process.stdout.write(`${await importFile(database.db, what, file, opts.org)}\n`);
        } finally {
          await database.close();
        }
      }),
    );
}
