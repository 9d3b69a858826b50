import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit, serialText } from '../schemas/common';
import { assetSchema } from '../schemas/assets';
import { listAssets } from '../asset-queries';
import { connectedOrganization } from '../organization-lookup';

/** The assets as the inventory holds them (never the secure fields). */
export function assetRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/assets',
      tag: 'assets',
      summary: "An organization's assets, by serial number",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          limit: pageLimit,
          after: serialText.optional().describe('The `next` of the previous page'),
          serial: serialText.optional().describe('Only the asset of this serial number'),
        }),
      },
      responses: {
        200: {
          description: 'A page of assets; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ assets: z.array(assetSchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ params, query }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const assets = await listAssets(deps.db, organization.id, query);
        return reply({ assets, next: assets.length === query.limit ? assets[assets.length - 1].serialNumber : null });
      },
    }),
  ];
}
