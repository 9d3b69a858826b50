/**
 * Bad input from the admin (command options, an import file): every problem at once, so one
 * attempt shows all there is to fix. The CLI prints the list and exits 2; nothing was written.
 */
export class InvalidInputError extends Error {
  readonly code = 'invalid_input';
  constructor(
    readonly summary: string,
    readonly problems: readonly string[],
  ) {
    super(`${summary}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidInputError';
  }
}

/** Exit code of a command whose input was refused (same as a configuration or usage error). */
export const INVALID_INPUT_EXIT_CODE = 2;

/** Runs a command body; bad input becomes its message on stderr and exit code 2, the rest is rethrown. */
export async function exitOnInvalidInput(body: () => Promise<void | number>): Promise<void | number> {
  try {
    return await body();
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return INVALID_INPUT_EXIT_CODE;
  }
}
