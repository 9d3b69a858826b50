/**
 * What the transport says when it gives up: one message per real cause, naming what the client
 * was waiting for and what to change. Pure.
 */
import { JamfRedirectError, JamfTlsError, JamfUnavailableError, type UnavailableReason } from './errors';
import { tlsFailureAdvice, type TlsFailureKind } from './tls-failures';

export interface RequestDescription {
  method: 'GET' | 'POST';
  path: string;
  /** Inventory pages carry `page-size`; only for those is "lower the page size" sound advice. */
  isPage: boolean;
}

const TOKEN_PATHS = new Set(['/api/oauth/token', '/api/v1/oauth/token', '/api/v1/auth/token']);

/** "the token request (POST /api/oauth/token)", "GET /api/v3/computers-inventory". */
export function waitingFor(request: RequestDescription): string {
  const line = `${request.method} ${request.path}`;
  return TOKEN_PATHS.has(request.path) ? `the token request (${line})` : line;
}

export function timeoutError(
  baseUrl: string,
  request: RequestDescription,
  attempts: number,
  timeoutMs: number,
  budgetSpent: boolean,
): JamfUnavailableError {
  const seconds = formatSeconds(timeoutMs);
  const what = waitingFor(request);
  const advice = request.isPage
    ? 'Jamf Pro may be overloaded or the page too large for it; try again later or lower the page size (JAMF_PAGE_SIZE).'
    : TOKEN_PATHS.has(request.path)
      ? 'It accepts connections but does not answer: it may be starting up or overloaded, or a proxy or firewall holds the ' +
        'connection open. Check that JAMF_URL opens Jamf Pro in a browser. No inventory was requested yet, so the page size is not the cause.'
      : 'Jamf Pro may be overloaded; try again later.';
  return new JamfUnavailableError(
    `Jamf Pro at ${baseUrl} sent no answer to ${what} within ${seconds} s, ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}` +
      `${budgetSpent ? ' (the time this request may take is used up)' : ''}. ${advice}`,
    'timeout',
    { baseUrl, path: request.path, attempts },
  );
}

export function networkError(baseUrl: string, request: RequestDescription, attempts: number, errorCode: string): JamfUnavailableError {
  return new JamfUnavailableError(
    `Could not reach Jamf Pro at ${baseUrl} (${errorCode}, ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} at ${waitingFor(request)}). ` +
      'Check the Jamf Pro URL, DNS, and that this machine can reach it through any proxy or firewall.',
    'network',
    { baseUrl, path: request.path, attempts, errorCode },
  );
}

export function statusError(
  baseUrl: string,
  request: RequestDescription,
  attempts: number,
  status: number,
  retryAfterMs: number | null,
  budgetMs: number | null,
): JamfUnavailableError {
  const reason: UnavailableReason = status === 429 ? 'rate-limited' : 'server-error';
  const what = status === 429 ? 'kept rate-limiting requests (429)' : `kept answering ${status}`;
  const longWait =
    retryAfterMs !== null && budgetMs !== null
      ? ` It asked to wait ${formatSeconds(retryAfterMs)} s before retrying (Retry-After), longer than a request may take here (${formatSeconds(budgetMs)} s).`
      : '';
  return new JamfUnavailableError(
    `Jamf Pro at ${baseUrl} ${what} for ${waitingFor(request)} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}.${longWait} ` +
      'It may be overloaded or down for maintenance; try again later.',
    reason,
    { baseUrl, path: request.path, attempts, httpStatus: status, retryAfterMs },
  );
}

export function tlsError(baseUrl: string, kind: TlsFailureKind, errorCode: string, caSetting: string): JamfTlsError {
  const host = hostOf(baseUrl);
  return new JamfTlsError(
    `Could not verify the TLS certificate of Jamf Pro at ${baseUrl}: ${tlsFailureAdvice(kind, errorCode, host, caSetting)}`,
    errorCode,
    { baseUrl, tlsKind: kind, setting: kind === 'untrusted' ? caSetting : null },
  );
}

export function redirectError(baseUrl: string, request: RequestDescription, status: number, location: string): JamfRedirectError {
  const target = safeLocation(location, baseUrl);
  const why = TOKEN_PATHS.has(request.path)
    ? 'A token request is never sent on to a redirect target: its body holds the credentials.'
    : 'Requests carrying the access token are only followed to the same host and port.';
  const fix = target.origin
    ? ` If Jamf Pro really lives at ${target.origin}, set JAMF_URL to ${target.origin}.`
    : ' Set JAMF_URL to the address Jamf Pro answers on itself.';
  return new JamfRedirectError(
    `Jamf Pro at ${baseUrl} answered ${waitingFor(request)} with a redirect (${status}) to ${target.shown}. ${why}${fix}`,
    { baseUrl, path: request.path, httpStatus: status, redirectTo: target.shown },
  );
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return baseUrl;
  }
}

/** The redirect target without query or credentials (a login page's query may carry a state token). */
function safeLocation(location: string, baseUrl: string): { shown: string; origin: string | null } {
  try {
    const url = new URL(location, baseUrl);
    return { shown: `${url.origin}${url.pathname}`, origin: url.origin };
  } catch {
    return { shown: '(an unreadable Location header)', origin: null };
  }
}
