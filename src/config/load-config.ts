import fs from 'node:fs';
import path from 'node:path';
import { configSchema, crossFieldProblems, type Config } from './schema';
import { ConfigError } from './config-error';

export { ConfigError };

/**
 * Reads settings from an optional JSON file (CONFIG_FILE, default config/local.json when present;
 * keys are the environment variable names) and then the environment, which wins.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = readConfigFile(env.CONFIG_FILE);
  const raw = { ...fromFile, ...definedOnly(env) };
  const parsed = configSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)),
    ...crossFieldProblems(raw),
  ];
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

/** The default configuration, for tests and tools: no file, no environment. */
export function defaultConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ CONFIG_FILE: '', ...overrides });
}

let cached: Config | undefined;

/** The process's configuration, parsed once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

function readConfigFile(explicit: string | undefined): Record<string, unknown> {
  const file = explicit === undefined ? path.resolve('config', 'local.json') : explicit;
  if (!file) return {};
  if (!fs.existsSync(file)) {
    if (explicit) throw new ConfigError([`CONFIG_FILE: ${file} does not exist`]);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`CONFIG_FILE: ${file} is not valid JSON (${(err as Error).message})`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError([`CONFIG_FILE: ${file} must hold one JSON object of VARIABLE: value pairs`]);
  }
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
