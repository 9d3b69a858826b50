import type { Request, RequestHandler } from 'express';
import type { AppDatabase } from '../db/open-database';
import { AppError } from '../errors/app-error';
import { AuthFailureLimiter } from '../http/auth-failure-limiter';
import { presentedBearerToken, presentsBearerToken } from '../http/bearer-token';
import { principalOfToken } from '../tokens/token-store';
import type { Principal } from '../access/roles';
import { setPrincipal } from './request-principal';

/** API_TOKEN, the single-organization setup's token: full access, as ops. */
const API_TOKEN_PRINCIPAL: Principal = { role: 'ops', organization: null, via: 'API_TOKEN' };

/**
 * Bearer-token check for the API: API_TOKEN (full access), or a token of `jamf-sync tokens create`
 * looked up by its hash (revoked → 401). Neither → every request is refused (the API is never
 * open). An address with too many wrong tokens is answered 429 for a while (auth-failure-limiter.ts).
 * What the token may do is each route's question (request-principal.ts).
 */
export function bearerAuth(deps: { db: AppDatabase; apiToken: string | undefined; limiter?: AuthFailureLimiter }): RequestHandler {
  const limiter = deps.limiter ?? new AuthFailureLimiter();
  return async (req, _res, next) => {
    const address = req.socket.remoteAddress ?? '';
    try {
      limiter.check(address);
      const principal = await principalOfRequest(deps, req);
      if (!principal) {
        limiter.recordFailure(address);
        const hint = deps.apiToken ? '' : ' (set API_TOKEN, or create a token with "jamf-sync tokens create")';
        throw new AppError(401, 'unauthorized', `Missing, wrong or revoked API token (Authorization: Bearer <token>)${hint}`);
      }
      setPrincipal(req, principal);
      next();
    } catch (err) {
      next(err);
    }
  };
}

async function principalOfRequest(deps: { db: AppDatabase; apiToken: string | undefined }, req: Request): Promise<Principal | null> {
  if (presentsBearerToken(req.headers, deps.apiToken)) return API_TOKEN_PRINCIPAL;
  const presented = presentedBearerToken(req.headers);
  // Stored tokens are 47 characters; anything far longer is not one, and is not hashed or queried.
  if (presented === null || presented.length > 200) return null;
  return principalOfToken(deps.db, presented);
}
