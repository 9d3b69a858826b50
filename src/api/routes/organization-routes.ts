import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { createOrganizationBody, deleteOrganizationQuery, deletedOrganizationSchema, organizationSchema } from '../schemas/organizations';
import { organizationResponse, organizationResponses } from '../organization-responses';
import { retryPolicyFromConfig } from '../../scheduler/retry-policy';
import { visibleOrganization } from '../../access/roles';
import { createOrganization, removeOrganization } from '../../organizations/organization-store';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors/app-error';

/**
 * Organizations: each one's sync status (last run, last success, consecutive failures, last error,
 * next run) with what it is and holds; ops creates and deletes them, as `jamf-sync organizations`.
 */
export function organizationStatusRoutes(deps: RouteDeps): ApiRoute[] {
  const retry = () => retryPolicyFromConfig(deps.config);
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations',
      tag: 'organizations',
      summary: "Every organization and its sync status (ops), or the token's own",
      access: { role: 'reader', on: 'self-scoped' },
      request: {},
      responses: { 200: { description: 'The organizations the token sees, by slug', schema: z.object({ organizations: z.array(organizationSchema) }) } },
      handler: async ({ principal }) => {
        const only = visibleOrganization(principal);
        return reply({ organizations: await organizationResponses(deps.db, retry(), only ?? undefined) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/organizations',
      tag: 'organizations',
      summary: 'Create an organization (then PUT its connection)',
      access: { role: 'ops', on: 'global' },
      request: { body: createOrganizationBody },
      responses: {
        201: { description: 'The new organization', schema: organizationSchema },
        409: { description: 'An organization of this slug exists (organization_exists)' },
      },
      handler: async ({ body }) => {
        const created = await createOrganization(deps.db, body);
        return reply(await organizationResponse(deps.db, retry(), created.slug), 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org',
      tag: 'organizations',
      summary: 'One organization and its sync status (connected or not)',
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams },
      responses: { 200: { description: 'The organization', schema: organizationSchema }, 404: { description: 'No such organization' } },
      handler: async ({ params }) => reply(await organizationResponse(deps.db, retry(), params.org)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/organizations/:org',
      tag: 'organizations',
      summary: 'Delete an organization with its connection, employees, runs and tokens',
      description:
        'Refused (409 organization_has_assets) while it has assets, unless `force=true`: then an audit row ' +
        '(organization.delete_forced, who, the asset count) is written in the same transaction before anything is deleted.',
      access: { role: 'ops', on: 'organization' },
      request: { params: orgParams, query: deleteOrganizationQuery },
      responses: {
        200: { description: 'What was deleted', schema: deletedOrganizationSchema },
        404: { description: 'No such organization' },
        409: { description: 'It still has assets; nothing was deleted (organization_has_assets)' },
      },
      handler: async ({ params, query, principal }) => {
        await organizationResponse(deps.db, retry(), params.org); // 404 before anything else
        let audited = false;
        const removed = await removeOrganization(deps.db, params.org, {
          force: query.force,
          beforeDelete: async (tx, summary) => {
            if (summary.assets === 0) return;
            await recordAudit(tx, principal, {
              action: 'organization.delete_forced',
              organizationSlug: params.org,
              target: params.org,
              reason: `deleted with ${summary.assets} asset(s), ${summary.employees} employee(s), ${summary.runs} run(s)`,
            });
            audited = true;
          },
        }).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'organization_has_assets') {
            throw new AppError(409, err.code, `${err.message.split(';')[0]}; nothing was deleted. Export them first, or delete it with ?force=true (audited).`);
          }
          throw err;
        });
        return reply({
          organization: removed.slug,
          removed: { assets: removed.assets, employees: removed.employees, runs: removed.runs, connection: removed.hasConnection },
          audited,
        });
      },
    }),
  ];
}
