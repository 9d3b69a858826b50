import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { MAX_PAGE_SIZE, orgParams } from '../schemas/common';
import { syncAcceptedSchema } from '../schemas/runs';
import { previewWithPeopleSchema } from '../schemas/people';
import { previewAnswer } from '../preview-answer';
import { connectedOrganization } from '../organization-lookup';
import { DEVICE_KIND_CHOICES, MAX_SERIALS, normalizeSerials, serialProblem } from '../../sync/run-selection';

const syncSerial = z.string().superRefine((value, ctx) => {
  const problem = serialProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const emailCursor = z.string().max(320);

export const syncBody = z
  .object({
    dryRun: z.boolean().default(false).describe('A preview: what a run would do, stored nowhere'),
    /** Only these devices (a partial run: nothing is marked removed). */
    serials: z.array(syncSerial).min(1).max(MAX_SERIALS).optional().describe('Only these devices (a partial run: nothing is marked removed)'),
    /** Only this device kind (a partial run too). */
    only: z.enum(DEVICE_KIND_CHOICES).optional().describe('Only this device kind (a partial run: nothing is marked removed)'),
    employeesLimit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe(`Preview only: at most this many of each people list (≤ ${MAX_PAGE_SIZE}; 100 unless given)`),
    employeesAfter: emailCursor.optional().describe('Preview only: the `newEmployees.next` of the previous page'),
    duplicatesAfter: emailCursor.optional().describe('Preview only: the `possibleDuplicates.next` of the previous page'),
  })
  .strict()
  .superRefine((body, ctx) => {
    // A real sync has no people lists to page: saying so beats ignoring what the caller meant.
    if (body.dryRun) return;
    for (const key of ['employeesLimit', 'employeesAfter', 'duplicatesAfter'] as const) {
      if (body[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'only for a preview (dryRun: true)' });
    }
  });

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
        200: {
          description: 'The preview: what a run would do (dryRun), with the employees it would create and the possible duplicates (R10), each list paged',
          schema: previewWithPeopleSchema,
        },
        202: { description: 'The run started; its report is at `report`', schema: syncAcceptedSchema },
      },
      handler: async ({ params, body }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const { dryRun, serials, only } = body;
        const started = await deps.startSync(organization.slug, { dryRun, selection: { serials: serials && normalizeSerials(serials), only } });
        if (started.dryRun) return reply(started.report && previewAnswer(started.report, body));
        const { runId } = started;
        return reply({ accepted: true, runId, report: runId ? `/api/v1/runs/${runId}` : null }, 202);
      },
    }),
  ];
}
