import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { AuthFailureLimiter } from '../http/auth-failure-limiter';

/**
 * Bearer-token check for the API. Both sides are hashed before the constant-time comparison, so
 * neither the token's length nor its content leaks through timing. No token configured → every
 * request is refused (the API is never open). An address with too many wrong tokens is answered
 * 429 for a while (auth-failure-limiter.ts).
 */
export function bearerAuth(expectedToken: string | undefined, limiter = new AuthFailureLimiter()): RequestHandler {
  const expected = expectedToken ? sha256(expectedToken) : null;
  return (req, _res, next) => {
    const address = req.socket.remoteAddress ?? '';
    try {
      limiter.check(address);
    } catch (err) {
      next(err);
      return;
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const presented = sha256(match?.[1]?.trim() ?? '');
    if (!expected) {
      next(new AppError(401, 'unauthorized', 'The API is disabled: set API_TOKEN to use it'));
      return;
    }
    if (!match || !timingSafeEqual(presented, expected)) {
      limiter.recordFailure(address);
      next(new AppError(401, 'unauthorized', 'Missing or wrong API token (Authorization: Bearer <API_TOKEN>)'));
      return;
    }
    next();
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
