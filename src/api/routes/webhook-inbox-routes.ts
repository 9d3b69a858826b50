import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { webhookEventParams, webhookInboxQuery, webhookInboxSchema, webhookRetrySchema } from '../schemas/webhook-inbox';
import { requireApiOrganization } from '../connection-responses';
import { deadInboxEvents, inboxCountsOf, recentInboxEvents, retryDeadEventOf } from '../../webhooks/inbox-reader';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors/app-error';

/** At most this many dead events answered at once (`jamf-sync webhooks dead` lists the rest). */
const DEAD_LISTED = 100;

/**
 * One organization's webhook inbox: what waits, what recent events became, and the dead ones,
 * which an admin puts back in the queue (as `jamf-sync webhooks dead|retry`).
 */
export function webhookInboxRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/webhooks',
      tag: 'webhooks',
      summary: 'The webhook inbox: pending, oldest age, dead; recent events and their outcome; dead events',
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams, query: webhookInboxQuery },
      responses: { 200: { description: 'The inbox of the organization', schema: webhookInboxSchema }, 404: { description: 'No such organization' } },
      handler: async ({ params, query }) => {
        const organization = await requireApiOrganization(deps.db, params.org);
        const [counts, recent, dead] = await Promise.all([
          inboxCountsOf(deps.db, organization.id),
          recentInboxEvents(deps.db, organization.id, query.limit),
          deadInboxEvents(deps.db, organization.id, DEAD_LISTED),
        ]);
        return reply({ organization: organization.slug, counts, recent, dead });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/organizations/:org/webhooks/dead/:id/retry',
      tag: 'webhooks',
      summary: 'Put a dead webhook back in the queue with fresh attempts (audited)',
      access: { role: 'admin', on: 'organization' },
      request: { params: webhookEventParams },
      responses: {
        200: { description: 'Queued again', schema: webhookRetrySchema },
        404: { description: 'No such organization, or no such webhook in it (webhook_not_found)' },
        409: { description: 'The webhook is not dead; nothing changed (webhook_not_dead)' },
      },
      handler: async ({ params, principal }) => {
        const organization = await requireApiOrganization(deps.db, params.org);
        const outcome = await deps.db.transaction(async (tx) => {
          const result = await retryDeadEventOf(tx, organization.id, params.id);
          if (result === 'retried') {
            await recordAudit(tx, principal, { action: 'webhook.retry', organizationSlug: organization.slug, target: String(params.id) });
          }
          return result;
        });
        if (outcome === 'missing') throw new AppError(404, 'webhook_not_found', `No webhook ${params.id} in organization "${organization.slug}"`);
        if (outcome !== 'retried') throw new AppError(409, 'webhook_not_dead', `Webhook ${params.id} is ${outcome.notDead}, not dead; nothing to retry`);
        return reply({ organization: organization.slug, id: params.id, status: 'pending' as const });
      },
    }),
  ];
}
