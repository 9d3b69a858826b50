import { CommanderError } from 'commander';
// Not '../config': these modules stay light, since every command (and --help) loads this one.
import { ConfigError } from '../config/config-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { CliOptionError } from '../simulator/cli-options';
import { UnknownOrganizationError } from '../organizations/unknown-organization-error';

/**
 * The exit codes of every `jamf-sync` command, decided here only (as `toAppError` does for HTTP
 * statuses), so scripts and cron wrappers can tell "fix the input" from "the work failed".
 */
export const EXIT_CODES = {
  /** Done; also --help and --version. */
  ok: 0,
  /** The work failed: Jamf unreachable or refusing, a run that failed, a database error, nothing to retry. */
  failure: 1,
  /** Nothing was done because the input is wrong (configuration, usage, options, an import file, an unknown --org): fix it and run again. */
  invalidInput: 2,
  /** Done except for the items named on stderr (an export row whose recovery key would not decrypt). */
  partial: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code of a command that threw `err`; commander's own usage errors included. */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalidInput;
  if (err instanceof ConfigError || err instanceof InvalidInputError || err instanceof CliOptionError || err instanceof UnknownOrganizationError) {
    return EXIT_CODES.invalidInput;
  }
  return EXIT_CODES.failure;
}

/**
 * What stderr says about `err`, on one line or a list, never a stack trace. Input errors are shown
 * as they are (they already list every problem); anything else gets its stable code when it has one.
 */
export function failureMessage(err: unknown): string {
  if (err instanceof ConfigError || err instanceof InvalidInputError) return err.message;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `Error${typeof code === 'string' ? ` (${code})` : ''}: ${err.message}`;
  }
  return `Error: ${String(err)}`;
}

/**
 * Whether LOG_LEVEL=debug adds the stack below the message: not for options or files the admin gave,
 * where the list of problems is the whole story.
 */
export function stackIsWorthShowing(err: unknown): err is Error & { stack: string } {
  return err instanceof Error && !(err instanceof InvalidInputError) && Boolean(err.stack);
}
