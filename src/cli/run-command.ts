import { ConfigError } from '../config';

/**
 * Runs a CLI action and turns failures into one clear message and a non-zero exit, never a stack
 * trace: configuration problems exit 2, everything else 1. Set LOG_LEVEL=debug for the stack.
 */
export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<void | number>) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await action(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      process.stderr.write(`${formatError(err)}\n`);
      if (process.env.LOG_LEVEL === 'debug' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err instanceof ConfigError ? 2 : 1;
    }
  };
}

export function formatError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `Error${typeof code === 'string' ? ` (${code})` : ''}: ${err.message}`;
  }
  return `Error: ${String(err)}`;
}
