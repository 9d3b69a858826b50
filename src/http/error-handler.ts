import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { isDatabaseUnavailable } from '../db/database-unavailable';

/** How long a 503 asks the caller to wait when its error does not say: a database restart or failover takes seconds. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** Maps every error to `{"error":{code,message,details?}}`; unknown errors become 500 without internals. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const mapped = toAppError(err);
  if (mapped.status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) return;
  setRetryAfter(res, mapped);
  res.status(mapped.status).json(errorBody(mapped, String(req.id ?? '')));
};

/** Retry-After on a 429 or 503: when the caller may try again (in seconds). */
export function setRetryAfter(res: ServerResponse, error: AppError): void {
  const seconds = error.retryAfterSeconds ?? (error.status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
  if (seconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(seconds))));
}

/** The one error shape; a 5xx names its request id, the key to its log line. */
export function errorBody(error: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  if (error.status >= 500) body.error.requestId = requestId;
  return body;
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

/** The AppError an error is shown as: itself, a body parser's error by its type, else a 500 without internals. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    return new AppError(503, 'database_unavailable', 'The database is not answering; try again shortly', undefined, DEFAULT_RETRY_AFTER_SECONDS);
  }
  // Errors raised by Express's body parsers carry a `type` and a `status`.
  const e = err as { type?: string; status?: number; limit?: number; message?: string };
  switch (e?.type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', `Request body is larger than the ${e.limit} byte limit`);
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'Request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', e.message ?? 'Unsupported encoding');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad_request', e.message ?? 'Bad request');
  }
  return new AppError(500, 'internal_error', 'Internal error; the request id identifies it in the logs');
}
