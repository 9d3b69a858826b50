import type { Command } from 'commander';
import pino from 'pino';
import { getConfig } from '../config';
import { createLogger } from '../logging/logger';
import { requireConnection, toSyncTarget, DEFAULT_ORGANIZATION_SLUG } from '../connections/connection-store';
import { jamfClientForConnection } from '../connections/jamf-client-for-connection';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { runFullSync } from '../sync/full-sync';
import { mapJamfRecordToDevice } from '../sync/record-to-device';
import { formatRunReport } from '../sync/format-run-report';
import { openServiceDatabase } from './open-service-database';
import { runCommand } from './run-command';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('run a full sync now (or preview one with --dry-run)')
    .option('--org <slug>', 'organization', DEFAULT_ORGANIZATION_SLUG)
    .option('--dry-run', 'plan everything, write nothing (the preview: counts employees that would be created and possible duplicates)')
    .option('--json', 'print the run report as JSON')
    .action(
      runCommand(async (opts: { org: string; dryRun?: boolean; json?: boolean }) => {
        const config = getConfig();
        // stdout carries the report; logs go to stderr.
        const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
        const database = await openServiceDatabase(config);
        try {
          const { organization, connection } = await requireConnection(database.db, opts.org);
          const client = jamfClientForConnection(organization, connection, { config, box: secretBoxFromConfig(config), logger });
          try {
            // Fail fast with the client's clear error (credentials, reachability) before any run row exists.
            await client.jamfProVersion();
            const report = await runFullSync(
              { db: database.db, client, logger, mapDevice: mapJamfRecordToDevice },
              toSyncTarget(organization, connection),
              {
                trigger: 'manual',
                dryRun: opts.dryRun,
                onProgress: (p) => {
                  const rate = p.elapsedMs > 0 ? Math.round((p.devices * 1000) / p.elapsedMs) : 0;
                  process.stderr.write(`${p.kind === 'computer' ? 'computers' : 'mobile devices'}: page ${p.pages}, ${p.devices} devices, ${rate} devices/s\n`);
                },
              },
            );
            process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRunReport(report)}\n`);
            return report.status === 'failed' ? 1 : 0;
          } finally {
            await client.close();
          }
        } finally {
          await database.close();
        }
      }),
    );
}
