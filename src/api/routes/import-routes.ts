import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { importRefusedSchema, importRowsBody, importSummarySchema } from '../schemas/imports';
import { IMPORT_BODY_LIMIT_BYTES, IMPORT_TOO_LARGE, importFromRequest } from '../import-request';
import { existingOrganization } from '../organization-lookup';

const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: check the whole body and count what would change, write nothing (the CLI\'s --dry-run)'),
});

const EXAMPLES = {
  employees: { firstName: 'Jane', lastName: 'Doe', emails: ['jane.doe@acme.com'] },
  assets: { serialNumber: 'C02XK0AAJGH5', assetType: 'laptop', status: 'allocated', assigneeEmail: 'jane.doe@acme.com' },
};

/** Imports of an organization's existing inventory (employees, then assets), as `jamf-sync import` does. */
export function importRoutes(deps: RouteDeps): ApiRoute[] {
  return (['employees', 'assets'] as const).map((kind) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/organizations/:org/imports/${kind}`,
      tag: 'imports',
      summary: `Import ${kind} from CSV or JSON, all or nothing`,
      description:
        `The body is a CSV file (Content-Type: text/csv; columns as in \`jamf-sync import ${kind}\`) or a JSON array of objects, ` +
        `at most 10 MB. Any bad row refuses the whole body (422) with every problem by line (CSV) or row (JSON) and field; nothing is written.` +
        (kind === 'assets' ? ' Assignees must be employees of the organization: import employees first.' : ''),
      access: { role: 'admin', on: 'organization' },
      bodyContentTypes: ['text/csv'],
      ownBody: { limitBytes: IMPORT_BODY_LIMIT_BYTES, tooLarge: IMPORT_TOO_LARGE },
      request: { params: orgParams, query: importQuery, body: importRowsBody(EXAMPLES[kind]) },
      responses: {
        200: { description: 'Imported (or, with dryRun, what an import would do; `refused` and `problems` say whether it would be refused)', schema: importSummarySchema },
        404: { description: 'No such organization' },
        413: { description: 'The body is larger than 10 MB' },
        422: { description: 'Refused: nothing was written; every problem is listed', schema: importRefusedSchema },
      },
      handler: async ({ req, params, query, body }) => {
        const organization = await existingOrganization(deps.db, params.org);
        return reply(await importFromRequest(deps.db, kind, { organizationSlug: organization.slug, dryRun: query.dryRun, req, json: body }));
      },
    }),
  );
}
