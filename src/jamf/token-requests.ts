/**
 * The two ways to obtain a Jamf bearer token: API client credentials (OAuth client_credentials,
 * the primary path since Jamf Pro 10.49) and user credentials (Basic, being retired by Jamf).
 * Wrong credentials become a `JamfAuthError` that says which settings to check; secrets never
 * appear in messages.
 */
import type { IssuedToken } from './token-manager';
import type { HttpTransport, JamfRawResponse } from './http-transport';
import { JamfAuthError, JamfConfigError, JamfResponseError } from './errors';
import { baseUrlOrigin, baseUrlPath, describeBody, looksLikeJamfAnswer } from './server-identity';
import { errorForResponse, jamfErrorSummary } from './response-errors';
import { oauthErrorSchema, oauthTokenSchema, userTokenSchema } from './schemas';

export type JamfCredentials =
  | { kind: 'client'; clientId: string; clientSecret: string }
  | { kind: 'user'; username: string; password: string };

const OAUTH_TOKEN_PATH = '/api/oauth/token';
const USER_TOKEN_PATH = '/api/v1/auth/token';

export async function requestToken(
  transport: HttpTransport,
  credentials: JamfCredentials,
  baseUrl: string,
  now: () => number = Date.now,
): Promise<IssuedToken> {
  return credentials.kind === 'client'
    ? requestClientToken(transport, credentials, baseUrl, now)
    : requestUserToken(transport, credentials, baseUrl, now);
}

async function requestClientToken(
  transport: HttpTransport,
  credentials: { clientId: string; clientSecret: string },
  baseUrl: string,
  now: () => number,
): Promise<IssuedToken> {
  const sentAt = now();
  const response = await transport.execute({
    method: 'POST',
    path: OAUTH_TOKEN_PATH,
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    if (!looksLikeJamfAnswer(response)) throw notJamfError(baseUrl, OAUTH_TOKEN_PATH, response);
    const oauthError = oauthErrorSchema.safeParse(response.data);
    throw new JamfAuthError(
      `Jamf Pro at ${baseUrl} rejected the API client credentials (client id ${credentials.clientId}): ` +
        'check JAMF_CLIENT_ID / JAMF_CLIENT_SECRET and that the API client is enabled in Jamf Pro ' +
        '(Settings → System → API roles and clients).',
      { baseUrl, httpStatus: response.status, oauthError: oauthError.success ? (oauthError.data.error ?? null) : null },
    );
  }
  if (response.status === 404) {
    throwIfNotJamf(baseUrl, OAUTH_TOKEN_PATH, response);
    throw new JamfAuthError(
      `Jamf Pro at ${baseUrl} has no API client token endpoint (${OAUTH_TOKEN_PATH}); API clients need Jamf Pro 10.49 or later. ` +
        'Upgrade Jamf Pro or use a user account (JAMF_USERNAME / JAMF_PASSWORD).',
      { baseUrl, httpStatus: 404 },
    );
  }
  const body = parseTokenBody(response, OAUTH_TOKEN_PATH, baseUrl, oauthTokenSchema);
  return { value: body.access_token, issuedAtMs: sentAt, expiresAtMs: sentAt + body.expires_in * 1000 };
}

async function requestUserToken(
  transport: HttpTransport,
  credentials: { username: string; password: string },
  baseUrl: string,
  now: () => number,
): Promise<IssuedToken> {
  const sentAt = now();
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  const response = await transport.execute({
    method: 'POST',
    path: USER_TOKEN_PATH,
    headers: { Authorization: `Basic ${basic}` },
  });
  if (response.status === 401 || response.status === 403) {
    if (!looksLikeJamfAnswer(response)) throw notJamfError(baseUrl, USER_TOKEN_PATH, response);
    // Jamf names some causes, e.g. USER_EXPIRED_PASSWORD; its descriptions never echo the password.
    const jamfSaid = jamfErrorSummary(response.data);
    throw new JamfAuthError(
      `Jamf Pro at ${baseUrl} rejected the user credentials (user ${credentials.username}): ` +
        'check JAMF_USERNAME / JAMF_PASSWORD and that the account is enabled, not locked and its password not expired. ' +
        'Jamf recommends API clients (JAMF_CLIENT_ID / JAMF_CLIENT_SECRET) instead of user accounts.' +
        (jamfSaid ? ` Jamf said: ${jamfSaid}` : ''),
      { baseUrl, httpStatus: response.status, jamfError: jamfSaid },
    );
  }
  const body = parseTokenBody(response, USER_TOKEN_PATH, baseUrl, userTokenSchema);
  return { value: body.token, issuedAtMs: sentAt, expiresAtMs: sentAt + userTokenLifetimeMs(body.expires, response.headers.date) };
}

/** Fallback when `expires` is unreadable: short enough to be safe, long enough not to thrash. */
const FALLBACK_USER_TOKEN_LIFETIME_MS = 60_000;

/**
 * Lifetime of a user token from its ISO `expires`, measured against the server's own clock (the
 * `Date` header) when present, so a skewed local clock does not make us renew too late.
 */
export function userTokenLifetimeMs(expires: string | number, serverDate: string | undefined, localNowMs: number = Date.now()): number {
  const expiresMs = typeof expires === 'number' ? expires : Date.parse(expires);
  const serverNowMs = serverDate ? Date.parse(serverDate) : Number.NaN;
  const reference = Number.isNaN(serverNowMs) ? localNowMs : serverNowMs;
  const lifetime = expiresMs - reference;
  return Number.isFinite(lifetime) && lifetime > 0 ? lifetime : FALLBACK_USER_TOKEN_LIFETIME_MS;
}

function parseTokenBody<T>(
  response: JamfRawResponse,
  path: string,
  baseUrl: string,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
): T {
  if (response.status < 200 || response.status >= 300) {
    throwIfNotJamf(baseUrl, path, response);
    throw errorForResponse(response, { baseUrl, path, authKind: path === OAUTH_TOKEN_PATH ? 'client' : 'user' });
  }
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    // A web server that answers every path with its home page says 200 too.
    if (typeof response.data !== 'object' || response.data === null) throw notJamfError(baseUrl, path, response);
    throw new JamfResponseError(`Jamf Pro at ${baseUrl} answered ${path} without a usable token.`, { baseUrl, path });
  }
  return parsed.data;
}

