import { loadConfig, type Config } from '../../config';
import { MissingEncryptionKeyError, type SecretBox } from '../../crypto/secret-box';
import type { SecretSources } from './connection-options';

/**
 * The configuration for these commands, and the Jamf secret from the environment. When JAMF_URL is
 * not set, JAMF_CLIENT_SECRET / JAMF_PASSWORD are this command's input (a way to keep the secret off
 * the command line), so they are taken out before the configuration is checked (which would
 * otherwise ask for JAMF_CLIENT_ID / JAMF_URL). With JAMF_URL set, they belong to the environment's
 * own connection and are left to it.
 */
export function connectionsEnvironment(env: NodeJS.ProcessEnv): { config: Config; secretEnv: SecretSources['env'] } {
  if (env.JAMF_URL?.trim()) return { config: loadConfig(env), secretEnv: {} };
  const { JAMF_CLIENT_SECRET, JAMF_PASSWORD, ...rest } = env;
  return {
    config: loadConfig(rest),
    secretEnv: { clientSecret: JAMF_CLIENT_SECRET?.trim() || undefined, password: JAMF_PASSWORD?.trim() || undefined },
  };
}

/** Stdin can be read once; the options are checked more than once. */
export function readStdinOnce(secrets: SecretSources): SecretSources {
  let read: Promise<string> | undefined;
  return { ...secrets, readStdin: () => (read ??= secrets.readStdin()) };
}

/** A connection's secret is stored encrypted, so writing one needs ENCRYPTION_KEY. */
export function requireBox(box: SecretBox | null): SecretBox {
  if (!box) throw new MissingEncryptionKeyError('the Jamf secret of a connection');
  return box;
}
