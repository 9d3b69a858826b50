import os from 'node:os';
import type { Command } from 'commander';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { SecretBox } from '../crypto/secret-box';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { formatRunReport } from '../sync/format-run-report';
import { exportAssets, type UnreadableRecoveryKey } from '../inventory/export-assets';
import { exportEmployees } from '../inventory/export-employees';
import { exportChanges } from '../inventory/export-changes';
import { exportRuns, loadRunReport, writeRunEvents } from '../inventory/export-runs';
import { streamSink, type ExportFormat, type TextSink } from '../inventory/export-writer';
import { InvalidInputError } from '../errors/invalid-input-error';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import { EXIT_CODES } from './exit-codes';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

export interface ExportOptions {
  org?: string;
  format?: string;
  includeSecure?: boolean;
  actor?: string;
  reason?: string;
  run?: string;
}

const WHAT = ['assets', 'employees', 'changes', 'runs'] as const;

/**
 * `jamf-sync export assets|employees|changes|runs`: prints to `sink` as it reads, in pages.
 * Secure asset fields only with --include-secure, each recovery key read audited (R12); a key that
 * will not decrypt is named on stderr and the command exits 3 (partial) after printing every row.
 */
export async function runExport(
  deps: { db: AppDatabase; box: SecretBox | null },
  sink: TextSink,
  what: string,
  options: ExportOptions,
): Promise<{ rows: number; recoveryKeysRead?: number; unreadableRecoveryKeys?: UnreadableRecoveryKey[] }> {
  const format = checkExportArguments(what, options);
  const organizationSlug = options.org ?? DEFAULT_ORGANIZATION_SLUG;
  switch (what) {
    case 'assets':
      return exportAssets(deps, sink, {
        organizationSlug,
        format: format as ExportFormat,
        includeSecure: options.includeSecure,
        actor: options.actor?.trim() || defaultActor(),
        reason: options.reason ?? null,
      });
    case 'employees':
      return exportEmployees(deps, sink, { organizationSlug, format: format as ExportFormat });
    case 'changes':
      return exportChanges(deps, sink, { organizationSlug, format: format as ExportFormat, runId: options.run });
    default: {
      if (options.run === undefined) return exportRuns(deps, sink, { organizationSlug, format: format as ExportFormat });
      // One run's report; --org only narrows the lookup when given.
      const report = await loadRunReport(deps.db, options.run, options.org);
      if (format === 'json') await sink.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (format === 'text') await sink.write(`${formatRunReport(report)}\n`);
      else await writeRunEvents(sink, report, 'csv');
      return { rows: 1 };
    }
  }
}

/** Checks what to export and its options together (every problem listed); returns the format. */
function checkExportArguments(what: string, options: ExportOptions): string {
  const problems: string[] = [];
  if (!(WHAT as readonly string[]).includes(what)) problems.push(`"${what}": what to export must be one of ${WHAT.join(', ')}`);
  const textAllowed = what === 'runs' && options.run !== undefined;
  const format = options.format ?? 'json';
  if (!['json', 'csv', ...(textAllowed ? ['text'] : [])].includes(format)) {
    problems.push(`--format: must be json or csv${textAllowed ? ' (or text, with --run)' : ''} (got "${format}")`);
  }
  if (options.includeSecure && what !== 'assets') problems.push('--include-secure: only applies to export assets');
  if ((options.actor !== undefined || options.reason !== undefined) && !options.includeSecure) {
    problems.push('--actor and --reason: are recorded only with --include-secure');
  }
  if (options.run !== undefined && what !== 'runs' && what !== 'changes') problems.push('--run: only applies to export runs and export changes');
  if (options.actor !== undefined && !options.actor.trim()) problems.push('--actor: must not be empty');
  if (problems.length) throw new InvalidInputError(`Invalid arguments for "export ${what}"`, problems);
  return format;
}

/** stderr of an export that printed some rows without their recovery key: each asset, and what to do. */
export function unreadableKeysMessage(unreadable: readonly UnreadableRecoveryKey[]): string {
  return [
    `${unreadable.length} FileVault recovery key(s) could not be decrypted; their rows were exported without the key, and their reads were not audited:`,
    ...unreadable.map((u) => `  - asset ${u.serialNumber} (key id ${u.keyId}): ${u.reason}`),
    'The stored ciphertext is damaged, or was not made with that key; the next sync that fetches FileVault keys from Jamf stores it again.',
  ].join('\n') + '\n';
}

/** Who reads secure fields when --actor is not given: the operating-system user running the CLI. */
function defaultActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(COMMAND_DESCRIPTIONS.export)
    .argument('<what>', WHAT.join(', '))
    .option('--org <slug>', `organization (default "${DEFAULT_ORGANIZATION_SLUG}")`)
    .option('--format <format>', 'json or csv (default json); export runs --run also takes text')
    .option('--include-secure', 'assets: add the ops-only fields (R12) with the FileVault recovery key decrypted; every key read is audited')
    .option('--actor <who>', 'with --include-secure: who reads, for the audit (default cli:<os user>)')
    .option('--reason <why>', 'with --include-secure: why, for the audit (e.g. a ticket number)')
    .option('--run <id>', 'runs: print this run\'s full report with its warnings and errors; changes: only this run\'s')
    .action(
      runCommand(async (what: string, opts: ExportOptions) => {
        checkExportArguments(what, opts);
        const config = getConfig();
        const database = await openServiceDatabase(config);
        try {
          const result = await runExport({ db: database.db, box: secretBoxFromConfig(config) }, streamSink(process.stdout), what, opts);
          const unreadable = result.unreadableRecoveryKeys ?? [];
          if (!unreadable.length) return EXIT_CODES.ok;
          process.stderr.write(unreadableKeysMessage(unreadable));
          return EXIT_CODES.partial;
        } finally {
          await database.close();
        }
      }),
    );
}
