import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { presentsBearerToken } from '../http/bearer-token';

/** Bearer-token check for the API. No token configured → every request is refused (the API is never open). */
export function bearerAuth(expectedToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!expectedToken) {
      next(new AppError(401, 'unauthorized', 'The API is disabled: set API_TOKEN to use it'));
      return;
    }
    if (!presentsBearerToken(req.headers, expectedToken)) {
      next(new AppError(401, 'unauthorized', 'Missing or wrong API token (Authorization: Bearer <API_TOKEN>)'));
      return;
    }
    next();
  };
}
