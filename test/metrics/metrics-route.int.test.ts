import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { databaseReadiness } from '../../src/service/readiness';
import { createServiceMetrics, type ServiceMetrics } from '../../src/metrics/service-metrics';
import { metricsRouter } from '../../src/metrics/metrics-router';
import { AuthFailureLimiter } from '../../src/http/auth-failure-limiter';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { captureLogs } from '../support/log-capture';

describe(`GET /metrics without a token, and without a database (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  let metrics: ServiceMetrics;
  const logs = captureLogs();
  const app = () =>
    createApp({ logger: logs.logger, readiness: databaseReadiness(database), isShuttingDown: () => false, routers: [metricsRouter(metrics, undefined)] });

  beforeAll(async () => {
    database = await openTestDatabase();
    metrics = createServiceMetrics(database.db);
  });
  afterAll(async () => {
    metrics.close();
    await database.close().catch(() => undefined);
  });

  it('is open without METRICS_TOKEN, in the Prometheus text format, and not logged per scrape', async () => {
    const res = await request(app()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE jamf_sync_runs_total counter');
    expect(res.text).toContain('# TYPE jamf_webhook_ack_duration_seconds histogram');
    expect(res.text).toMatch(/^jamf_webhook_inbox_pending 0$/m);
    expect(res.text).toMatch(/^jamf_webhook_inbox_dead 0$/m);
    expect(logs.text()).not.toContain('/metrics');
  });

  it('answers 429 with Retry-After to an address after repeated wrong tokens, the right one included', async () => {
    const token = 'metrics-route-test-token-0123';
    const limited = createApp({
      logger: logs.logger,
      readiness: databaseReadiness(database),
      isShuttingDown: () => false,
      routers: [metricsRouter(metrics, token, new AuthFailureLimiter({ maxFailures: 2, windowMs: 60_000 }))],
    });
    expect((await request(limited).get('/metrics').set('authorization', `Bearer ${token}`)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await request(limited).get('/metrics').set('authorization', 'Bearer wrong-token-guess-0001')).status).toBe(401);
    const refused = await request(limited).get('/metrics').set('authorization', `Bearer ${token}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 503 rather than stale gauges when the database does not answer', async () => {
    await database.close();
    const res = await request(app()).get('/metrics');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('metrics_unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(logs.text()).toContain('metrics could not be read');
  });
});
