import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { decideAccess, type Principal, type Role } from '../access/roles';

/** Who each authenticated request acts as, set by bearer-auth.ts; gone with the request. */
const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  // A route mounted outside the bearer check: refuse rather than guess.
  if (!principal) throw new AppError(401, 'unauthorized', 'Missing API token');
  return principal;
}

/**
 * Throws 403 unless the request's token may act with `needed`'s rights on `organization` (null:
 * across organizations). Every /api route calls it before it reads or changes anything.
 */
export function requireRole(req: Request, needed: Role, organization: { slug: string } | null): Principal {
  const principal = principalOf(req);
  const decision = decideAccess(principal, needed, organization);
  if (!decision.allowed) throw new AppError(403, decision.code, decision.reason);
  return principal;
}
