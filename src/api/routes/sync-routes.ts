import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { previewReportSchema, syncAcceptedSchema } from '../schemas/runs';
import { connectedOrganization } from '../organization-lookup';
import { DEVICE_KIND_CHOICES, MAX_SERIALS, normalizeSerials, serialProblem } from '../../sync/run-selection';

const syncSerial = z.string().superRefine((value, ctx) => {
  const problem = serialProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const syncBody = z
  .object({
    dryRun: z.boolean().default(false).describe('A preview: what a run would do, stored nowhere'),
    /** Only these devices (a partial run: nothing is marked removed). */
    serials: z.array(syncSerial).min(1).max(MAX_SERIALS).optional().describe('Only these devices (a partial run: nothing is marked removed)'),
    /** Only this device kind (a partial run too). */
    only: z.enum(DEVICE_KIND_CHOICES).optional().describe('Only this device kind (a partial run: nothing is marked removed)'),
  })
  .strict();

/** Starting a sync or a preview: a preview answers with its report; a real sync answers 202 as soon as its run exists. */
export function syncRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/organizations/:org/syncs',
      tag: 'syncs',
      summary: 'Start a sync, or preview one (dryRun)',
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams, body: syncBody },
      responses: {
        200: { description: 'The preview: what a run would do (dryRun)', schema: previewReportSchema },
        202: { description: 'The run started; its report is at `report`', schema: syncAcceptedSchema },
      },
      handler: async ({ params, body }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const { dryRun, serials, only } = body;
        const started = await deps.startSync(organization.slug, { dryRun, selection: { serials: serials && normalizeSerials(serials), only } });
        if (started.dryRun) return reply(started.report);
        const { runId } = started;
        return reply({ accepted: true, runId, report: runId ? `/api/v1/runs/${runId}` : null }, 202);
      },
    }),
  ];
}
