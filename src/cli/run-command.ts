import { exitCodeFor, failureMessage, stackIsWorthShowing } from './exit-codes';

/**
 * Runs a CLI action and turns failures into one clear message and a non-zero exit, never a stack
 * trace (see exit-codes.ts for which code). The action may also return the exit code of a command
 * that ran but did not succeed. Set LOG_LEVEL=debug for the stack.
 */
export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<void | number>) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await action(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      process.stderr.write(`${failureMessage(err)}\n`);
      // Read raw, not through the configuration: the failure may be that the configuration is invalid.
      if (process.env.LOG_LEVEL === 'debug' && stackIsWorthShowing(err)) process.stderr.write(`${err.stack}\n`);
      process.exitCode = exitCodeFor(err);
    }
  };
}
