// The one client of the service's API: every page reads and acts through it. It sends the
// session's token and turns the API's error shape ({"error": {code, message, details}}) into an
// ApiError the pages show as they are.
import { currentSession } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Called when the API refuses the token (revoked, expired session): the app signs out. */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(method, path, { body, token } = {}) {
  const bearer = token ?? currentSession()?.token;
  const headers = { accept: 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network_error', 'The service did not answer; check that it is running and try again.');
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): reported below by status.
  }
  if (!res.ok) {
    const error = json?.error ?? {};
    const failure = new ApiError(res.status, error.code ?? `http_${res.status}`, error.message ?? `The service answered ${res.status}`, error.details);
    if (res.status === 401 && !token) onUnauthorized(failure);
    throw failure;
  }
  return json;
}

/** A query string of the values given (empty ones left out). */
function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params.toString();
}

const org = (slug) => `/api/v1/organizations/${encodeURIComponent(slug)}`;

export const api = {
  /** What a token may do; `token` is the one being signed in with. */
  me: (token) => call('GET', '/api/v1/me', { token }),
  organizations: () => call('GET', '/api/v1/organizations'),
  organization: (slug) => call('GET', org(slug)),
  /** The latest runs, filtered by the API (`status`, `trigger`). */
  runs: (slug, limit = 100, filters = {}) => call('GET', `${org(slug)}/runs?${query({ limit, ...filters })}`),
  run: (id) => call('GET', `/api/v1/runs/${encodeURIComponent(id)}`),
  /** One page of assets, by serial number; `after` is the previous page's `next`. */
  assets: (slug, { limit = 1000, after, ...filters } = {}) => call('GET', `${org(slug)}/assets?${query({ limit, after, ...filters })}`),
  /** One asset with its change history (oldest first). */
  asset: (slug, serial) => call('GET', `${org(slug)}/assets/${encodeURIComponent(serial)}`),
  /** Ops: the secure fields, read with a reason the audit trail records. */
  secureFields: (slug, serial, reason) => call('GET', `${org(slug)}/assets/${encodeURIComponent(serial)}/secure?${query({ reason })}`),
  /** A preview answers the whole report; a real sync answers {accepted, runId} at once. */
  startSync: (slug, { dryRun }) => call('POST', `${org(slug)}/syncs`, { body: { dryRun } }),
  /** The preview with the people lists, `employeesLimit` of each, from their `next` cursors. */
  previewPeople: (slug, { limit = 100, employeesAfter, duplicatesAfter } = {}) =>
    call('POST', `${org(slug)}/syncs`, { body: { dryRun: true, employeesLimit: limit, ...(employeesAfter ? { employeesAfter } : {}), ...(duplicatesAfter ? { duplicatesAfter } : {}) } }),
  /** The review queue (R23): held assignees, pending or decided. */
  review: (slug, { status = 'pending', limit = 100, after } = {}) =>
    call('GET', `${org(slug)}/review?status=${status}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`),
  /** approve | ignore, or link with {employeeId} or {email}. */
  decideReview: (slug, id, decision, body) => call('POST', `${org(slug)}/review/${encodeURIComponent(id)}/${decision}`, { body: body ?? {} }),
  /** Ops: a new organization, before its connection. */
  createOrganization: (slug, name) => call('POST', '/api/v1/organizations', { body: name ? { slug, name } : { slug } }),
  connection: (slug) => call('GET', `${org(slug)}/connection`),
  /** URL and credentials (the secret is write-only), and any settings. */
  saveConnection: (slug, body) => call('PUT', `${org(slug)}/connection`, { body }),
  updateConnection: (slug, settings) => call('PATCH', `${org(slug)}/connection`, { body: settings }),
  testConnection: (slug) => call('POST', `${org(slug)}/connection/test`, { body: {} }),
  /** A new webhook credential (shown once) and what to enter in Jamf Pro. */
  webhookCredentials: (slug, kind) => call('POST', `${org(slug)}/webhooks/credentials`, { body: { kind } }),
  /** The webhook inbox: counts, recent events and their outcome, dead events. */
  webhooks: (slug) => call('GET', `${org(slug)}/webhooks`),
  retryWebhook: (slug, id) => call('POST', `${org(slug)}/webhooks/dead/${encodeURIComponent(id)}/retry`, { body: {} }),
};
