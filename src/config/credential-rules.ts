/**
 * What a credential the service checks must look like, whether it comes from the environment
 * (config/schema.ts) or is stored with `webhooks credentials` (src/webhooks/webhook-credentials.ts):
 * one rule in both places, so a value refused by the CLI is not accepted from a variable.
 */

/** Webhook passwords and secrets, API_TOKEN and METRICS_TOKEN: long random values, never words. */
export const MIN_SECRET_LENGTH = 16;

export const SECRET_ADVICE = 'use a long random value, e.g. openssl rand -base64 24';

/**
 * Headers HTTP or the transport set: a webhook secret cannot travel in one of them. Node never
 * delivers a header named "__proto__" (its headers object would take it as its prototype).
 */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'host', 'connection', 'user-agent', 'accept', '__proto__']);

/** Why `name` cannot carry a Header credential, or null when it can (an HTTP token, not a reserved header). */
export function webhookHeaderNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
    return 'cannot be used as the webhook header name (letters, digits and -, not a standard header such as Content-Type)';
  }
  return null;
}

/** Why `username` cannot be a Basic username, or null: Basic credentials are "username:password". */
export function webhookUsernameProblem(username: string): string | null {
  return username && !username.includes(':') ? null : 'must be non-empty and must not contain ":"';
}
