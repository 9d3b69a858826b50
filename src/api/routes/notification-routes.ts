import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { isoTime, orgParams } from '../schemas/common';
import { connectedOrganization } from '../organization-lookup';
import { NOTIFICATION_STATUSES } from '../../db/schema/notifications';
import { listNotifications } from '../../notifications/notification-outbox';
import { displayTargetUrl, notifyTargetView } from '../../notifications/notification-targets';

const notificationSchema = z.object({
  id: z.number(),
  event: z.string().describe('The most important event: removal_guard.tripped, run.failed, run.partial, employees.held or assets.created'),
  events: z.array(z.string()).describe('Every event of the run, most important first'),
  runId: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  nextAttemptAt: isoTime.nullable().describe('When the next attempt may start (pending only)'),
  lastStatus: z.number().nullable().describe('HTTP status the target answered the last attempt (null: no answer)'),
  lastError: z.string().nullable(),
  createdAt: isoTime,
  deliveredAt: isoTime.nullable(),
});

const targetSchema = z
  .object({
    url: z.string().describe('Scheme and host only: the path of a chat webhook is a credential'),
    format: z.enum(['json', 'slack']),
    source: z.enum(['stored', 'environment']).describe('stored: connections add|update --notify-url; environment: NOTIFY_URL'),
    secretCreatedAt: isoTime,
  })
  .nullable();

/**
 * Run notifications (README "Notifications"): the connection's target (never its secret) and its
 * recent notifications with their delivery state.
 */
export function notificationRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/notifications',
      tag: 'notifications',
      summary: "The connection's notification target and its recent notifications, newest first",
      access: { role: 'reader', on: 'organization' },
      request: {
        params: orgParams,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('At most 500; 50 unless given'),
          status: z.enum(NOTIFICATION_STATUSES).optional(),
        }),
      },
      responses: { 200: { description: 'The target and the notifications', schema: z.object({ target: targetSchema, notifications: z.array(notificationSchema) }) } },
      handler: async ({ params, query }) => {
        const { organization, connection } = await connectedOrganization(deps.db, params.org);
        const target = await notifyTargetView(deps.db, connection.id);
        const notifications = await listNotifications(deps.db, { organizationId: organization.id, limit: query.limit, status: query.status });
        return reply({
          target: target ? { url: displayTargetUrl(target.url), format: target.format, source: target.source, secretCreatedAt: target.secretCreatedAt } : null,
          notifications: notifications.map(({ organization: _organization, ...n }) => n),
        });
      },
    }),
  ];
}
