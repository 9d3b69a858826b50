import { redactHeaders, redactUrl } from '../logging/redaction';

interface SerializedRequest {
  url?: string;
  query?: unknown;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * pino-http request serializer, on every path: a credential sent to a mistyped one (a webhook
 * secret posted to /webhook/…, an API token in a query string) is redacted like one sent to the
 * right one. Headers show only the values of the standard ones (a Header-auth webhook credential
 * travels in a header whose name the customer chooses), and query values only those of the API's
 * paging parameters (see src/logging/redaction.ts).
 */
export function logSafeRequest(req: SerializedRequest): SerializedRequest {
  if (!req || typeof req !== 'object') return req;
  // The parsed query repeats the URL's, whose redacted form says it all (a bare "?<secret>" included).
  const { query: _query, ...rest } = req;
  return {
    ...rest,
    ...(typeof req.url === 'string' && { url: redactUrl(req.url) }),
    ...(req.headers && { headers: redactHeaders(req.headers) }),
  };
}
