import { Command } from 'commander';
import { registerServeCommand } from './cli/serve-command';
import { registerMigrateCommand } from './cli/migrate-command';

const program = new Command('jamf-sync')
  .description('Keeps an IT asset inventory in step with Jamf Pro')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors: exit 2 like any other bad input, --help/--version exit 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerServeCommand(program);
registerMigrateCommand(program);

void program.parseAsync(process.argv);
