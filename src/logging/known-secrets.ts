import type { Config } from '../config';
import { REDACTED } from './redaction';

/**
 * Below this length a value is not scrubbed from log lines: a short one would also match innocent
 * text (and the configuration asks for long secrets anyway).
 */
const MIN_SCRUBBED_LENGTH = 8;

/** The credentials the configuration holds, which a log line must never show, wherever they turn up. */
export function configuredSecrets(config: Config): string[] {
  return [
    config.JAMF_CLIENT_SECRET,
    config.JAMF_PASSWORD,
    config.JAMF_WEBHOOK_PASSWORD,
    config.JAMF_WEBHOOK_SECRET,
    config.API_TOKEN,
    config.METRICS_TOKEN,
    config.NOTIFY_SECRET,
    config.ENCRYPTION_KEY,
    ...config.ENCRYPTION_KEYS_PREVIOUS,
  ].filter((s): s is string => typeof s === 'string');
}

/**
 * A last line of defence behind the redaction by field and header name: every spelling of a known
 * secret that a JSON log line can hold (JSON-escaped, URL-encoded) is replaced before the line is
 * written. It catches a secret where no name says what it is, e.g. an API token pasted into a URL
 * path. Returns undefined when there is nothing to scrub.
 */
export function knownSecretScrubber(secrets: readonly string[]): ((line: string) => string) | undefined {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUBBED_LENGTH) continue;
    const encoded = encodeURIComponent(secret);
    for (const s of [secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())]) spellings.add(JSON.stringify(s).slice(1, -1));
  }
  if (!spellings.size) return undefined;
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...spellings].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const spelling of ordered) if (out.includes(spelling)) out = out.split(spelling).join(REDACTED);
    return out;
  };
}
