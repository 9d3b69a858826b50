import type { Router } from 'express';
import { z } from 'zod';
import type { AppDatabase } from '../db/open-database';
import { AppError, badRequest } from '../errors/app-error';
import { findConnection } from '../connections/connection-store';
import { NOTIFICATION_STATUSES } from '../db/schema/notifications';
import { listNotifications } from '../notifications/notification-outbox';
import { displayTargetUrl, notifyTargetView } from '../notifications/notification-targets';
import { requireRole } from './request-principal';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(NOTIFICATION_STATUSES).optional(),
});

/**
 * `GET /api/v1/organizations/:org/notifications` (reader): the connection's notification target
 * (host and format only: a chat webhook's path is a credential; never the secret) and its recent
 * notifications, newest first, with their delivery state. Added to the API router behind its
 * bearer check (api-router.ts calls this).
 */
export function addNotificationRoutes(router: Router, deps: { db: AppDatabase }): void {
  router.get('/api/v1/organizations/:org/notifications', async (req, res) => {
    const slug = String(req.params.org);
    requireRole(req, 'reader', { slug });
    const found = await findConnection(deps.db, slug);
    if (!found) throw new AppError(404, 'organization_not_found', `No organization with a Jamf connection named "${slug.slice(0, 100)}"`);
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      throw badRequest('invalid_request', 'The request is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const target = await notifyTargetView(deps.db, found.connection.id);
    const notifications = await listNotifications(deps.db, { organizationId: found.organization.id, ...parsed.data });
    res.json({
      target: target ? { url: displayTargetUrl(target.url), format: target.format, source: target.source, secretCreatedAt: target.secretCreatedAt } : null,
      notifications: notifications.map(({ organization: _organization, ...n }) => n),
    });
  });
}
