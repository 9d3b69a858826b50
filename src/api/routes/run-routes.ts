import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit } from '../schemas/common';
import { runReportSchema, runSummarySchema } from '../schemas/runs';
import { cursorQuery, encodeCursor, timestampText, uuidText } from '../schemas/cursor';
import { listRunPage, runReport } from '../run-responses';
import { RUN_STATUSES } from '../../db/schema/sync-runs';
import { connectedOrganization } from '../organization-lookup';
import { requireRole } from '../request-principal';
import { notFound } from '../../errors/app-error';
import { isUuid } from '../../db/query';

const RUN_TRIGGERS = ['scheduled', 'manual', 'webhook'] as const;

/** What a sync did: an organization's runs, and one run's report (R17). */
export function runRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/runs',
      tag: 'runs',
      summary: "An organization's runs, newest first, filtered",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          limit: pageLimit,
          after: cursorQuery(z.object({ startedAt: timestampText, id: uuidText })).optional(),
          status: z.enum(RUN_STATUSES).optional().describe('Only runs of this status'),
          trigger: z.enum(RUN_TRIGGERS).optional().describe('Only runs started this way'),
        }),
      },
      responses: {
        200: {
          description: 'A page of runs; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ runs: z.array(runSummarySchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ params, query }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const page = await listRunPage(deps.db, organization.id, query);
        return reply({ runs: page.runs, next: page.next && encodeCursor({ ...page.next }) });
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
