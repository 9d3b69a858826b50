/**
 * An error the HTTP layer can show as it is: a status, a stable machine-readable code, a message for
 * people, and optional details (e.g. the field paths of a validation failure).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After; a 503 without one says 5 s (src/http/error-handler.ts). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'Not found') => new AppError(404, 'not_found', message);
const unauthorized = (message = 'Missing or wrong credentials') => new AppError(401, 'unauthorized', message);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
