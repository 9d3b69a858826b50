import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { createToken } from '../../src/tokens/token-store';
import { selectRows } from '../../src/db/query';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { setWebhookCredential } from '../../src/webhooks/webhook-credentials';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { closedPort } from '../jamf/simulator-harness';

const API_TOKEN = 'connection-routes-token-0123456789';

/**
 * An organization's Jamf connection over the API (issue 15, "Connection"): set with a write-only
 * secret, read without it, tried against the simulator over HTTP (per privilege, with counts),
 * settings changed under the CLI's rules, removed.
 */
describe(`connection routes (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let admin: string;
  const logs = captureLogs('debug');

  beforeAll(async () => {
    db = await openTestDatabase();
    sim = await startSimulator({ computers: 7, mobiles: 4, seed: 3 });
  });
  afterAll(async () => {
    await sim.close();
    await resetDatabase(db);
    await db.close();
  });
  beforeEach(async () => {
    sim.setFaults({ deniedPrivileges: [] });
    await ensureOrganization(db.db, 'acme');
    admin = (await createToken(db.db, { role: 'admin', org: 'acme' })).token;
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const app = (config: Record<string, string> = {}, box: typeof TEST_SECRET_BOX | null = TEST_SECRET_BOX) =>
    createApp({
      logger: logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig({ API_TOKEN, ...config }), box, logger: logs.logger })],
    });
  const api = (method: 'get' | 'put' | 'patch' | 'post' | 'delete', path: string, body?: object, token = admin, a = app()) => {
    const r = request(a)[method](`/api/v1/organizations/${path}`).set('authorization', `Bearer ${token}`);
    return body === undefined ? r : r.send(body);
  };
  const good = () => ({ baseUrl: sim.url, auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret } });
  const connectionRows = () => selectRows<Record<string, any>>(db.db, sql`select * from jamf_connections`);
  const storedSecret = async () => {
    const [row] = await connectionRows();
    return row ? TEST_SECRET_BOX.open({ ciphertext: row.auth_secret_ciphertext, keyId: row.auth_secret_key_id }) : null;
  };

  it('creates the connection (201) with its secret stored encrypted and never answered; GET says a secret is set', async () => {
    const res = await api('put', 'acme/connection', { ...good(), scheduleCron: '0 3 * * *', timeZone: 'Europe/Paris' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      organization: 'acme',
      baseUrl: sim.url,
      auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, username: null, secretSet: true, secretSource: 'stored' },
      settings: { scheduleCron: '0 3 * * *', timeZone: 'Europe/Paris', pageSize: 200, employeePolicy: 'create', removalThreshold: 0.1, fetchFileVaultKeys: false },
      webhooks: { path: '/webhooks/jamf/acme', credentials: [] },
      notes: [],
    });
    expect(await storedSecret()).toBe(DEFAULT_CREDENTIALS.clientSecret);
    expect((await connectionRows())[0].auth_secret_ciphertext).not.toContain(DEFAULT_CREDENTIALS.clientSecret);

    const read = await api('get', 'acme/connection');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    for (const answer of [res, read]) expect(answer.text).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
    expect(logs.lines().join('\n')).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
  });

  it('replaces it (200): new URL and credentials, settings not given and webhook credentials kept', async () => {
    await api('put', 'acme/connection', { ...good(), pageSize: 50, employeePolicy: 'hold' });
    await setWebhookCredential(db.db, 'acme', { kind: 'header', headerName: 'X-Hook', secret: 'a-long-webhook-secret-value' });
    const res = await api('put', 'acme/connection', { baseUrl: `${sim.url}/`, auth: { kind: 'basic', username: 'jamf-reader', password: 'new-password-1' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      baseUrl: sim.url,
      auth: { kind: 'basic', clientId: null, username: 'jamf-reader', secretSet: true },
      settings: { pageSize: 50, employeePolicy: 'hold' },
      webhooks: { credentials: [{ kind: 'header', headerName: 'x-hook', createdAt: expect.any(String) }] },
    });
    expect(await storedSecret()).toBe('new-password-1');
    expect(await connectionRows()).toHaveLength(1);
  });

  it('refuses bad input with field paths (400), an unknown organization (404) and a missing ENCRYPTION_KEY (409), writing nothing', async () => {
    const bad = await api('put', 'acme/connection', {
      baseUrl: 'http://jamf.example.com',
      auth: { kind: 'client', clientId: 'c' },
      pageSize: 0,
      scheduleCron: 'nightly',
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['', 'auth.clientSecret', 'baseUrl', 'pageSize', 'scheduleCron']);
    expect(bad.body.error.details.find((d: { path: string }) => d.path === 'baseUrl').message).toMatch(/must use https/);
    expect((await api('put', 'acme/connection', { ...good(), auth: { kind: 'token', token: 'x' } })).status).toBe(400);

    const unknown = await api('put', 'globex/connection', good(), API_TOKEN);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'organization_not_found']);
    const noKey = await api('put', 'acme/connection', good(), admin, app({}, null));
    expect([noKey.status, noKey.body.error.code]).toEqual([409, 'encryption_key_missing']);
    expect(await connectionRows()).toEqual([]);
    expect((await selectRows(db.db, sql`select slug from organizations`)).length).toBe(1);
  });

  it('creates the organization default on first use, as the CLI does', async () => {
    const res = await api('put', 'default/connection', good(), API_TOKEN);
    expect(res.status).toBe(201);
    expect(await selectRows(db.db, sql`select slug from organizations order by slug`)).toEqual([{ slug: 'acme' }, { slug: 'default' }]);
  });

  it('test: a good connection answers the version, inventory API, each privilege granted and the device counts', async () => {
    await api('put', 'acme/connection', { ...good(), fetchFileVaultKeys: true });
    const res = await api('post', 'acme/connection/test');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organization: 'acme',
      ok: true,
      reachable: true,
      authenticated: true,
      jamfProVersion: expect.stringMatching(/^11\.31\.0/),
      computerInventoryApi: 'v4',
      privileges: ['Read Computers', 'Read Mobile Devices', 'Read Departments', 'Read Buildings', 'View Disk Encryption Recovery Key'].map((privilege) => ({ privilege, status: 'granted' })),
      computers: 7,
      mobileDevices: 4,
      problem: null,
      scope: null,
      checkedAt: expect.any(String),
    });
  });

  it('test: missing privileges are each named, the others granted, the counts it could read given', async () => {
    await api('put', 'acme/connection', good());
    sim.setFaults({ deniedPrivileges: ['Read Mobile Devices', 'Read Buildings'] });
    const res = await api('post', 'acme/connection/test');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, reachable: true, authenticated: true, computers: 7, mobileDevices: null, problem: { code: 'jamf_permission_denied' } });
    expect(res.body.privileges).toEqual([
      { privilege: 'Read Computers', status: 'granted' },
      { privilege: 'Read Mobile Devices', status: 'missing' },
      { privilege: 'Read Departments', status: 'granted' },
      { privilege: 'Read Buildings', status: 'missing' },
    ]);
    expect(res.body.problem.message).toMatch(/Read Mobile Devices.*Read Buildings/);
  });

  it('test: a wrong secret is reported as refused credentials, an unreachable Jamf as unreachable; never the secret', async () => {
    await api('put', 'acme/connection', { ...good(), auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: 'wrong-secret-123' } });
    const wrong = await api('post', 'acme/connection/test');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false, reachable: true, authenticated: false, jamfProVersion: null, computers: null, problem: { code: 'jamf_auth_failed' } });
    expect(wrong.body.privileges.every((p: { status: string }) => p.status === 'unchecked')).toBe(true);
    expect(wrong.text).not.toContain('wrong-secret-123');

    await api('patch', 'acme/connection', { pageSize: 10 }); // a setting change keeps the stored (wrong) secret
    await api('put', 'acme/connection', { ...good(), baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const unreachable = await api('post', 'acme/connection/test');
    expect(unreachable.body).toMatchObject({ ok: false, reachable: false, authenticated: false, problem: { code: 'jamf_unavailable' } });
    expect(logs.lines().join('\n')).not.toContain('wrong-secret-123');
  });

  it('PATCH changes only the settings given, under the CLI rules; bad values are refused with paths and change nothing', async () => {
    await api('put', 'acme/connection', good());
    const before = await connectionRows();
    const bad = await api('patch', 'acme/connection', {
      scheduleCron: '61 * * * *',
      timeZone: 'Mars/Olympus',
      pageSize: 2001,
      employeePolicy: 'merge',
      ignoreList: ['ok', ' '],
      removalThreshold: 2,
      extensionAttributeMapping: { 'Asset Color': 'owner' },
      fetchFileVaultKeys: 'yes',
    });
    expect(bad.status).toBe(400);
    const messages = Object.fromEntries(bad.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(messages).toEqual({
      scheduleCron: expect.stringMatching(/cron expression/),
      timeZone: expect.stringMatching(/IANA time zone/),
      pageSize: 'must be a whole number from 1 to 2000',
      employeePolicy: 'must be create or hold',
      'ignoreList.1': expect.stringMatching(/empty/),
      removalThreshold: 'must be a share from 0 to 1, such as 0.1',
      // The mapping is checked as a whole by catalog/ea-mapping (as --ea-map is): each problem names its attribute.
      extensionAttributeMapping: expect.stringMatching(/"Asset Color": "owner" is not an asset field Jamf owns/),
      fetchFileVaultKeys: expect.any(String),
    });
    for (const body of [{}, { baseUrl: sim.url }]) expect((await api('patch', 'acme/connection', body)).status).toBe(400);
    expect(await connectionRows()).toEqual(before);

    const res = await api('patch', 'acme/connection', {
      scheduleCron: '30 1 * * 1-5',
      timeZone: 'America/New_York',
      pageSize: 500,
      employeePolicy: 'hold',
      ignoreList: ['admin', 'kiosk@acme.com', 'admin'],
      removalThreshold: 0.25,
      extensionAttributeMapping: { 'Asset Color': 'color' },
      fetchFileVaultKeys: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      scheduleCron: '30 1 * * 1-5',
      timeZone: 'America/New_York',
      pageSize: 500,
      employeePolicy: 'hold',
      ignoreList: ['admin', 'kiosk@acme.com'],
      removalThreshold: 0.25,
      extensionAttributeMapping: { 'Asset Color': 'color' },
      fetchFileVaultKeys: true,
      enabled: true,
    });
    const [row] = await connectionRows();
    expect(row).toMatchObject({ schedule_cron: '30 1 * * 1-5', employee_policy: 'hold', fetch_filevault_keys: true, base_url: sim.url });
    expect(await storedSecret()).toBe(DEFAULT_CREDENTIALS.clientSecret);
  });

  it('DELETE removes the connection, keeping the organization; then GET, test and DELETE answer 404 connection_not_found', async () => {
    await api('put', 'acme/connection', good());
    const res = await api('delete', 'acme/connection');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organization: 'acme', removed: true, notes: [] });
    expect(await connectionRows()).toEqual([]);
    expect(await selectRows(db.db, sql`select slug from organizations`)).toEqual([{ slug: 'acme' }]);
    for (const [method, path] of [['get', 'acme/connection'], ['post', 'acme/connection/test'], ['delete', 'acme/connection'], ['patch', 'acme/connection']] as const) {
      const gone = await api(method, path, method === 'patch' ? { pageSize: 10 } : undefined);
      expect([method, gone.status, gone.body.error.code]).toEqual([method, 404, 'connection_not_found']);
    }
    const noOrg = await api('get', 'globex/connection', undefined, API_TOKEN);
    expect([noOrg.status, noOrg.body.error.code]).toEqual([404, 'organization_not_found']);
  });
  it('the device scope: PATCH checks it under the CLI rules (400 with paths, nothing saved), GET shows it, the test reports it as Jamf filters it or Jamf\'s refusal', async () => {
    expect((await api('put', 'acme/connection', good())).status).toBe(201);
    const bad = await api('patch', 'acme/connection', { deviceScope: { siteId: 'Paris', computersFilter: 'general.name==', kinds: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['deviceScope.computersFilter', 'deviceScope.kinds', 'deviceScope.siteId']);
    expect((await connectionRows())[0].device_scope).toEqual({});

    const scoped = await api('patch', 'acme/connection', { deviceScope: { kinds: ['computers'], managedOnly: true, computersFilter: ' general.platform==Mac ' } });
    expect(scoped.status).toBe(200);
    expect(scoped.body.settings).toMatchObject({
      deviceScope: { kinds: ['computers'], managedOnly: true, computersFilter: 'general.platform==Mac' },
      scopeDescription: expect.stringContaining('general.platform==Mac'),
    });
    const tested = await api('post', 'acme/connection/test');
    expect(tested.body).toMatchObject({ ok: true, problem: null, scope: { computers: expect.any(Number), mobileDevices: null, siteAfterFetch: false } });
    expect(tested.body.scope.computers).toBeLessThanOrEqual(7);

    // A field Jamf does not filter on: saved (as with --no-verify), and the test says what Jamf answered.
    expect((await api('patch', 'acme/connection', { deviceScope: { computersFilter: 'general.colour==red' } })).status).toBe(200);
    const refused = await api('post', 'acme/connection/test');
    expect(refused.body).toMatchObject({ ok: false, scope: null, problem: { code: 'scope_refused', message: expect.stringContaining('general.colour==red') } });
    expect(refused.body.problem.message).not.toContain('--no-verify');

    expect((await api('patch', 'acme/connection', { deviceScope: {} })).body.settings).toMatchObject({ deviceScope: {}, scopeDescription: 'all devices' });
  });
});
