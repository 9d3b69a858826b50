import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import { DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { importEmployees } from '../inventory/import-employees';
import { importAssets } from '../inventory/import-assets';
import type { ImportSummary } from '../inventory/import-run';
import { InvalidInputError } from '../errors/invalid-input-error';
import { checkOrganizationSlug } from '../organizations/organization-store';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import { EXIT_CODES } from './exit-codes';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

type ImportKind = 'employees' | 'assets';

/**
 * `jamf-sync import employees|assets <file> [--org slug] [--dry-run]`: loads an organization's
 * existing inventory (CSV or JSON) before its first sync. All or nothing: a file with any bad row
 * writes nothing and lists every problem with its line (CSV) or row (JSON). The file is read as a
 * stream (see runImport). A dry run prints what would be created, updated and refused.
 */
export async function importFile(
  db: AppDatabase,
  kind: string,
  file: string,
  options: { org: string; dryRun?: boolean },
): Promise<{ text: string; summary: ImportSummary }> {
  if (kind !== 'employees' && kind !== 'assets') {
    throw new InvalidInputError('Invalid arguments', [`"${kind}": what to import must be employees or assets`]);
  }
  checkOrganizationSlug(options.org);
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch (err) {
    throw new InvalidInputError('Cannot import, nothing was written', [`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  const input = { organizationSlug: options.org, fileName: path.basename(file), path: file, dryRun: options.dryRun };
  const summary = kind === 'employees' ? await importEmployees(db, input) : await importAssets(db, input);
  return { text: formatImportSummary(kind, input.fileName, summary), summary };
}

export function formatImportSummary(kind: ImportKind, fileName: string, s: ImportSummary): string {
  const source = `${fileName} (${s.format.toUpperCase()}, ${s.rows} row(s))`;
  const lines = s.dryRun
    ? [
        `Dry run of importing ${kind} from ${source} into organization "${s.organization}" (nothing was written): ` +
          `would create ${s.created}, update ${s.updated}, leave ${s.unchanged} unchanged; ${s.refused} row(s) refused`,
      ]
    : [`Imported ${kind} from ${source} into organization "${s.organization}": ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`];
  if (s.ignoredFields.length) lines.push(`  not imported (export-only, secure or unknown columns): ${s.ignoredFields.join(', ')}`);
  if (s.problems.length) {
    lines.push(`  ${s.problems.length} problem(s); while any remains, the import writes nothing:`);
    lines.push(...s.problems.map((p) => `  - ${p}`));
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
    .option('--dry-run', 'check the whole file and print what would be created, updated and refused; write nothing (exit 2 if any row is refused)')
    .addHelpText(
      'after',
      `
JSON: employees [{"firstName","lastName","emails":["..."]}]
      assets    [{"serialNumber","assetType","status","condition","location","assigneeEmail", ...asset fields}]
CSV:  the same names as header columns, in any case, with spaces or underscores ("First Name", "serial_number");
      employees also read "Email", "Work Email", "Personal Email" (all become the employee's emails; several
      emails in one cell separated by ";") and ignore other columns (Department, Title ...).
      Comma- or semicolon-separated (found from the header line), UTF-8 with or without a byte-order mark.
Asset fields: serialNumber, jamfId, assetType, make, model, modelIdentifier, modelNumber, displaySizeInches,
releaseDate, color, keyboardLanguage, imei, memoryMb, processor, processorFrequencyMhz, storageMb, storageType,
operatingSystem, status, condition, location, assigneeEmail. A new asset needs assetType and status; an existing
serial is updated in the fields given (an empty CSV cell keeps the stored value, a JSON null clears it).
Two rows with one email (employees) or one serial (assets) are refused, naming both lines.
Assignees must be employees of the organization: import employees first.`,
    )
    .action(
      runCommand(async (what: string, file: string, opts: { org: string; dryRun?: boolean }) => {
        const config = getConfig();
        const database = await openServiceDatabase(config);
        try {
          const { text, summary } = await importFile(database.db, what, file, opts);
          process.stdout.write(`${text}\n`);
          return summary.refused ? EXIT_CODES.invalidInput : EXIT_CODES.ok;
        } finally {
          await database.close();
        }
      }),
    );
}
