import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter, apiRoutes } from '../../src/api/api-router';
import type { HttpMethod } from '../../src/api/route-definition';
import type { Role } from '../../src/access/roles';
import { defaultConfig } from '../../src/config';
import { saveConnection } from '../../src/connections/connection-store';
import { createToken, revokeToken } from '../../src/tokens/token-store';
import { selectRows } from '../../src/db/query';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { until } from '../support/until';
import { insertInboxRow } from '../support/webhook-inbox-rows';

const API_TOKEN = 'test-api-token-0123456789abcdef';

/** Tokens of every role, each route's refusals and successes (issue 15, "Tokens and roles"). */
describe(`HTTP API tokens and roles (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let runId: string;
  let employeeId: string;
  let deadWebhookId: number;
  const tokens: Record<'acmeReader' | 'acmeAdmin' | 'globexAdmin' | 'ops' | 'revoked', string> = {} as never;

  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [computer({ id: 1 })], mobileDevices: [] });
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'globex' }, { baseUrl: h.sim.url, auth: { kind: 'client', clientId: 'c', clientSecret: 's' }, pageSize: 50 });
    runId = (await h.sync()).id!;
    employeeId = (await selectRows<{ id: string }>(db.db, sql`select id from employees limit 1`))[0].id;
    deadWebhookId = await insertInboxRow(db.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'Jamf Pro unreachable' });
    tokens.acmeReader = (await createToken(db.db, { role: 'reader', org: 'acme', name: 'acme UI' })).token;
    tokens.acmeAdmin = (await createToken(db.db, { role: 'admin', org: 'acme' })).token;
    tokens.globexAdmin = (await createToken(db.db, { role: 'admin', org: 'globex' })).token;
    tokens.ops = (await createToken(db.db, { role: 'ops' })).token;
    const revoked = await createToken(db.db, { role: 'admin', org: 'acme' });
    await revokeToken(db.db, revoked.summary.prefix);
    tokens.revoked = revoked.token;
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.db.execute(sql`truncate audit_log`);
    await db.close();
  });

  // No API_TOKEN by default: stored tokens work on their own.
  const app = (apiToken?: string) =>
    createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig(apiToken ? { API_TOKEN: apiToken } : {}), box: TEST_SECRET_BOX, logger: h.logs.logger })],
    });

  /**
   * Every token-protected route of the API (apiRoutes), called on organization acme: `route` is its
   * declared path, `path` the one called. A test below fails when a declared route is missing here.
   */
  type Route = { method: HttpMethod; route: string; path: () => string; needs: Role; body?: object | object[] };
  const routes: Route[] = [
    { method: 'get', route: '/api/v1/organizations/:org', path: () => '/api/v1/organizations/acme', needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/runs', path: () => '/api/v1/organizations/acme/runs', needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/assets', path: () => '/api/v1/organizations/acme/assets', needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/notifications', path: () => '/api/v1/organizations/acme/notifications', needs: 'reader' },
    { method: 'get', route: '/api/v1/runs/:id', path: () => `/api/v1/runs/${runId}`, needs: 'reader' },
    // A real sync if it were let through: the refusals must start none.
    { method: 'post', route: '/api/v1/organizations/:org/syncs', path: () => '/api/v1/organizations/acme/syncs', needs: 'admin', body: {} },
    // apiorg: organizations (ops), the connection and webhooks setup (admin; reading the connection: reader). Bodies that would write if let through.
    { method: 'post', route: '/api/v1/organizations', path: () => '/api/v1/organizations', needs: 'ops', body: { slug: 'newco' } },
    { method: 'delete', route: '/api/v1/organizations/:org', path: () => '/api/v1/organizations/acme?force=true', needs: 'ops' },
    { method: 'get', route: '/api/v1/organizations/:org/connection', path: () => '/api/v1/organizations/acme/connection', needs: 'reader' },
    {
      method: 'put',
      route: '/api/v1/organizations/:org/connection',
      path: () => '/api/v1/organizations/acme/connection',
      needs: 'admin',
      body: { baseUrl: 'https://elsewhere.example.com', auth: { kind: 'basic', username: 'u', password: 'p' } },
    },
    { method: 'patch', route: '/api/v1/organizations/:org/connection', path: () => '/api/v1/organizations/acme/connection', needs: 'admin', body: { pageSize: 7, enabled: false } },
    { method: 'delete', route: '/api/v1/organizations/:org/connection', path: () => '/api/v1/organizations/acme/connection', needs: 'admin' },
    { method: 'post', route: '/api/v1/organizations/:org/connection/test', path: () => '/api/v1/organizations/acme/connection/test', needs: 'admin', body: {} },
    { method: 'post', route: '/api/v1/organizations/:org/webhooks/credentials', path: () => '/api/v1/organizations/acme/webhooks/credentials', needs: 'admin', body: {} },
    // apipeople: imports and the review queue (a refused import must read and write nothing; a decision must apply nothing).
    ...(['employees', 'assets'] as const).map(
      (kind): Route => ({
        method: 'post',
        route: `/api/v1/organizations/:org/imports/${kind}`,
        path: () => `/api/v1/organizations/acme/imports/${kind}`,
        needs: 'admin',
        body: kind === 'employees' ? [{ firstName: 'Eve', lastName: 'Intruder', emails: ['eve@acme.example'] }] : [{ serialNumber: 'EVE1', assetType: 'laptop', status: 'allocated' }],
      }),
    ),
    { method: 'get', route: '/api/v1/organizations/:org/review', path: () => '/api/v1/organizations/acme/review', needs: 'admin' },
    ...(['approve', 'link', 'ignore'] as const).map(
      (decision): Route => ({
        method: 'post',
        route: `/api/v1/organizations/:org/review/:id/${decision}`,
        path: () => `/api/v1/organizations/acme/review/00000000-0000-4000-8000-000000000000/${decision}`,
        needs: 'admin',
        body: decision === 'link' ? { email: 'user1@acme.example' } : {},
      }),
    ),
    // apiread: assets, employees, changes (readers); secure fields and the audit trail (ops; a refused read writes no audit row).
    { method: 'get', route: '/api/v1/organizations/:org/assets/:serial', path: () => '/api/v1/organizations/acme/assets/C02TEST00001', needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/employees', path: () => '/api/v1/organizations/acme/employees', needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/employees/:id', path: () => `/api/v1/organizations/acme/employees/${employeeId}`, needs: 'reader' },
    { method: 'get', route: '/api/v1/organizations/:org/changes', path: () => '/api/v1/organizations/acme/changes', needs: 'reader' },
    {
      method: 'get',
      route: '/api/v1/organizations/:org/assets/:serial/secure',
      path: () => '/api/v1/organizations/acme/assets/C02TEST00001/secure?reason=roles%20test',
      needs: 'ops',
    },
    { method: 'get', route: '/api/v1/audit', path: () => '/api/v1/audit', needs: 'ops' },
    // dashboard2: the webhook inbox (reader) and retrying a dead webhook (admin; a real dead row of acme, left dead by the refusals).
    { method: 'get', route: '/api/v1/organizations/:org/webhooks', path: () => '/api/v1/organizations/acme/webhooks', needs: 'reader' },
    { method: 'post', route: '/api/v1/organizations/:org/webhooks/dead/:id/retry', path: () => `/api/v1/organizations/acme/webhooks/dead/${deadWebhookId}/retry`, needs: 'admin' },
  ];
  const call = (route: Pick<Route, 'method' | 'path' | 'body'>, token: string | null, apiToken?: string) => {
    const r = request(app(apiToken))[route.method](route.path());
    const sent = route.method === 'get' ? r : r.send(route.body ?? {});
    return token === null ? sent : sent.set('authorization', `Bearer ${token}`);
  };

  it('covers every token-protected route the API declares', () => {
    const declared = apiRoutes({ db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: h.logs.logger, startSync: async () => ({ dryRun: true, report: null }) })
      // Any valid token may list the organizations it sees or ask who it is: tested on their own (below, and test/dashboard/me-and-files).
      .filter((r) => !r.public && !(r.method === 'get' && ['/api/v1/organizations', '/api/v1/me'].includes(r.path)))
      .map((r) => `${r.method} ${r.path}`);
    expect(routes.map((r) => `${r.method} ${r.route}`).sort()).toEqual(declared.sort());
  });

  /** Everything a refused request could have changed: runs, assets and their changes, of either organization. */
  async function state(): Promise<string> {
    const rows = await Promise.all(
      [
        ...['sync_runs', 'assets', 'asset_changes', 'employees', 'organizations', 'jamf_connections', 'audit_log'],
        // The review queue's writes: emails, held assignees and their devices (and the ignore-list, in jamf_connections).
        ...['employee_emails', 'held_assignees', 'held_assignee_assets'],
        // A secure read's trails.
        'secure_field_reads',
        // dashboard2: the webhook inbox (a refused retry leaves its dead row dead).
        'webhook_inbox',
      ].map((t) => selectRows(db.db, sql`select * from ${sql.identifier(t)} order by 1`)),
    );
    return JSON.stringify(rows);
  }

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.route}`, r] as const))(
    '%s refuses no token, a revoked one, another organization\'s and too small a role, and changes nothing',
    async (_name, route) => {
      const before = await state();
      const refusals: Array<[string, string | null, number]> = [
        ['no token', null, 401],
        ['a revoked token', tokens.revoked, 401],
        ['a token that was never created', 'jst_' + 'x'.repeat(43), 401],
        ["another organization's admin", tokens.globexAdmin, 403],
      ];
      if (route.needs !== 'reader') refusals.push(['a reader', tokens.acmeReader, 403]);
      if (route.needs === 'ops') refusals.push(['an admin of the organization', tokens.acmeAdmin, 403]);
      for (const [who, token, status] of refusals) {
        const res = await call(route, token);
        expect({ who, status: res.status, code: res.body?.error?.code }).toEqual({ who, status, code: status === 401 ? 'unauthorized' : 'forbidden' });
        expect(Object.keys(res.body)).toEqual(['error']);
        expect(res.body.error.message).toEqual(expect.any(String));
      }
      expect(await state()).toBe(before);
    },
  );

  it.each(routes.filter((r) => r.method === 'get').map((r) => [r.route, r] as const))('GET %s answers each role it needs or higher, and API_TOKEN', async (_path, route) => {
    const allowed = { reader: [tokens.acmeReader, tokens.acmeAdmin, tokens.ops], admin: [tokens.acmeAdmin, tokens.ops], ops: [tokens.ops] }[route.needs];
    for (const token of allowed) expect((await call(route, token)).status).toBe(200);
    expect((await call(route, API_TOKEN, API_TOKEN)).status).toBe(200);
  });

  it('an admin and ops start syncs and previews; a reader does not', async () => {
    const syncs: Route = routes.find((r) => r.route === '/api/v1/organizations/:org/syncs')!;
    for (const token of [tokens.acmeAdmin, tokens.ops]) {
      const preview = await call({ ...syncs, body: { dryRun: true } }, token);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ mode: 'dry_run', id: null });
    }
    const preview = await call({ ...syncs, body: { dryRun: true } }, tokens.acmeReader);
    expect(preview.status).toBe(403);

    const started = await call(syncs, tokens.acmeAdmin);
    expect(started.status).toBe(202);
    const report = await until(async () => {
      const res = await call({ method: 'get', path: () => started.body.report }, tokens.acmeReader);
      return res.body.status !== 'running' && res;
    }, 'the sync started by an admin token to finish');
    expect(report.body).toMatchObject({ id: started.body.runId, organization: 'acme', status: 'succeeded' });
  });

  it('listing organizations shows ops (and API_TOKEN) every organization, a scoped token its own only', async () => {
    const list = async (token: string, apiToken?: string) => {
      const res = await request(app(apiToken)).get('/api/v1/organizations').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return res.body.organizations.map((o: { organization: string }) => o.organization);
    };
    expect(await list(tokens.ops)).toEqual(['acme', 'globex']);
    expect(await list(API_TOKEN, API_TOKEN)).toEqual(['acme', 'globex']);
    expect(await list(tokens.acmeReader)).toEqual(['acme']);
    expect(await list(tokens.globexAdmin)).toEqual(['globex']);
    for (const token of [null, tokens.revoked]) {
      const r = request(app()).get('/api/v1/organizations');
      expect((await (token ? r.set('authorization', `Bearer ${token}`) : r)).status).toBe(401);
    }
  });

  it('a scoped token learns nothing of other organizations: an unknown slug is refused like another one', async () => {
    const other = await request(app()).get('/api/v1/organizations/globex/runs').set('authorization', `Bearer ${tokens.acmeReader}`);
    const unknown = await request(app()).get('/api/v1/organizations/nope/runs').set('authorization', `Bearer ${tokens.acmeReader}`);
    expect([other.status, other.body.error.message]).toEqual([403, unknown.body.error.message]);
    expect(unknown.status).toBe(403);
    // ops is told the truth.
    expect((await request(app()).get('/api/v1/organizations/nope/runs').set('authorization', `Bearer ${tokens.ops}`)).status).toBe(404);
  });

  it('records when a token was last used, and API_TOKEN keeps working beside stored tokens', async () => {
    const lastUsed = async () =>
      (await selectRows<{ role: string; last_used_at: Date | null }>(db.db, sql`select role, last_used_at from api_tokens where role = 'ops'`))[0].last_used_at;
    await request(app()).get('/api/v1/organizations').set('authorization', `Bearer ${tokens.ops}`);
    expect(await lastUsed()).not.toBeNull();
    const both = app(API_TOKEN);
    expect((await request(both).get('/api/v1/organizations/acme').set('authorization', `Bearer ${API_TOKEN}`)).status).toBe(200);
    expect((await request(both).get('/api/v1/organizations/acme').set('authorization', `Bearer ${tokens.acmeReader}`)).status).toBe(200);
    expect((await request(both).get('/api/v1/organizations/acme').set('authorization', `Bearer ${tokens.revoked}`)).status).toBe(401);
  });

  it('never logs a token, accepted or refused', async () => {
    const logged = h.logs.lines().join('\n');
    expect(logged).toMatch(/"statusCode":403/);
    for (const token of Object.values(tokens)) expect(logged).not.toContain(token.slice(12));
    expect(logged).not.toContain(API_TOKEN);
  });
});
