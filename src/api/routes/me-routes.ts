import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';

/**
 * GET /api/v1/me: what the presented token may do (its role, and its organization's slug; null
 * for ops, which spans every organization), so a client such as the dashboard offers only what the
 * token's role allows. Any valid token may ask; it learns nothing it does not already hold.
 */
export function meRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      tag: 'meta',
      summary: "The presented token's role and organization",
      access: { role: 'reader', on: 'self-scoped' },
      request: {},
      responses: {
        200: {
          description: 'Its role, and its organization (null for ops: every organization)',
          schema: z.object({ role: z.enum(['reader', 'admin', 'ops']), organization: z.string().nullable() }),
        },
      },
      handler: async ({ principal }) => reply({ role: principal.role, organization: principal.organization?.slug ?? null }),
    }),
  ];
}
