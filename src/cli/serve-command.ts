import type { Command } from 'commander';
import { getConfig } from '../config';
import { createLogger } from '../logging/logger';
import { configuredSecrets } from '../logging/known-secrets';
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
        const logger = createLogger({ level: config.LOG_LEVEL, secrets: configuredSecrets(config) });
        // Signals are caught before the service starts: a SIGTERM sent as soon as "listening on" is read
        // (or during the start) would otherwise kill the process without a shutdown.
        const signalled = new Promise<string>((resolve) => {
          process.once('SIGTERM', () => resolve('SIGTERM'));
          process.once('SIGINT', () => resolve('SIGINT'));
        });
        const service = await startService(config, logger);
        process.stdout.write(`listening on ${service.url}\n`);
        logger.info({ signal: await signalled }, 'signal received');
        await service.shutdown();
        // Work still going after its time (a sync on the embedded database's thread, waiting for
        // Jamf) must not hold the process: its run is already marked interrupted.
        process.exit();
      }),
    );
}
