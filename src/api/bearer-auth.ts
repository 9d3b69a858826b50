import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { AuthFailureLimiter } from '../http/auth-failure-limiter';
import { presentsBearerToken } from '../http/bearer-token';

/**
 * Bearer-token check for the API. No token configured → every request is refused (the API is never
 * open). An address with too many wrong tokens is answered 429 for a while (auth-failure-limiter.ts).
 */
export function bearerAuth(expectedToken: string | undefined, limiter = new AuthFailureLimiter()): RequestHandler {
  return (req, _res, next) => {
    const address = req.socket.remoteAddress ?? '';
    try {
      limiter.check(address);
    } catch (err) {
      next(err);
      return;
    }
    if (!expectedToken) {
      next(new AppError(401, 'unauthorized', 'The API is disabled: set API_TOKEN to use it'));
      return;
    }
    if (!presentsBearerToken(req.headers, expectedToken)) {
      limiter.recordFailure(address);
      next(new AppError(401, 'unauthorized', 'Missing or wrong API token (Authorization: Bearer <API_TOKEN>)'));
      return;
    }
    next();
  };
}
