import type { Command } from 'commander';
import pino from 'pino';
import { getConfig } from '../config';
import { createLogger } from '../logging/logger';
import { configuredSecrets } from '../logging/known-secrets';
import { DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { runConnectionSync } from '../sync/run-connection-sync';
import { formatRunReport } from '../sync/format-run-report';
import { openServiceDatabase } from '../service/open-service-database';
import { runCommand } from './run-command';
import { requireOrganization } from '../organizations/organization-store';
import { EXIT_CODES } from './exit-codes';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';
import { InvalidInputError } from '../errors/invalid-input-error';
import { DEVICE_KIND_CHOICES, normalizeSerials, serialListProblems, type DeviceKindChoice, type RunSelection } from '../sync/run-selection';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description(COMMAND_DESCRIPTIONS.sync)
    .option('--org <slug>', 'organization', DEFAULT_ORGANIZATION_SLUG)
    .option('--dry-run', 'plan everything, write nothing (the preview: counts employees that would be created and possible duplicates)')
    .option('--json', 'print the run report as JSON')
    .option(
      '--serial <serial>',
      'sync only the device with this serial number (repeatable); never marks anything removed',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--only <kind>', 'sync only computers or mobiles; never marks anything removed')
    .action(
      runCommand(async (opts: { org: string; dryRun?: boolean; json?: boolean; serial?: string[]; only?: string }) => {
        // Checked before the configuration and the database: bad input changes nothing and asks Jamf nothing.
        const selection = parseSelectionOptions(opts);
        const config = getConfig();
        // stdout carries the report; logs go to stderr, warnings and up unless LOG_LEVEL says otherwise.
        const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: configuredSecrets(config) }, pino.destination(2));
        const database = await openServiceDatabase(config);
        try {
          await requireOrganization(database.db, opts.org);
          const report = await runConnectionSync({ db: database.db, config, box: secretBoxFromConfig(config), logger }, opts.org, {
            trigger: 'manual',
            dryRun: opts.dryRun,
            selection,
            onProgress: (p) => {
              const rate = p.elapsedMs > 0 ? Math.round((p.devices * 1000) / p.elapsedMs) : 0;
              process.stderr.write(`${p.kind === 'computer' ? 'computers' : 'mobile devices'}: page ${p.pages}, ${p.devices} devices, ${rate} devices/s\n`);
            },
          });
          if (!report) return EXIT_CODES.failure;
          process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRunReport(report)}\n`);
          return report.status === 'failed' ? EXIT_CODES.failure : EXIT_CODES.ok;
        } finally {
          await database.close();
        }
      }),
    );
}

/** `--serial` and `--only` as a run selection; every problem at once, before anything runs. */
function parseSelectionOptions(opts: { serial?: string[]; only?: string }): RunSelection {
  const serials = opts.serial ?? [];
  const problems = serialListProblems(serials).map((p) => `--serial ${p}`);
  const only = opts.only;
  if (only !== undefined && !DEVICE_KIND_CHOICES.includes(only as DeviceKindChoice)) {
    problems.push(`--only "${only.slice(0, 50)}": must be one of ${DEVICE_KIND_CHOICES.join(', ')}`);
  }
  if (problems.length) throw new InvalidInputError('The sync was not started', problems);
  return { serials: serials.length ? normalizeSerials(serials) : undefined, only: only as DeviceKindChoice | undefined };
}
