import pino, { type Logger, type DestinationStream } from 'pino';
import { knownSecretScrubber } from './known-secrets';
import { logSafeError } from './redaction';

export type { Logger };

/**
 * Paths pino removes from every log line. Secrets must never reach logs: Jamf credentials and
 * tokens, webhook credentials, FileVault recovery keys, the encryption key.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-jamf-webhook-secret"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.accessToken',
  '*.personalRecoveryKey',
  '*.recoveryKey',
  '*.encryptionKey',
  '*.authorization',
  '*.Authorization',
  'config.JAMF_CLIENT_SECRET',
  'config.JAMF_PASSWORD',
  'config.JAMF_WEBHOOK_PASSWORD',
  'config.JAMF_WEBHOOK_SECRET',
  'config.ENCRYPTION_KEY',
];

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Values never written, whatever field holds them (configuredSecrets: the configuration's credentials). */
  secrets?: readonly string[];
}

export function createLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const scrub = knownSecretScrubber(options.secrets ?? []);
  return pino(
    {
      name: options.name ?? 'jamf-asset-sync',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // A failed query's parameters and a body parser's raw body never reach a log.
      serializers: { err: logSafeError },
      ...(scrub && { hooks: { streamWrite: scrub } }),
      // ISO times read better than epoch ms when an admin greps a log file.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
