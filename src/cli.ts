import { Command } from 'commander';
import { registerServeCommand } from './cli/serve-command';
import { registerMigrateCommand } from './cli/migrate-command';
import { registerSyncCommand } from './cli/sync-command';
import { registerSimulatorCommand } from './simulator/cli-command';
import { registerExplainCommand } from './explain/explain-command';

const program = new Command('jamf-sync')
  .description('Keeps an IT asset inventory in step with Jamf Pro')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors: exit 2 like any other bad input, --help/--version exit 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerServeCommand(program);
registerSyncCommand(program);
registerMigrateCommand(program);
registerExplainCommand(program);
registerSimulatorCommand(program);

void program.parseAsync(process.argv);