/**
 * A 404 or an answer in no Jamf shape: first a JAMF_URL with a path (Jamf Pro's API sits at the
 * root, a copied browser URL does not), then a server that is not Jamf Pro at all.
 */
function throwIfNotJamf(baseUrl: string, path: string, response: JamfRawResponse): void {
  const extraPath = baseUrlPath(baseUrl);
  if (response.status === 404 && extraPath) {
    throw new JamfConfigError(
      `JAMF_URL (${baseUrl}) has a path after the host ("${extraPath}"), so ${path} was looked for at ${baseUrl}${path} and not found (404). ` +
        `Jamf Pro's API is at the root of its address: set JAMF_URL to ${baseUrlOrigin(baseUrl)}.`,
      { baseUrl, path, httpStatus: 404, extraPath },
    );
  }
  if (!looksLikeJamfAnswer(response)) throw notJamfError(baseUrl, path, response);
}

function notJamfError(baseUrl: string, path: string, response: JamfRawResponse): JamfConfigError {
  const sent = describeBody(response);
  return new JamfConfigError(
    `The server at ${baseUrl} answered the token request (${path}) with ${response.status} and ${sent}, not the way Jamf Pro answers: ` +
      'it does not look like Jamf Pro, so its answer says nothing about the credentials. Check that JAMF_URL is the address of ' +
      'Jamf Pro itself (e.g. https://yourcompany.jamfcloud.com), not a login page, a proxy or another service.',
    { baseUrl, path, httpStatus: response.status, received: sent },
  );
}
