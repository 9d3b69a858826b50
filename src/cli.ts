import v8 from 'node:v8';
import { Command } from 'commander';
import { COMMAND_DESCRIPTIONS, type CommandName } from './cli/command-descriptions';
import { exitCodeFor, failureMessage } from './cli/exit-codes';
import { loadDotEnvFile } from './config/env-file';

type Register = (program: Command) => unknown;

/**
 * Each command's module, loaded only when that command runs (or its own help is asked for): a
 * command pays for what it uses, and `--help` for nothing but commander (the service, the simulator,
 * drizzle, express and the embedded database stay unloaded; see docs/benchmarks.md). With require,
 * not import(): under tsx (the sources) an import() goes to Node's ESM loader, which knows no .ts.
 */
const COMMAND_MODULES: Record<CommandName, () => Register> = {
  serve: () => (require('./cli/serve-command') as typeof import('./cli/serve-command')).registerServeCommand,
  sync: () => (require('./cli/sync-command') as typeof import('./cli/sync-command')).registerSyncCommand,
  migrate: () => (require('./cli/migrate-command') as typeof import('./cli/migrate-command')).registerMigrateCommand,
  explain: () => (require('./cli/explain-command') as typeof import('./cli/explain-command')).registerExplainCommand,
  connections: () => (require('./cli/connections/connections-command') as typeof import('./cli/connections/connections-command')).registerConnectionsCommand,
  organizations: () => (require('./cli/organizations-command') as typeof import('./cli/organizations-command')).registerOrganizationsCommand,
  import: () => (require('./cli/import-command') as typeof import('./cli/import-command')).registerImportCommand,
  export: () => (require('./cli/export-command') as typeof import('./cli/export-command')).registerExportCommand,
  tokens: () => (require('./cli/tokens-command') as typeof import('./cli/tokens-command')).registerTokensCommand,
  keys: () => (require('./cli/keys-command') as typeof import('./cli/keys-command')).registerKeysCommand,
  webhooks: () => (require('./cli/webhooks-command') as typeof import('./cli/webhooks-command')).registerWebhooksCommand,
  notifications: () => (require('./cli/notifications-command') as typeof import('./cli/notifications-command')).registerNotificationsCommand,
  simulator: () => (require('./cli/simulator-command') as typeof import('./cli/simulator-command')).registerSimulatorCommand,
  demo: () => (require('./cli/demo-command') as typeof import('./cli/demo-command')).registerDemoCommand,
};

/**
 * Commands that run for a few seconds. V8 compiles WebAssembly with a quick baseline compiler and
 * then again, optimized, in the background for functions that run often; the embedded database is a
 * 9 MB WebAssembly image, and a short command pays for that second compilation without ever using
 * it (about a third of PGlite's start-up CPU; docs/benchmarks.md). serve, sync and demo keep it.
 */
const SHORT_COMMANDS: ReadonlySet<CommandName> = new Set(['migrate', 'explain', 'connections', 'organizations', 'import', 'export', 'tokens', 'keys', 'webhooks', 'notifications']);

const ARGUMENTS_IN_HELP: Partial<Record<CommandName, string>> = { import: '<what> <file>', export: '<what>' };

/** The command named on the command line (`jamf-sync help <command>` included), if any. */
function invokedCommand(args: readonly string[]): CommandName | null {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMAND_MODULES, name) ? (name as CommandName) : null;
}

async function main(): Promise<void> {
  // Before anything reads the environment; the real environment wins over the file.
  loadDotEnvFile();
  const program = new Command('jamf-sync')
    .description('Keeps an IT asset inventory in step with Jamf Pro')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own usage errors exit like any other bad input; --help and --version succeed.
      process.exit(exitCodeFor(err));
    });
  const invoked = invokedCommand(process.argv.slice(2));
  if (invoked && SHORT_COMMANDS.has(invoked)) v8.setFlagsFromString('--liftoff-only');
  // In the help's order; every other command is a name and a line of help only.
  for (const name of Object.keys(COMMAND_MODULES) as CommandName[]) {
    if (name === invoked) COMMAND_MODULES[name]()(program);
    else program.command(`${name}${ARGUMENTS_IN_HELP[name] ? ` ${ARGUMENTS_IN_HELP[name]}` : ''}`).description(COMMAND_DESCRIPTIONS[name]);
  }
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  process.stderr.write(`${failureMessage(err)}\n`);
  process.exitCode = exitCodeFor(err);
});
