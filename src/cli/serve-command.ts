import type { Command } from 'commander';
import { getConfig } from '../config';
import { createLogger } from '../logging/logger';
import { startService } from '../service/serve';
import { runCommand } from './run-command';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(COMMAND_DESCRIPTIONS.serve)
    .action(
      runCommand(async () => {
        const config = getConfig();
        const logger = createLogger({ level: config.LOG_LEVEL });
        const service = await startService(config, logger);
        process.stdout.write(`listening on ${service.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            logger.info({ signal }, 'signal received');
            void service.shutdown().then(resolve);
          };
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        // Work still going after its time (a sync on the embedded database's thread, waiting for
        // Jamf) must not hold the process: its run is already marked interrupted.
        process.exit();
      }),
    );
}
