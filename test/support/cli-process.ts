import path from 'node:path';
import { startNode, type RunningChild } from './child-processes';

const BIN = path.resolve(__dirname, '../../bin/jamf-sync.cjs');

export type CliRun = RunningChild;

/**
 * Runs `jamf-sync <args>` as a real process with only the given environment (plus PATH/HOME), in
 * `cwd` when given (where it looks for `.env`), tracked and killed like every child (see
 * child-processes.ts).
 */
export function runCli(args: string[], env: Record<string, string>, input?: string, options: { cwd?: string } = {}): CliRun {
  return startNode(BIN, args, {
    what: `jamf-sync ${args.join(' ')}`,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CONFIG_FILE: '', ...env },
    input,
    cwd: options.cwd,
  });
}
