import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit, serialText, timeQuery } from '../schemas/common';
import { assetDetailSchema, assetSchema } from '../schemas/assets';
import { listAssets } from '../asset-queries';
import { connectedOrganization } from '../organization-lookup';
import { readChanges } from '../../inventory/change-log';
import { ASSET_TYPES } from '../../db/schema/assets';
import { notFound } from '../../errors/app-error';
import { queryText } from '../schemas/cursor';

/** How much of one asset's change log its detail shows; the rest is paged at GET …/changes?serial=. */
const HISTORY_LIMIT = 1000;

const emailText = queryText(320).trim().min(1);

export const serialParams = orgParams.extend({ serial: serialText.min(1).describe('The serial number (any case)') });

/** The assets as the inventory holds them (never the secure fields). */
export function assetRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/assets',
      tag: 'assets',
      summary: "An organization's assets, by serial number, filtered",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          limit: pageLimit,
          after: serialText.optional().describe('The `next` of the previous page (a serial number)'),
          serial: serialText.optional().describe('Only the asset of this serial number'),
          serialPrefix: serialText.optional().describe('Only serial numbers starting with this (any case)'),
          type: z.enum(ASSET_TYPES).optional().describe('Only this asset type'),
          presence: z.enum(['present', 'removed']).optional().describe('Only assets still in Jamf (present) or gone from it (removed)'),
          updatedSince: timeQuery.optional().describe('Only assets changed at or after this time (e.g. 2026-12-01T08:00:00Z)'),
          assigneeEmail: emailText.optional().describe("Only assets assigned to the employee of this email (case and +tag don't matter)"),
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
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/assets/:serial',
      tag: 'assets',
      summary: 'One asset, with its field history from the change log',
      access: { role: 'reader', on: 'organization' },
      request: { params: serialParams },
      responses: {
        200: { description: 'The asset and its changes, oldest first', schema: assetDetailSchema },
        404: { description: 'No asset of this serial number' },
      },
      handler: async ({ params }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const [asset] = await listAssets(deps.db, organization.id, { serial: params.serial, limit: 1 });
        if (!asset) throw notFound(`No asset with serial number ${params.serial.trim().toUpperCase()}`);
        const history = await readChanges(deps.db, organization.id, { serial: asset.serialNumber, limit: HISTORY_LIMIT });
        return reply({ ...asset, history: history.changes, historyNext: history.next });
      },
    }),
  ];
}
