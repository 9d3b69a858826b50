/**
 * Bad input from the admin (command options, an import file): every problem at once, so one
 * attempt shows all there is to fix. Nothing was written; the CLI prints the list and exits with
 * its invalid-input code (src/cli/exit-codes.ts).
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
