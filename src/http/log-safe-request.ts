/** Every webhook route lives under this prefix (see src/webhooks/webhook-http-handler.ts). */
const WEBHOOK_PATH_PREFIX = '/webhooks/';

/** Headers a webhook request may show in logs; everything else may be a credential. */
const LOGGED_WEBHOOK_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'user-agent',
  'host',
  'x-request-id',
  'x-forwarded-for',
]);

interface SerializedRequest {
  url?: string;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * pino-http request serializer. A Header-auth webhook credential travels in a header whose name the
 * customer chooses in Jamf, so no fixed redact path can catch it: webhook requests log only the
 * headers above.
 */
export function logSafeRequest(req: SerializedRequest): SerializedRequest {
  if (!req?.url?.startsWith(WEBHOOK_PATH_PREFIX) || !req.headers) return req;
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => LOGGED_WEBHOOK_HEADERS.has(name)));
  return { ...req, headers };
}
