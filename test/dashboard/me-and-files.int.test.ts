import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { createToken, revokeToken } from '../../src/tokens/token-store';
import { DASHBOARD_FILES, dashboardRouter } from '../../src/dashboard/dashboard-router';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { TEST_SECRET_BOX } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';

const API_TOKEN = 'dashboard-api-token-0123456789abcdef';

/** GET /api/v1/me (what the dashboard offers depends on it) and how serve serves the dashboard's files. */
describe(`dashboard: /api/v1/me and its files (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestDatabase();
    await ensureOrganization(db.db, 'acme');
    const logger = captureLogs().logger;
    app = createApp({
      logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig({ API_TOKEN }), box: TEST_SECRET_BOX, logger })],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  const me = (token?: string) => {
    const req = request(app).get('/api/v1/me');
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };

  it('answers the role and organization of each kind of token, and nothing else', async () => {
    const reader = await createToken(db.db, { role: 'reader', org: 'acme' });
    const admin = await createToken(db.db, { role: 'admin', org: 'acme' });
    const ops = await createToken(db.db, { role: 'ops' });
    expect((await me(reader.token)).body).toEqual({ role: 'reader', organization: 'acme' });
    expect((await me(admin.token)).body).toEqual({ role: 'admin', organization: 'acme' });
    expect((await me(ops.token)).body).toEqual({ role: 'ops', organization: null });
    expect((await me(API_TOKEN)).body).toEqual({ role: 'ops', organization: null });
  });

  it('refuses a missing, wrong or revoked token with 401', async () => {
    const revoked = await createToken(db.db, { role: 'admin', org: 'acme' });
    await revokeToken(db.db, revoked.summary.prefix);
    for (const token of [undefined, 'not-a-token', revoked.token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('serves the page at / and its modules under /dashboard with a CSP that allows no inline script or other origin', async () => {
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script type="module" src="/dashboard/app.js">');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|upgrade-insecure-requests/);
    for (const file of ['app.js', 'api.js', 'pages/run.js', 'styles.css', 'icon.svg']) {
      const res = await request(app).get(`/dashboard/${file}`);
      expect({ file, status: res.status, csp: res.headers['content-security-policy'] }).toEqual({ file, status: 200, csp });
    }
  });

  it('leaves every other path to the routes behind it: the API, health and the JSON 404', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/api/v1/organizations')).status).toBe(401);
    for (const missing of ['/dashboard/nothing.js', '/dashboard/../package.json', '/index.html', '/dashboard']) {
      const res = await request(app).get(missing);
      expect({ missing, status: res.status, code: res.body?.error?.code }).toEqual({ missing, status: 404, code: 'not_found' });
    }
    // Only reads: a POST to / is no dashboard request.
    expect((await request(app).post('/').send({})).status).toBe(404);
  });

  it('refuses to start without its files, rather than serve a blank page', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-no-files-'));
    try {
      expect(() => dashboardRouter(empty)).toThrow(/dashboard's files are missing/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('every page module the app routes to exists (a page per file under pages/)', () => {
    const app = fs.readFileSync(path.join(DASHBOARD_FILES, 'app.js'), 'utf8');
    const pages = [...app.matchAll(/'\.\/(pages\/[\w-]+\.js)'/g)].map((m) => m[1]);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pages) expect(fs.existsSync(path.join(DASHBOARD_FILES, page))).toBe(true);
  });
});
