import type { Config } from '../config';
import { SecretBox } from './secret-box';

/** The configured key ring, or null when ENCRYPTION_KEY is not set (nothing secret can be stored). */
export function secretBoxFromConfig(config: Config): SecretBox | null {
  if (!config.ENCRYPTION_KEY) return null;
  return new SecretBox([config.ENCRYPTION_KEY, ...config.ENCRYPTION_KEYS_PREVIOUS]);
}
