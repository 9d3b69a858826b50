import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { connectionStatusSchema } from '../schemas/runs';
import { syncStatuses } from '../run-responses';
import { retryPolicyFromConfig } from '../../scheduler/retry-policy';
import { visibleOrganization } from '../../access/roles';
import { connectedOrganization } from '../organization-lookup';

/** Each organization's sync: last run, last success, consecutive failures, last error, next run. */
export function organizationStatusRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations',
      tag: 'organizations',
      summary: "Every organization's sync status (ops), or the token's own",
      access: { role: 'reader', on: 'self-scoped' },
      request: {},
      responses: { 200: { description: 'The organizations the token sees', schema: z.object({ organizations: z.array(connectionStatusSchema) }) } },
      handler: async ({ principal }) => {
        const only = visibleOrganization(principal);
        return reply({ organizations: await syncStatuses(deps.db, retryPolicyFromConfig(deps.config), only ?? undefined) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org',
      tag: 'organizations',
      summary: "One organization's sync status",
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams },
      responses: { 200: { description: 'Its sync status', schema: connectionStatusSchema } },
      handler: async ({ params }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const [status] = await syncStatuses(deps.db, retryPolicyFromConfig(deps.config), organization.slug);
        return reply(status);
      },
    }),
  ];
}
