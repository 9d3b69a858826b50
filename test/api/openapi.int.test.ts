import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { DocumentedResponses, openApiProblems } from '../support/openapi-check';
import { until } from '../support/until';
import { insertInboxRow } from '../support/webhook-inbox-rows';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';

const API_TOKEN = 'openapi-test-token-0123456789abcdef';

/** The OpenAPI document is valid, and real responses of every route match what it documents (issue 15, "OpenAPI"). */
describe(`OpenAPI document (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let app: ReturnType<typeof createApp>;
  let document: Record<string, any>;
  let documented: DocumentedResponses;

  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [computer({ id: 1 }), computer({ id: 2 })], mobileDevices: [] });
    await h.sync();
    app = createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig({ API_TOKEN }), box: TEST_SECRET_BOX, logger: h.logs.logger })],
    });
    const res = await request(app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    document = res.body;
    documented = new DocumentedResponses(res.body);
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.db.execute(sql`truncate audit_log`);
    await db.close();
  });

  /** Calls the API as ops and holds the response to its documented schema. */
  async function call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) {
    const r = request(app)[method](path).set('authorization', `Bearer ${API_TOKEN}`);
    const res = await (body === undefined ? r : r.send(body));
    expect({ path, problems: documented.problems(method, path, res.status, res.body) }).toEqual({ path, problems: [] });
    return res;
  }

  it('is a valid OpenAPI 3.1 document, without a token, naming the role of every protected route', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(openApiProblems(document)).toEqual([]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, op] of Object.entries<any>(operations)) {
        if (path === '/api/v1/openapi.json') continue;
        expect({ route: `${method} ${path}`, security: op.security, role: op['x-required-role']?.role }).toEqual({
          route: `${method} ${path}`,
          security: [{ bearerAuth: [] }],
          role: expect.stringMatching(/^(reader|admin|ops)$/),
        });
        expect(op.responses['401']).toBeDefined();
      }
    }
  });

  it('documents the errors a real request gets: a bad query answers 400 with field paths in the Error shape', async () => {
    const res = await call('get', '/api/v1/organizations/acme/assets?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it('real responses of every route match their documented schema, and every route is exercised', async () => {
    await call('get', '/api/v1/openapi.json');
    await call('get', '/api/v1/organizations');
    await call('get', '/api/v1/me');
    await call('get', '/api/v1/organizations/acme');
    await call('get', '/api/v1/organizations/acme/assets?limit=1');
    await call('get', '/api/v1/organizations/acme/notifications?limit=5');
    const preview = await call('post', '/api/v1/organizations/acme/syncs', { dryRun: true });
    expect(preview.status).toBe(200);
    const started = await call('post', '/api/v1/organizations/acme/syncs', {});
    expect(started.status).toBe(202);
    await until(async () => (await request(app).get(started.body.report).set('authorization', `Bearer ${API_TOKEN}`)).body.status !== 'running', 'the sync to finish');
    await call('get', started.body.report);
    const runs = await call('get', '/api/v1/organizations/acme/runs');
    expect(runs.body.runs.length).toBeGreaterThanOrEqual(2);
    await call('get', '/api/v1/runs/00000000-0000-4000-8000-000000000000');

    // apiorg: organizations, the connection (tried against the simulator) and webhooks setup, on a new organization.
    expect((await call('post', '/api/v1/organizations', { slug: 'globex', name: 'Globex' })).status).toBe(201);
    expect((await call('post', '/api/v1/organizations', { slug: 'globex' })).status).toBe(409);
    expect((await call('get', '/api/v1/organizations/globex')).body.hasConnection).toBe(false);
    const connection = { baseUrl: h.sim.url, auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret } };
    expect((await call('put', '/api/v1/organizations/globex/connection', connection)).status).toBe(201);
    expect((await call('put', '/api/v1/organizations/globex/connection', { ...connection, employeePolicy: 'hold' })).status).toBe(200);
    expect((await call('get', '/api/v1/organizations/globex/connection')).body.auth.secretSet).toBe(true);
    expect((await call('patch', '/api/v1/organizations/globex/connection', { pageSize: 100, extensionAttributeMapping: { Color: 'color' } })).status).toBe(200);
    expect((await call('post', '/api/v1/organizations/globex/connection/test')).body).toMatchObject({ ok: true, computers: 2 });
    expect((await call('post', '/api/v1/organizations/globex/webhooks/credentials', { kind: 'basic' })).status).toBe(201);
    expect((await call('delete', '/api/v1/organizations/globex/connection')).status).toBe(200);
    expect((await call('get', '/api/v1/organizations/globex/connection')).status).toBe(404);
    expect((await call('delete', '/api/v1/organizations/acme')).status).toBe(409);
    expect((await call('delete', '/api/v1/organizations/globex')).body).toMatchObject({ organization: 'globex', audited: false });
    // apipeople: imports (done and refused), the preview's people lists (above), the review queue and its decisions.
    expect((await call('post', '/api/v1/organizations/acme/imports/employees', [{ firstName: 'Jane', lastName: 'Doe1', emails: ['jane@home.example'] }])).status).toBe(200);
    expect((await call('post', '/api/v1/organizations/acme/imports/employees', [{ firstName: '', lastName: 'X', emails: [] }])).status).toBe(422);
    expect((await call('post', '/api/v1/organizations/acme/imports/assets?dryRun=true', [{ serialNumber: 'NEW1', assetType: 'laptop', status: 'available' }])).status).toBe(200);
    await db.db.execute(sql`update jamf_connections set employee_policy = 'hold'`);
    for (const [id, realname] of [[3, 'Jane Doe1'], [4, 'Jane Doe2'], [5, 'Jane Doe2']] as const) {
      h.sim.store.add('computers', computer({ id, email: `jd${id}@other.example`, realname }));
    }
    const holding = await call('post', '/api/v1/organizations/acme/syncs', {});
    await until(async () => (await request(app).get(holding.body.report).set('authorization', `Bearer ${API_TOKEN}`)).body.status !== 'running', 'the holding sync to finish');
    const queue = await call('get', '/api/v1/organizations/acme/review');
    expect(queue.body.heldAssignees.map((q: { email: string }) => q.email)).toEqual(['jd3@other.example', 'jd4@other.example', 'jd5@other.example']);
    const [approve, link, ignore] = queue.body.heldAssignees.map((q: { id: string }) => `/api/v1/organizations/acme/review/${q.id}`);
    expect((await call('post', `${approve}/approve`)).status).toBe(200);
    expect((await call('post', `${link}/link`, { email: 'user4@acme.example' })).status).toBe(404);
    expect((await call('post', `${link}/link`, { email: 'user2@acme.example' })).status).toBe(200);
    expect((await call('post', `${ignore}/ignore`)).status).toBe(200);
    expect((await call('post', `${ignore}/ignore`)).status).toBe(409);
    expect((await call('get', '/api/v1/organizations/acme/review?status=decided')).body.heldAssignees).toHaveLength(3);

    // apiread: assets filtered and one with its history, employees, changes, runs filtered, secure fields and the audit trail.
    const filtered = await call('get', '/api/v1/organizations/acme/assets?type=laptop&presence=present&serialPrefix=c02&updatedSince=2020-01-01&limit=1');
    expect(filtered.body.assets).toHaveLength(1);
    expect((await call('get', '/api/v1/organizations/acme/assets/C02TEST00001')).body.history.length).toBeGreaterThan(0);
    expect((await call('get', '/api/v1/organizations/acme/assets/NOPE')).status).toBe(404);
    const employees = await call('get', '/api/v1/organizations/acme/employees?limit=1');
    expect(employees.body.next).toEqual(expect.any(String));
    await call('get', `/api/v1/organizations/acme/employees/${employees.body.employees[0].id}`);
    await call('get', '/api/v1/organizations/acme/changes?field=(created)&limit=1');
    await call('get', `/api/v1/organizations/acme/runs?status=succeeded&trigger=manual&limit=1`);
    expect((await call('get', '/api/v1/organizations/acme/assets/C02TEST00001/secure?reason=openapi%20test')).status).toBe(200);
    expect((await call('get', '/api/v1/organizations/acme/assets/C02TEST00001/secure')).status).toBe(400);
    expect((await call('get', '/api/v1/audit?action=secure_fields.read')).body.entries).toHaveLength(1);
    // dashboard2: the webhook inbox, with a dead webhook retried.
    const dead = await insertInboxRow(db.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'Jamf Pro unreachable' });
    await insertInboxRow(db.db, 'acme', { status: 'done', outcome: 'refreshed', serialNumber: 'C02OPENAPI' });
    expect((await call('get', '/api/v1/organizations/acme/webhooks?limit=5')).body.counts).toMatchObject({ dead: 1 });
    expect((await call('post', `/api/v1/organizations/acme/webhooks/dead/${dead}/retry`)).body).toEqual({ organization: 'acme', id: dead, status: 'pending' });
    expect((await call('post', `/api/v1/organizations/acme/webhooks/dead/${dead}/retry`)).status).toBe(409);

    const operations = Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const exercised = new Set([...documented.checked].map((c) => c.split(' ').slice(0, 2).join(' ')));
    expect(operations.filter((op) => !exercised.has(op))).toEqual([]);
  });
});
