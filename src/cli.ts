import { Command } from 'commander';
import { registerServeCommand } from './cli/serve-command';
import { registerMigrateCommand } from './cli/migrate-command';
import { registerSyncCommand } from './cli/sync-command';
import { registerSimulatorCommand } from './cli/simulator-command';
import { registerExplainCommand } from './cli/explain-command';
import { registerDemoCommand } from './cli/demo-command';
import { registerConnectionsCommand } from './cli/connections/connections-command';
import { registerImportCommand } from './cli/import-command';
import { registerExportCommand } from './cli/export-command';
import { registerKeysCommand } from './cli/keys-command';
import { registerWebhooksCommand } from './cli/webhooks-command';
import { exitCodeFor } from './cli/exit-codes';

const program = new Command('jamf-sync')
  .description('Keeps an IT asset inventory in step with Jamf Pro')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors exit like any other bad input; --help and --version succeed.
    process.exit(exitCodeFor(err));
  });

registerServeCommand(program);
registerSyncCommand(program);
registerMigrateCommand(program);
registerExplainCommand(program);
registerConnectionsCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerKeysCommand(program);
registerWebhooksCommand(program);
registerSimulatorCommand(program);
registerDemoCommand(program);

void program.parseAsync(process.argv);
