import { Router } from 'express';
import { presentsBearerToken } from './bearer-token';

export interface ReadinessCheck {
  /** Throws or returns a problem description when the service should not get traffic. */
  (): Promise<{ ready: boolean; details: Record<string, unknown> }>;
}

/**
 * `/healthz`: the process is alive (no I/O, so a slow database never gets a healthy process killed).
 * `/readyz`: the service can do its work: database reachable and migrated, not shutting down. Its
 * status code and `status` are for anyone (a load balancer); the details (database, webhook
 * backlog, organizations and their last runs) only for a request with the API token, as they name
 * customers and runs.
 */
export function healthRoutes(opts: { readiness: ReadinessCheck; isShuttingDown: () => boolean; detailsToken?: string }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (opts.isShuttingDown()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    const withDetails = presentsBearerToken(req.headers, opts.detailsToken);
    try {
      const { ready, details } = await opts.readiness();
      res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', ...(withDetails ? details : {}) });
    } catch (err) {
      res.status(503).json({ status: 'not_ready', ...(withDetails ? { database: { ok: false, error: (err as Error).message } } : {}) });
    }
  });
  return router;
}
