import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams, pageLimit } from '../schemas/common';
import { heldAssigneeSchema } from '../schemas/people';
import { existingOrganization } from '../organization-lookup';
import { readHeldAssignees } from '../../review/held-assignee-reads';
import { applyReviewDecision, type LinkTarget } from '../../review/apply-review-decision';
import type { ReviewRequest } from '../../planner/review-decision';
import { isUuid } from '../../db/query';

const heldParams = orgParams.extend({ id: z.string().max(100).describe('The held assignee id (a UUID)') });

const linkBody = z
  .object({
    employeeId: z.string().max(100).optional().describe('The existing employee, by id'),
    email: z.string().max(320).optional().describe('Or by one of their emails'),
  })
  .strict()
  .refine((b) => (b.employeeId === undefined) !== (b.email === undefined), { message: 'give exactly one of employeeId and email' });

const decisionResponses = {
  200: { description: 'Decided and applied: the held assignee with the decision and what it did to each device', schema: heldAssigneeSchema },
  404: { description: 'No such held assignee (or, for link, no such employee)' },
  409: { description: 'Already decided, or the address belongs to another employee (approve: link instead)' },
};

/** R23: the review queue of assignees a sync held (employee_policy=hold), and an admin's decisions on them. */
export function reviewRoutes(deps: RouteDeps): ApiRoute[] {
  const decide = (kind: ReviewRequest['kind'], what: string, description: string): ApiRoute =>
    defineRoute({
      method: 'post',
      path: `/api/v1/organizations/:org/review/:id/${kind}`,
      tag: 'review',
      summary: what,
      description,
      access: { role: 'admin', on: 'organization' },
      request: kind === 'link' ? { params: heldParams, body: linkBody } : { params: heldParams },
      responses: decisionResponses,
      handler: async ({ params, body, principal }) => {
        const organization = await existingOrganization(deps.db, params.org);
        const link = body as z.output<typeof linkBody> | undefined;
        const linkTo: LinkTarget | undefined = kind !== 'link' ? undefined : link?.employeeId !== undefined ? { employeeId: link.employeeId } : { email: link!.email! };
        return reply(await applyReviewDecision(deps.db, { organizationId: organization.id, heldId: params.id, request: { kind }, linkTo, principal }));
      },
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/review',
      tag: 'review',
      summary: 'The review queue: assignees a sync held (employee_policy=hold), with their devices',
      description: 'Pending ones (default), or the decided ones with who decided what and when. Oldest first.',
      access: { role: 'admin', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          status: z.enum(['pending', 'decided']).default('pending'),
          limit: pageLimit,
          after: z.string().max(100).refine(isUuid, 'must be the `next` of a previous page').optional().describe('The `next` of the previous page'),
        }),
      },
      responses: {
        200: {
          description: 'A page of held assignees; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ heldAssignees: z.array(heldAssigneeSchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ params, query }) => {
        const organization = await existingOrganization(deps.db, params.org);
        const items = await readHeldAssignees(deps.db, organization.id, query);
        return reply({ heldAssignees: items, next: items.length === query.limit ? items[items.length - 1].id : null });
      },
    }),
    decide('approve', 'Approve a held assignee: create the employee and assign the held devices', 'Creates the employee with the Jamf name and email, and makes it the assignee of each held device that still has none (the inventory\'s own assignee stays, R6).'),
    decide('link', 'Link a held assignee to an existing employee: add the Jamf email to it and assign the held devices', 'Body: {"employeeId"} or {"email"} of the existing employee. The Jamf email becomes one of that employee\'s emails, so later syncs link it.'),
    decide('ignore', "Ignore a held assignee: add the address to the connection's ignore-list", 'Its devices stay without an assignee, and no sync makes it an employee or an assignee again (R11).'),
  ];
}
