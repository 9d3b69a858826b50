import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';

/**
 * Loads `.env` from the working directory into `process.env`, as `.env.example` invites. Variables
 * already in the environment win over the file (Node's `process.loadEnvFile` never overwrites
 * one), so `LOG_LEVEL=debug jamf-sync …` still works beside a `.env`. Returns the file loaded, or
 * null when there is none.
 */
export function loadDotEnvFile(cwd: string = process.cwd()): string | null {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return null;
  try {
    process.loadEnvFile(file);
  } catch (err) {
    throw new ConfigError([`.env: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return file;
}
