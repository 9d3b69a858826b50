import type { Command } from 'commander';
import { runCommand } from './run-command';
import { runDemo } from '../demo/run-demo';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(COMMAND_DESCRIPTIONS.demo)
    .option('--computers <n>', 'simulated computers', '60')
    .option('--mobiles <n>', 'simulated mobile devices', '60')
    .option('--exit', 'stop after the walkthrough instead of leaving the service running')
    .action(
      runCommand(async (opts: { computers: string; mobiles: string; exit?: boolean }) => {
        await runDemo({ computers: Number(opts.computers), mobiles: Number(opts.mobiles), exit: Boolean(opts.exit) });
      }),
    );
}
