import pino, { type Logger, type DestinationStream } from 'pino';

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

export function createLogger(options: { level?: string; name?: string } = {}, destination?: DestinationStream): Logger {
  return pino(
    {
      name: options.name ?? 'jamf-asset-sync',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // ISO times read better than epoch ms when an admin greps a log file.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
