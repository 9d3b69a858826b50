/**
 * Whether an answer came from Jamf Pro at all. A wrong JAMF_URL (a login page, a proxy, another
 * web app, the Jamf URL with a page path copied from the browser) answers the token request too,
 * and "credentials rejected" or "upgrade Jamf Pro" would send the admin the wrong way. Pure.
 */
import type { JamfRawResponse } from './http-transport';

/** OAuth error codes are lower-case words joined by underscores (RFC 6749 §5.2), e.g. invalid_client. */
const OAUTH_ERROR_CODE = /^[a-z]+(_[a-z]+)*$/;

/** Jamf answers API errors as `{httpStatus, errors[]}` and token-endpoint errors as `{error, error_description}`. */
export function looksLikeJamfAnswer(response: JamfRawResponse): boolean {
  const body = response.data;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const fields = body as Record<string, unknown>;
  if (typeof fields.httpStatus === 'number' || Array.isArray(fields.errors)) return true;
  return typeof fields.error === 'string' && OAUTH_ERROR_CODE.test(fields.error);
}

/** "an HTML page", "plain text", "JSON", "an empty body": what the server sent instead. */
export function describeBody(response: JamfRawResponse): string {
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  const body = response.data;
  if (body === '' || body === null || body === undefined) return 'an empty body';
  if (type.includes('html') || (typeof body === 'string' && /^\s*<(!doctype|html)/i.test(body))) return 'an HTML page';
  if (typeof body === 'string') return type ? `${type.split(';')[0]} content` : 'plain text';
  return 'JSON that is not a Jamf Pro answer';
}

/** The path after the host in a base URL ("/jamf/index.html"), or null when it is the root. */
export function baseUrlPath(baseUrl: string): string | null {
  try {
    const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
    return path === '' ? null : path;
  } catch {
    return null;
  }
}

/** The base URL with its path removed: what JAMF_URL most likely should be. */
export function baseUrlOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
