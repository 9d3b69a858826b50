/**
 * Why a run failed, as a stable code and a message a person can act on: the one place that turns
 * an error into a run's `error_code`. Pure (it reads the error's own `code` and `reason`, so it
 * needs neither the Jamf client nor the database); the README's error table lists the same codes.
 */

export const RUN_ERROR_CODES = {
  jamf_auth_rejected: 'Jamf Pro refused the credentials (client id and secret, or user and password), or the API client is disabled.',
  jamf_unreachable: 'Jamf Pro could not be reached: no connection, DNS failure or timeouts, after every retry.',
  jamf_unavailable: 'Jamf Pro answered, but kept failing (5xx, or 429 rate limiting) after every retry.',
  jamf_tls_untrusted: "Jamf Pro's TLS certificate is not trusted (unknown CA, expired, wrong host name) or the port does not speak TLS.",
  jamf_privilege_missing: "The API client's role (or the user account) lacks a privilege the sync needs; the message names it.",
  jamf_redirect_refused: 'Jamf Pro (or a proxy in front of it) answered with a redirect the client does not follow.',
  jamf_response_invalid: 'Jamf Pro answered in a shape the sync cannot use, or refused a request as malformed.',
  connection_config_invalid: "The connection's settings cannot be used: URL that is not Jamf Pro, unreadable CA file, missing secret or ENCRYPTION_KEY.",
  removal_guard_tripped: 'More of the fleet was missing from Jamf than the connection allows to mark removed at once (R14); nothing was marked.',
  run_interrupted: 'The process running the sync stopped (crash, kill, deploy) before it finished.',
  internal_error: 'Anything else (a database error, a bug); the log line of the run has the details.',
} as const;

export type RunErrorCode = keyof typeof RUN_ERROR_CODES;

export interface RunFailure {
  code: RunErrorCode;
  message: string;
}

/** Error codes of the Jamf client and of settings checks, mapped to run codes. */
const BY_ERROR_CODE: Readonly<Record<string, RunErrorCode>> = {
  jamf_auth_failed: 'jamf_auth_rejected',
  jamf_permission_denied: 'jamf_privilege_missing',
  jamf_tls_untrusted: 'jamf_tls_untrusted',
  jamf_redirect_refused: 'jamf_redirect_refused',
  jamf_response_invalid: 'jamf_response_invalid',
  jamf_request_rejected: 'jamf_response_invalid',
  jamf_not_found: 'jamf_response_invalid',
  jamf_config_invalid: 'connection_config_invalid',
  connection_secret_missing: 'connection_config_invalid',
  encryption_key_missing: 'connection_config_invalid',
  connection_config_invalid: 'connection_config_invalid',
};

/** The run code of an error: by its `code` (and, for an unavailable Jamf, its `reason`). */
export function runErrorCodeFor(err: unknown): RunErrorCode {
  const { code, reason } = (err ?? {}) as { code?: unknown; reason?: unknown };
  if (code === 'jamf_unavailable') return reason === 'network' || reason === 'timeout' ? 'jamf_unreachable' : 'jamf_unavailable';
  if (typeof code === 'string' && code in RUN_ERROR_CODES) return code as RunErrorCode;
  return (typeof code === 'string' && BY_ERROR_CODE[code]) || 'internal_error';
}

/**
 * The failure of a run stopped by `err`; `context` says what the run was doing (e.g. "the sync
 * stopped before reading all of Jamf"). An unexpected error keeps its message, which never holds a
 * secret (the Jamf client's errors are written for people; others are ours).
 */
export function runFailureFor(err: unknown, context?: string): RunFailure {
  const message = err instanceof Error ? err.message : String(err);
  return { code: runErrorCodeFor(err), message: context ? `${context}: ${message}` : message };
}
