import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { createToken } from '../../src/tokens/token-store';
import { selectRows } from '../../src/db/query';
import { testDatabaseKind } from '../support/test-database';
import { TEST_SECRET_BOX, harnessPerTest, type SyncHarness } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';

const API_TOKEN = 'organization-routes-token-0123456789';

/** Organizations over the API (issue 15, "Organizations", ops): create, list, get, delete (forced deletes audited). */
describe(`organization routes (${testDatabaseKind})`, () => {
  const per = harnessPerTest();
  let h: SyncHarness;
  let ops: string;

  beforeEach(async () => {
    // acme: connected and synced, 2 assets.
    h = await per.start({ computers: [computer({ id: 1 }), computer({ id: 2 })], mobileDevices: [] });
    await h.sync();
    ops = (await createToken(per.db.db, { role: 'ops', name: 'ops console' })).token;
    await per.db.db.execute(sql`delete from audit_log`);
  });

  const app = () =>
    createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: per.db.db, config: defaultConfig({ API_TOKEN }), box: TEST_SECRET_BOX, logger: h.logs.logger })],
    });
  const api = (method: 'get' | 'post' | 'delete', path: string, token = ops) => request(app())[method](path).set('authorization', `Bearer ${token}`);
  const organizationRows = async () => selectRows<{ slug: string; name: string }>(per.db.db, sql`select slug, name from organizations order by slug`);
  const auditRows = async () => selectRows<Record<string, unknown>>(per.db.db, sql`select actor, role, action, organization_slug, target, reason from audit_log`);

  it('creates an organization, which is gettable and listed before it has a connection', async () => {
    const created = await api('post', '/api/v1/organizations').send({ slug: 'globex', name: ' Globex Corp ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      organization: 'globex',
      enabled: false,
      lastRun: null,
      lastSuccessAt: null,
      consecutiveFailures: 0,
      lastError: null,
      nextScheduledRun: null,
      nextRetryAt: null,
      name: 'Globex Corp',
      createdAt: expect.any(String),
      hasConnection: false,
      assets: 0,
      employees: 0,
      runs: 0,
    });
    expect(await organizationRows()).toEqual([
      { slug: 'acme', name: 'acme' },
      { slug: 'globex', name: 'Globex Corp' },
    ]);

    const one = await api('get', '/api/v1/organizations/globex');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);

    // A name is the slug unless given.
    expect((await api('post', '/api/v1/organizations').send({ slug: 'initech' })).body).toMatchObject({ organization: 'initech', name: 'initech' });
    const list = await api('get', '/api/v1/organizations');
    expect(list.body.organizations.map((o: { organization: string; hasConnection: boolean }) => [o.organization, o.hasConnection])).toEqual([
      ['acme', true],
      ['globex', false],
      ['initech', false],
    ]);
  });

  it('lists and gets a connected organization with its sync status (the keys it always had) and what it holds', async () => {
    const res = await api('get', '/api/v1/organizations/acme');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).slice(0, 8)).toEqual(['organization', 'enabled', 'lastRun', 'lastSuccessAt', 'consecutiveFailures', 'lastError', 'nextScheduledRun', 'nextRetryAt']);
    expect(res.body).toMatchObject({ organization: 'acme', enabled: true, lastRun: { status: 'succeeded' }, hasConnection: true, assets: 2, runs: 1 });
    expect(res.body.nextScheduledRun).toEqual(expect.any(String));
    // A reader of acme sees acme only, with the same fields.
    const reader = (await createToken(per.db.db, { role: 'reader', org: 'acme' })).token;
    expect((await api('get', '/api/v1/organizations', reader)).body).toEqual({ organizations: [res.body] });
  });

  it('refuses a taken slug (409), a malformed one and unknown fields (400 with paths), writing nothing', async () => {
    const before = await organizationRows();
    const taken = await api('post', '/api/v1/organizations').send({ slug: 'acme', name: 'Other' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'organization_exists']);
    const bad = await api('post', '/api/v1/organizations').send({ slug: 'Acme Corp', name: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['', 'name', 'slug']);
    expect(bad.body.error.details.find((d: { path: string }) => d.path === 'slug').message).toMatch(/lower-case letters, digits and dashes/);
    expect((await api('post', '/api/v1/organizations').send({})).status).toBe(400);
    expect(await organizationRows()).toEqual(before);
  });

  it('answers 404 for an organization that does not exist, and for a slug no organization can have', async () => {
    for (const slug of ['nope', 'NOT%20A%20SLUG', 'x'.repeat(300)]) {
      const res = await api('get', `/api/v1/organizations/${slug}`);
      expect([res.status, res.body.error.code]).toEqual([404, 'organization_not_found']);
      expect(res.body.error.message).not.toMatch(/Known/); // the API does not list the other organizations
    }
    expect((await api('delete', '/api/v1/organizations/nope')).status).toBe(404);
  });

  it('deletes an organization without assets, with no audit row', async () => {
    await api('post', '/api/v1/organizations').send({ slug: 'globex' });
    const res = await api('delete', '/api/v1/organizations/globex');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organization: 'globex', removed: { assets: 0, employees: 0, runs: 0, connection: false }, audited: false });
    expect((await organizationRows()).map((o) => o.slug)).toEqual(['acme']);
    expect((await api('get', '/api/v1/organizations/globex')).status).toBe(404);
    expect(await auditRows()).toEqual([]);
  });

  it('refuses to delete an organization with assets (409, nothing deleted) unless force=true, which is audited before the delete', async () => {
    const refused = await api('delete', '/api/v1/organizations/acme');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'organization_has_assets']);
    expect(refused.body.error.message).toMatch(/2 asset\(s\); nothing was deleted.*force=true/);
    expect((await api('delete', '/api/v1/organizations/acme?force=yes')).status).toBe(400);
    expect(await h.count('assets')).toBe(2);
    expect(await auditRows()).toEqual([]);

    const reader = (await createToken(per.db.db, { role: 'reader', org: 'acme' })).token;
    const forced = await api('delete', '/api/v1/organizations/acme?force=true');
    expect(forced.status).toBe(200);
    expect(forced.body).toEqual({ organization: 'acme', removed: { assets: 2, employees: expect.any(Number), runs: 1, connection: true }, audited: true });
    expect(await auditRows()).toEqual([
      {
        actor: ops.slice(0, 12),
        role: 'ops',
        action: 'organization.delete_forced',
        organization_slug: 'acme',
        target: 'acme',
        reason: expect.stringMatching(/^deleted with 2 asset\(s\)/),
      },
    ]);
    expect(await organizationRows()).toEqual([]);
    expect(await h.count('assets')).toBe(0);
    // Its tokens went with it.
    expect((await api('get', '/api/v1/organizations/acme', reader)).status).toBe(401);
  });
});
