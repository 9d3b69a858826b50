import { Router } from 'express';
import { AppError } from '../errors/app-error';
import { AuthFailureLimiter } from '../http/auth-failure-limiter';
import { presentsBearerToken } from '../http/bearer-token';
import type { ServiceMetrics } from './service-metrics';

/**
 * `GET /metrics` in Prometheus' text format. With `METRICS_TOKEN` set, only a scraper presenting
 * it (`Authorization: Bearer …`, Prometheus' `authorization` setting) gets an answer; without it
 * the route is open, as is usual for a port that only the monitoring network reaches. Its own
 * token, not the API's: a scraper's credential should not also start syncs. An address with too
 * many wrong tokens is answered 429 for a while (auth-failure-limiter.ts).
 */
export function metricsRouter(metrics: ServiceMetrics, token: string | undefined, limiter = new AuthFailureLimiter()): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token) {
      const address = req.socket.remoteAddress ?? '';
      limiter.check(address);
      if (!presentsBearerToken(req.headers, token)) {
        limiter.recordFailure(address);
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError(401, 'unauthorized', 'Missing or wrong metrics token (Authorization: Bearer <METRICS_TOKEN>)');
      }
    }
    let text: string;
    try {
      text = await metrics.scrape();
    } catch (err) {
      // No half answer: without the database the shared-state gauges would be stale or missing.
      req.log?.error({ err }, 'metrics could not be read');
      throw new AppError(503, 'metrics_unavailable', 'The database did not answer, so the metrics that describe shared state cannot be read');
    }
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  });
  return router;
}
