import type { Command } from 'commander';
import { getConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(COMMAND_DESCRIPTIONS.migrate)
    .action(
      runCommand(async () => {
        const config = getConfig();
        const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
        try {
          const { applied } = await migrate(database.db);
          process.stdout.write(
            applied.length
              ? `applied ${applied.length} migration(s) to ${database.location}: ${applied.join(', ')}\n`
              : `database ${database.location} is up to date\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
