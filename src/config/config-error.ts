/**
 * Raised when the configuration is invalid; lists every problem at once. In a module of its own so
 * the CLI's exit codes can know it without loading the configuration schema (zod) at start.
 */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
