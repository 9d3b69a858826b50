import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit, serialText, timeQuery } from '../schemas/common';
import { changeSchema } from '../schemas/assets';
import { queryText, uuidText } from '../schemas/cursor';
import { connectedOrganization } from '../organization-lookup';
import { readChanges } from '../../inventory/change-log';

/** The field-level change log (R17), filtered: the reader `export changes` uses. */
export function changeRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/changes',
      tag: 'changes',
      summary: "An organization's asset changes, oldest first, filtered",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z
          .object({
            limit: pageLimit,
            after: z.string().regex(/^\d{1,18}$/, 'must be the `next` of the previous page').optional().describe('The `next` of the previous page'),
            serial: serialText.min(1).optional().describe("Only this asset's changes (any case)"),
            field: queryText(100).optional().describe('Only changes of this field (e.g. operatingSystem, or "(created)")'),
            run: uuidText.optional().describe('Only the changes this run made'),
            since: timeQuery.optional().describe('Changes at or after this time'),
            until: timeQuery.optional().describe('Changes before this time'),
          })
          .refine((q) => !q.since || !q.until || q.since < q.until, { message: 'must be after since', path: ['until'] }),
      },
      responses: {
        200: {
          description: 'A page of changes; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ changes: z.array(changeSchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ params, query }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const page = await readChanges(deps.db, organization.id, {
          limit: query.limit,
          after: query.after,
          serial: query.serial?.trim().toUpperCase(),
          field: query.field,
          runId: query.run,
          since: query.since,
          until: query.until,
        });
        return reply(page);
      },
    }),
  ];
}
