/**
 * Typed errors of the Jamf client. Each carries a stable `code` (for the CLI, logs and the HTTP
 * error mapper) and a message a customer's IT admin can act on. Messages and `details` never hold
 * secrets or tokens; raw axios errors are never attached because their `config` holds the
 * Authorization header and the form body with the client secret.
 */

import { AppError } from '../errors/app-error';

export type JamfErrorCode =
  | 'jamf_auth_failed'
  | 'jamf_permission_denied'
  | 'jamf_unavailable'
  | 'jamf_response_invalid'
  | 'jamf_not_found'
  | 'jamf_request_rejected'
  | 'jamf_config_invalid'
  | 'jamf_tls_untrusted'
  | 'jamf_redirect_refused';

export type JamfErrorDetails = Record<string, string | number | boolean | null | undefined | string[]>;

/**
 * Base of every Jamf client error. It is an `AppError` so the HTTP error mapper shows it as
 * `{"error":{code,message,details}}`; `status` is what our own API answers when a Jamf failure
 * reaches a route (an upstream failure is a 502, an unreachable Jamf a 503).
 */
export abstract class JamfError extends AppError {
  declare readonly code: JamfErrorCode;
  declare readonly details: JamfErrorDetails;

  protected constructor(status: number, code: JamfErrorCode, message: string, details: JamfErrorDetails) {
    super(status, code, message, details);
    this.name = new.target.name;
  }
}

/** Jamf Pro refused the credentials (or a token it had just issued). */
export class JamfAuthError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(502, 'jamf_auth_failed', message, details);
  }
}

/** 403: the API role (or user account) lacks a privilege; `privilege` names it when we know it. */
export class JamfPermissionError extends JamfError {
  constructor(
    message: string,
    readonly privilege: string | null,
    details: JamfErrorDetails = {},
  ) {
    super(502, 'jamf_permission_denied', message, { ...details, privilege });
  }
}

export type UnavailableReason = 'network' | 'timeout' | 'server-error' | 'rate-limited';

/** Jamf Pro could not be reached, or kept failing (5xx, 429, timeouts) after every retry. */
export class JamfUnavailableError extends JamfError {
  constructor(
    message: string,
    readonly reason: UnavailableReason,
    details: JamfErrorDetails = {},
  ) {
    super(503, 'jamf_unavailable', message, { ...details, reason });
  }
}

/** Jamf Pro answered, but not in a shape we can use (not JSON, no `results`, bad record on a single fetch). */
export class JamfResponseError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(502, 'jamf_response_invalid', message, details);
  }
}

/** 404 on a single-object endpoint. The client turns it into `null` where "absent" is a normal answer. */
export class JamfNotFoundError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(404, 'jamf_not_found', message, details);
  }
}

/** Any other 4xx (e.g. 400 for an RSQL filter Jamf does not accept): retrying would not help. */
export class JamfRequestError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(502, 'jamf_request_rejected', message, details);
  }
}

/** The client was constructed with options it cannot work with (e.g. a base URL that is not http(s)). */
export class JamfConfigError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(500, 'jamf_config_invalid', message, details);
  }
}

/**
 * The TLS handshake failed: unknown CA, self-signed, expired, or a certificate for another host
 * name. Never retried (the certificate will not change in 2 s); `tlsCode` is Node's error code.
 */
export class JamfTlsError extends JamfError {
  constructor(
    message: string,
    readonly tlsCode: string,
    details: JamfErrorDetails = {},
  ) {
    super(502, 'jamf_tls_untrusted', message, { ...details, tlsCode });
  }
}

/**
 * Jamf (or something in front of it) answered with a redirect the client will not follow: any
 * redirect of a token request (its body holds the client secret), or a data request sent to
 * another origin (its header holds the bearer token).
 */
export class JamfRedirectError extends JamfError {
  constructor(message: string, details: JamfErrorDetails = {}) {
    super(502, 'jamf_redirect_refused', message, details);
  }
}
