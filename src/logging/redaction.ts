import pino from 'pino';

/** What a log line shows instead of a value that may be a credential. */
export const REDACTED = '[redacted]';

/**
 * Request headers whose values a log line shows. Every other header is logged with its value
 * redacted, whatever its name: a webhook's Header credential travels in a header the customer names
 * in Jamf (any name, and per connection), and a request on a mistyped path cannot tell which
 * connection it meant. An allow-list fails safe: a new header only loses its value in the log.
 */
const SHOWN_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'expect',
  'host',
  'traceparent',
  'transfer-encoding',
  'user-agent',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-request-id',
]);

/**
 * Query parameters whose values a log line shows: the ones the service reads (the API's paging).
 * Any other parameter's value is redacted, so an API token, a password or a webhook secret put in a
 * URL by mistake (`?token=…`, `?api_key=…`, `?X-Jamf-Secret=…`) never reaches a log.
 */
const SHOWN_QUERY_PARAMETERS = new Set(['limit', 'after', 'serial']);

/** The headers with every value not on the allow-list replaced by REDACTED (names are kept). */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SHOWN_HEADERS.has(name.toLowerCase()) ? value : REDACTED]));
}

/**
 * A request URL with the value of every query parameter not on the allow-list redacted. A parameter
 * without "=" is redacted whole (its name may be the secret). The path is kept as sent.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      if (pair === '') return pair;
      const eq = pair.indexOf('=');
      if (eq < 0) return REDACTED;
      return SHOWN_QUERY_PARAMETERS.has(safeDecode(pair.slice(0, eq))) ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, start)}?${redacted}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

type SerializedError = Record<string, unknown> & { message?: string; stack?: string };

/**
 * Fields of an error that hold data rather than a diagnosis: a query's parameters (PostgreSQL and
 * PGlite errors, Drizzle's), PostgreSQL's `where` (for a value it cannot store, such as a NUL in
 * JSON, it quotes the data around it and the parameter), a body parser's raw body.
 */
const DATA_CARRYING_ERROR_FIELDS = ['params', 'where', 'body', 'rawBody'];

/**
 * pino's error serializer, minus what an error may carry of a request's or a query's data (the
 * fields above, and the parameters Drizzle also writes into its message: webhook bodies, names,
 * ciphertexts). The SQL text, code and detail stay: they are what diagnoses the failure.
 */
export function logSafeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (!serialized || typeof serialized !== 'object' || serialized === err) return serialized;
  // A serialized message and stack include those of every cause, and aggregated errors are nested.
  scrubSerializedError(serialized as SerializedError, queryParameterTexts(err), new Set());
  return serialized;
}

function scrubSerializedError(out: SerializedError, parameterTexts: string[], seen: Set<object>): void {
  if (seen.has(out)) return;
  seen.add(out);
  for (const text of parameterTexts) {
    if (typeof out.message === 'string') out.message = out.message.split(text).join(`\nparams: ${REDACTED}`);
    if (typeof out.stack === 'string') out.stack = out.stack.split(text).join(`\nparams: ${REDACTED}`);
  }
  for (const key of DATA_CARRYING_ERROR_FIELDS) if (key in out) out[key] = REDACTED;
  for (const value of Object.values(out)) {
    if (Array.isArray(value)) for (const v of value) if (v && typeof v === 'object') scrubSerializedError(v as SerializedError, parameterTexts, seen);
    if (value && typeof value === 'object' && !Array.isArray(value)) scrubSerializedError(value as SerializedError, parameterTexts, seen);
  }
}

/** The exact "\nparams: …" text Drizzle wrote into the message of `err` and of each of its causes. */
function queryParameterTexts(err: unknown, seen = new Set<unknown>()): string[] {
  if (!err || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as { message?: unknown; params?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.message === 'string' && e.params !== undefined && e.message.startsWith('Failed query:') ? [`\nparams: ${String(e.params)}`] : [];
  const nested = Array.isArray(e.errors) ? e.errors : [];
  return [...own, ...queryParameterTexts(e.cause, seen), ...nested.flatMap((n) => queryParameterTexts(n, seen))];
}
