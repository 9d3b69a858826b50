import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit } from '../schemas/common';
import { runReportSchema, runSummarySchema } from '../schemas/runs';
import { listRuns, runReport } from '../run-responses';
import { connectedOrganization } from '../organization-lookup';
import { requireRole } from '../request-principal';
import { notFound } from '../../errors/app-error';
import { isUuid } from '../../db/query';

/** What a sync did: an organization's runs, and one run's report (R17). */
export function runRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/runs',
      tag: 'runs',
      summary: "An organization's runs, newest first",
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams, query: z.object({ limit: pageLimit }) },
      responses: { 200: { description: 'The runs', schema: z.object({ runs: z.array(runSummarySchema) }) } },
      handler: async ({ params, query }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        return reply({ runs: await listRuns(deps.db, organization.id, query.limit) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/runs/:id',
      tag: 'runs',
      summary: "One run's report: counts, warnings and errors per device, changes",
      description: 'Needs reader on the organization of the run.',
      // The run's organization is known only once it is read: the handler checks the role then.
      access: { role: 'reader', on: 'self-scoped' },
      request: { params: z.object({ id: z.string().describe('The run id (a UUID)') }) },
      responses: { 200: { description: 'The run report', schema: runReportSchema }, 404: { description: 'No such run' } },
      handler: async ({ req, params }) => {
        const report = isUuid(params.id) ? await runReport(deps.db, params.id) : null;
        if (!report) throw notFound(isUuid(params.id) ? `No run ${params.id}` : 'No run with this id (run ids are UUIDs)');
        requireRole(req, 'reader', { slug: report.organization });
        return reply(report);
      },
    }),
  ];
}
