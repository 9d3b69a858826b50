import { Router } from 'express';
import { z } from 'zod';
import { syncStarter } from './start-sync';
import { bearerAuth } from './bearer-auth';
import { mountRoutes, ownBodyMatcher } from './mount-routes';
import { READS_OWN_BODY, type OwnBodyRouter } from '../http/own-body';
import { defineRoute, reply, type ApiRoute } from './route-definition';
import { openApiDocument } from './openapi-document';
import type { ApiDeps, RouteDeps } from './api-deps';
import { organizationStatusRoutes } from './routes/organization-routes';
import { runRoutes } from './routes/run-routes';
import { assetRoutes } from './routes/asset-routes';
import { syncRoutes } from './routes/sync-routes';
import { connectionRoutes } from './routes/connection-routes';
import { webhookSetupRoutes } from './routes/webhook-setup-routes';
import { meRoutes } from './routes/me-routes';
import { notificationRoutes } from './routes/notification-routes';
import { importRoutes } from './routes/import-routes';
import { reviewRoutes } from './routes/review-routes';
import { employeeRoutes } from './routes/employee-routes';
import { changeRoutes } from './routes/change-routes';
import { secureRoutes } from './routes/secure-routes';
import { webhookInboxRoutes } from './routes/webhook-inbox-routes';

export type { ApiDeps } from './api-deps';

/** The API's version in its document: the API's own, bumped when a route changes incompatibly. */
export const API_VERSION = '1.0.0';

/**
 * Every route of the HTTP API, each declared once with its role, schemas and handler
 * (route-definition.ts). A new route group is a file under routes/ added here; the OpenAPI
 * document and the role tests read this list.
 */
export function apiRoutes(deps: RouteDeps): ApiRoute[] {
  const routes = [
    ...organizationStatusRoutes(deps),
    ...runRoutes(deps),
    ...assetRoutes(deps),
    ...syncRoutes(deps),
    // apiorg: organizations (create, delete) are in organizationStatusRoutes; connection and webhooks setup
    ...connectionRoutes(deps),
    ...webhookSetupRoutes(deps),
    ...notificationRoutes(deps),
    ...importRoutes(deps),
    ...reviewRoutes(deps),
    ...meRoutes(),
    // apiread: employees, changes, secure fields and the audit trail (assets and runs are above)
    ...employeeRoutes(deps),
    ...changeRoutes(deps),
    ...secureRoutes(deps),
    // dashboard2: the webhook inbox (read; retry a dead event)
    ...webhookInboxRoutes(deps),
  ];
  return [openApiRoute(() => routes), ...routes];
}

/**
 * The HTTP API under /api/v1, behind a bearer token (bearer-auth.ts) but for its OpenAPI document:
 * what a sync did (runs, reports), the assets as the inventory holds them (never the secure
 * fields), starting a sync or a preview, and what the route groups add.
 */
export function apiRouter(deps: ApiDeps): Router {
  const router: OwnBodyRouter = Router();
  const routes = apiRoutes({ ...deps, startSync: deps.startSync ?? syncStarter(deps) });
  router[READS_OWN_BODY] = ownBodyMatcher(routes);
  mountRoutes(
    router,
    routes.filter((r) => r.public),
  );
  router.use('/api', bearerAuth({ db: deps.db, apiToken: deps.config.API_TOKEN, limiter: deps.authFailures }));
  mountRoutes(
    router,
    routes.filter((r) => !r.public),
  );
  return router;
}

/** The document describes itself too; built on first request (the routes are fixed by then). */
function openApiRoute(routes: () => ApiRoute[]): ApiRoute {
  let document: Record<string, unknown> | undefined;
  return defineRoute({
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'meta',
    summary: 'This API as an OpenAPI 3.1 document',
    public: true,
    access: { role: 'reader', on: 'self-scoped' },
    request: {},
    responses: { 200: { description: 'The OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
    handler: async () => {
      document ??= openApiDocument([openApiRoute(routes), ...routes()], { version: API_VERSION });
      return reply(document);
    },
  });
}
