import { apiApp } from '../support/api-app';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { importEmployees } from '../../src/inventory/import-employees';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';

const TOKEN = 'employee-routes-token-0123456789abcdef';

/** GET …/employees (emails, asset counts, filters, cursor) and GET …/employees/:id with its assets (issue 15, "Employees"). */
describe(`HTTP API: employees (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let globexEmployeeId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, {
      computers: [
        computer({ id: 1, email: 'jane@acme.example', realname: 'Jane Roe' }),
        computer({ id: 2, email: 'jane@acme.example', realname: 'Jane Roe' }),
        computer({ id: 3, email: 'bob@acme.example', realname: 'Bob Stone' }),
        computer({ id: 4, email: 'jan.kim@acme.example', realname: 'Jan Kim' }),
      ],
      mobileDevices: [mobile({ id: 50, serial: 'MOBILE000050', email: 'bob@acme.example', realName: 'Bob Stone' })],
    });
    expect((await h.sync()).status).toBe('succeeded');
    // An employee without devices, with a second (personal) address.
    await importEmployees(db.db, {
      organizationSlug: 'acme',
      fileName: 'e.json',
      text: JSON.stringify([{ firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example', 'ann.lee@personal.example'] }]),
    });
    await ensureOrganization(db.db, 'globex');
    await importEmployees(db.db, { organizationSlug: 'globex', fileName: 'e.json', text: JSON.stringify([{ firstName: 'Gil', lastName: 'Obex', emails: ['gil@globex.example'] }]) });
    // The other organization's employee: its id must not be found through acme.
    [{ id: globexEmployeeId }] = await selectRows<{ id: string }>(
      db.db,
      sql`select e.id from employees e join organizations o on o.id = e.organization_id where o.slug = 'globex'`,
    );
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const auth = { authorization: `Bearer ${TOKEN}` };
  function app() {
    return apiApp(db.db, h.logs.logger, TOKEN);
  }
  const get = (path: string) => request(app()).get(path).set(auth);
  const names = async (query: string) => {
    const res = await get(`/api/v1/organizations/acme/employees?${query}`);
    expect(res.status).toBe(200);
    return res.body.employees.map((e: { firstName: string; lastName: string }) => `${e.firstName} ${e.lastName}`);
  };

  it('lists employees by name with their emails and how many assets each holds', async () => {
    const res = await get('/api/v1/organizations/acme/employees');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      employees: [
        { id: expect.any(String), firstName: 'Ann', lastName: 'Lee', emails: ['ann@acme.example', 'ann.lee@personal.example'], assetCount: 0 },
        { id: expect.any(String), firstName: 'Bob', lastName: 'Stone', emails: ['bob@acme.example'], assetCount: 2 },
        { id: expect.any(String), firstName: 'Jan', lastName: 'Kim', emails: ['jan.kim@acme.example'], assetCount: 1 },
        { id: expect.any(String), firstName: 'Jane', lastName: 'Roe', emails: ['jane@acme.example'], assetCount: 2 },
      ],
      next: null,
    });
  });

  it('filters by name prefix and email prefix, any case', async () => {
    expect(await names('name=ja')).toEqual(['Jan Kim', 'Jane Roe']);
    expect(await names('name=JANE')).toEqual(['Jane Roe']);
    expect(await names(`name=${encodeURIComponent('jan  k')}`)).toEqual(['Jan Kim']);
    // Any of an employee's emails: Ann's second address finds her.
    expect(await names('email=ANN.LEE@')).toEqual(['Ann Lee']);
    expect(await names('email=j')).toEqual(['Jan Kim', 'Jane Roe']);
    expect(await names('email=j&name=jane')).toEqual(['Jane Roe']);
    expect(await names('email=nobody')).toEqual([]);
  });

  it('pages with after/next through every employee once (filtered too), and ends with next null', async () => {
    const walk = async (filter: string) => {
      const seen: string[] = [];
      let after: string | null = '';
      for (let pages = 0; after !== null; pages++) {
        expect(pages).toBeLessThan(10);
        const res = await get(`/api/v1/organizations/acme/employees?limit=1${filter}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.employees.map((e: { lastName: string }) => e.lastName));
        after = res.body.next;
      }
      return seen;
    };
    expect(await walk('')).toEqual(['Lee', 'Stone', 'Kim', 'Roe']);
    expect(await walk('&name=ja')).toEqual(['Kim', 'Roe']);
  });

  it('answers a cursor it did not give, and bad filters, with 400 and the field path', async () => {
    for (const [query, path] of [
      ['after=not-a-cursor', 'after'],
      [`after=${Buffer.from(JSON.stringify({ name: 'x', id: 'nope' })).toString('base64url')}`, 'after'],
      ['name=', 'name'],
      ['email=a%00b', 'email'],
      [`email=${'x'.repeat(201)}`, 'email'],
    ]) {
      const res = await get(`/api/v1/organizations/acme/employees?${query}`);
      expect({ query, status: res.status, paths: res.body.error?.details?.map((d: { path: string }) => d.path) }).toEqual({ query, status: 400, paths: [path] });
    }
  });

  it('GET …/employees/:id answers one employee with its assets, and 404 for an unknown id or one of another organization', async () => {
    const [bob] = (await get('/api/v1/organizations/acme/employees?name=bob')).body.employees;
    const res = await get(`/api/v1/organizations/acme/employees/${bob.id}`);
    expect(res.status).toBe(200);
    const { assets, ...employee } = res.body;
    expect(employee).toEqual(bob);
    expect(assets.map((a: { serialNumber: string; assigneeEmail: string }) => [a.serialNumber, a.assigneeEmail])).toEqual([
      ['C02TEST00003', 'bob@acme.example'],
      ['MOBILE000050', 'bob@acme.example'],
    ]);
    // The same asset as the asset list answers.
    expect(assets[0]).toEqual((await get('/api/v1/organizations/acme/assets?serial=C02TEST00003')).body.assets[0]);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', globexEmployeeId]) {
      const missing = await get(`/api/v1/organizations/acme/employees/${id}`);
      expect({ id, status: missing.status, code: missing.body.error?.code }).toEqual({ id, status: 404, code: 'not_found' });
    }
  });
});
