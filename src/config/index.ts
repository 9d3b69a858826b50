export type { Config } from './schema';
export { loadConfig, defaultConfig, getConfig, ConfigError } from './load-config';
