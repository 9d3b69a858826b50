import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger';
import { errorHandler, routeNotFound } from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health-routes';
import { assignRequestId } from './request-id';
import { logSafeRequest } from './log-safe-request';
import { logSafeError } from '../logging/redaction';
import { dashboardRouter } from '../dashboard/dashboard-router';
import { readByOwnRoute } from './own-body';

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessCheck;
  isShuttingDown: () => boolean;
  /** JSON body limit for routes that use the default parser, e.g. "100kb". */
  bodyLimit?: string;
  /** The API token: a /readyz request carrying it also gets the readiness details. */
  apiToken?: string;
  /** Feature routers mounted after the health routes (webhooks, API). Each brings its own auth. */
  routers?: Router[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: assignRequestId,
      // Health probes and metric scrapes every few seconds would drown the log; so would the
      // dashboard's files (its API calls are logged).
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' || Boolean(req.url?.startsWith('/dashboard/')) },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // A webhook's Header credential has a header name of the customer's choosing; pino-http would
      // otherwise put its own error serializer in place of the logger's.
      serializers: { req: logSafeRequest, err: logSafeError },
    }),
  );
  app.use(healthRoutes({ readiness: deps.readiness, isShuttingDown: deps.isShuttingDown, detailsToken: deps.apiToken }));
  const json = express.json({ limit: deps.bodyLimit ?? '100kb' });
  const routers = deps.routers ?? [];
  // A route that reads its own body (own-body.ts) does so after its token check, with its own limit.
  app.use((req, res, next) => (readByOwnRoute(routers, req) ? next() : json(req, res, next)));
  for (const router of routers) app.use(router);
  // After the feature routers: it answers only `/` and `/dashboard/…`, every other path falls through.
  app.use(dashboardRouter());
  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
