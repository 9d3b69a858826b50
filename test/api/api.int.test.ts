import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { openDatabaseOutage } from '../support/database-outage';
import { AuthFailureLimiter } from '../../src/http/auth-failure-limiter';

const TOKEN = 'test-api-token-0123456789abcdef';

describe(`HTTP API (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [computer({ id: 1, activationLock: true, appleCareId: 'AC-1' })], mobileDevices: [mobile({ id: 2 })] });
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = (token: string | null = TOKEN, extra: { database?: typeof db.db; authFailures?: AuthFailureLimiter } = {}) =>
    createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [
        apiRouter({
          db: extra.database ?? db.db,
          config: defaultConfig(token ? { API_TOKEN: token } : {}),
          box: TEST_SECRET_BOX,
          logger: h.logs.logger,
          authFailures: extra.authFailures,
        }),
      ],
    });

  const routes: Array<[string, string]> = [
    ['get', '/api/v1/organizations/acme/runs'],
    ['get', '/api/v1/organizations/acme/assets'],
    ['get', '/api/v1/runs/00000000-0000-0000-0000-000000000000'],
    ['post', '/api/v1/organizations/acme/syncs'],
  ];

  it.each(routes)('%s %s refuses a missing or wrong token, and everything when no token is configured', async (method, path) => {
    const call = (a: ReturnType<typeof app>) => (method === 'get' ? request(a).get(path) : request(a).post(path).send({}));
    const missing = await call(app());
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    const wrong = await call(app()).set('authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    const disabled = await call(app(null)).set('authorization', `Bearer ${TOKEN}`);
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.message).toMatch(/set API_TOKEN/);
    expect(await h.count('sync_runs')).toBe(0);
  });

  it('previews, starts a sync, reports the run, and lists assets without the secure fields', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const preview = await request(app()).post('/api/v1/organizations/acme/syncs').set(auth).send({ dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ mode: 'dry_run', id: null, counts: { created: 2 } });

    const started = await request(app()).post('/api/v1/organizations/acme/syncs').set(auth).send({});
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ accepted: true, runId: expect.any(String), report: `/api/v1/runs/${started.body.runId}` });

    let run = await request(app()).get(started.body.report).set(auth);
    for (let i = 0; i < 200 && run.body.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = await request(app()).get(started.body.report).set(auth);
    }
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ id: started.body.runId, organization: 'acme', trigger: 'manual', mode: 'full', status: 'succeeded', counts: { created: 2 } });
    expect(run.body.changes.map((c: { field: string }) => c.field)).toEqual(['(created)', '(created)']);

    const runs = await request(app()).get('/api/v1/organizations/acme/runs').set(auth);
    expect(runs.body.runs.map((r: { id: string }) => r.id)).toEqual([started.body.runId]);

    const assets = await request(app()).get('/api/v1/organizations/acme/assets?limit=1').set(auth);
    expect(assets.status).toBe(200);
    expect(assets.body.assets).toHaveLength(1);
    expect(assets.body.next).toBe('C02TEST00001');
    expect(assets.body.assets[0]).toMatchObject({ serialNumber: 'C02TEST00001', assetType: 'laptop', status: 'allocated' });
    expect(JSON.stringify(assets.body)).not.toMatch(/activationLock|appleCare|AC-1|recovery/i);
  });

  it('answers bad input with the field paths and unknown names with 404', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const bad = await request(app()).get('/api/v1/organizations/acme/assets?limit=0').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', details: [expect.objectContaining({ path: 'limit' })] });
    const badBody = await request(app()).post('/api/v1/organizations/acme/syncs').set(auth).send({ dryRun: 'yes' });
    expect(badBody.status).toBe(400);
    // A preview sent as text/plain must not start a real sync.
    const runsBefore = await h.count('sync_runs');
    const notJson = await request(app()).post('/api/v1/organizations/acme/syncs').set(auth).set('content-type', 'text/plain').send('{"dryRun": true}');
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('unsupported_media_type');
    expect(await h.count('sync_runs')).toBe(runsBefore);
    const unknown = await request(app()).get('/api/v1/organizations/nope/runs').set(auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('organization_not_found');
  });

  it('answers NUL or oversize path and query values with 400 or 404 in the error shape, never 500, and logs no error', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const earlier = h.logs.lines().length;
    const cases: Array<[string, number, string]> = [
      [`/api/v1/runs/${'-'.repeat(36)}`, 404, 'not_found'],
      ['/api/v1/runs/%00', 404, 'not_found'],
      [`/api/v1/runs/${'0'.repeat(8000)}`, 404, 'not_found'],
      ['/api/v1/organizations/%00/runs', 404, 'organization_not_found'],
      ['/api/v1/organizations/acme%00/assets', 404, 'organization_not_found'],
      [`/api/v1/organizations/${'a'.repeat(8000)}/assets`, 404, 'organization_not_found'],
      ['/api/v1/organizations/acme/assets?serial=%00', 400, 'invalid_request'],
      ['/api/v1/organizations/acme/assets?after=C02%00', 400, 'invalid_request'],
      [`/api/v1/organizations/acme/assets?serial=${'C'.repeat(5000)}`, 400, 'invalid_request'],
    ];
    for (const [path, status, code] of cases) {
      const res = await request(app()).get(path).set(auth);
      expect({ path: path.slice(0, 60), status: res.status, code: res.body?.error?.code }).toEqual({ path: path.slice(0, 60), status, code });
    }
    const posted = await request(app()).post('/api/v1/organizations/%00/syncs').set(auth).send({ dryRun: true });
    expect(posted.status).toBe(404);
    const logged = h.logs.lines().slice(earlier);
    expect(logged.filter((l) => JSON.parse(l).level >= 50 || l.includes('"stack"'))).toEqual([]);
  });

  it('answers 429 with Retry-After to an address after repeated wrong tokens, the right one included', async () => {
    const authFailures = new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000 });
    const limited = app(TOKEN, { authFailures });
    for (let i = 0; i < 3; i++) expect((await request(limited).get('/api/v1/organizations/acme/runs').set('authorization', 'Bearer wrong-token-guess-0001')).status).toBe(401);
    const refused = await request(limited).get('/api/v1/organizations/acme/runs').set('authorization', `Bearer ${TOKEN}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_failed_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('answers 503 with Retry-After while the database is down', async () => {
    const outage = await openDatabaseOutage(db);
    try {
      await outage.goDown();
      const res = await request(app(TOKEN, { database: outage.handle.db })).get('/api/v1/organizations/acme/runs').set('authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'database_unavailable', requestId: expect.any(String) });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await outage.close();
    }
  });
});
