import type { Request, Response } from 'express';
import { principalOf } from './request-principal';

/**
 * GET /api/v1/me: what the presented token may do (its role, and its organization's slug; null
 * for ops, which spans every organization), so a client such as the dashboard offers only what the
 * token's role allows. Any valid token may ask; it learns nothing it does not already hold.
 */
export function meRoute(req: Request, res: Response): void {
  const principal = principalOf(req);
  res.json({ role: principal.role, organization: principal.organization?.slug ?? null });
}
