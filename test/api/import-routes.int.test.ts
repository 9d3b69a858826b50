import request from 'supertest';
import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { createToken } from '../../src/tokens/token-store';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { apiApp, apiClient } from '../support/api-app';

const TOKEN = 'import-routes-token-0123456789abcdef';

/** Imports over HTTP (issue 15, "Imports"): the CLI's importer, all or nothing, every problem by line or row and field. */
describe(`import routes (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  const logs = captureLogs('warn');
  let api: ReturnType<typeof apiClient>;
  let app: ReturnType<typeof apiApp>;
  beforeAll(async () => {
    db = await openTestDatabase();
    app = apiApp(db.db, logs.logger, TOKEN);
    api = apiClient(app, TOKEN);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    // Created by ops before the connection: imports come before the first sync.
    await ensureOrganization(db.db, 'acme');
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const state = async () =>
    JSON.stringify(
      await Promise.all(['employees', 'employee_emails', 'assets', 'asset_changes'].map((t) => selectRows(db.db, sql`select * from ${sql.identifier(t)} order by 1`))),
    );
  const people = () =>
    selectRows<{ first_name: string; last_name: string; email: string }>(
      db.db,
      sql`select e.first_name, e.last_name, ee.email from employees e join employee_emails ee on ee.employee_id = e.id order by ee.email`,
    );

  it('imports employees from a CSV body (an HR export: Work Email, extra columns) and reports what it did', async () => {
    const csv = 'First Name,Last Name,Work Email,Department\nJane,Doe,jane.doe@acme.com,Sales\nBo,Ray,bo@acme.com,IT\n';
    const res = await api.postText('/api/v1/organizations/acme/imports/employees', csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organization: 'acme',
      format: 'csv',
      dryRun: false,
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      refused: 0,
      problems: [],
      ignoredFields: ['Department'],
    });
    expect(await people()).toEqual([
      { first_name: 'Bo', last_name: 'Ray', email: 'bo@acme.com' },
      { first_name: 'Jane', last_name: 'Doe', email: 'jane.doe@acme.com' },
    ]);
    // An admin token of the organization may import too (the platform's own token).
    const admin = (await createToken(db.db, { role: 'admin', org: 'acme' })).token;
    const again = await apiClient(app, admin).postText('/api/v1/organizations/acme/imports/employees', csv);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('refuses a CSV body with bad rows whole: 422 with every problem by line and field, and nothing changes', async () => {
    await api.postText('/api/v1/organizations/acme/imports/employees', 'firstName,lastName,emails\nAnn,Lee,ann@acme.com\n');
    const before = await state();
    const csv = ['firstName,lastName,emails', 'Jane,Doe,jane@acme.com', ',Ray,bo@acme.com', 'Cy,Oh,not-an-email', 'Dee,Ng,JANE@acme.com'].join('\n');
    const res = await api.postText('/api/v1/organizations/acme/imports/employees', csv);
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: 'import_refused',
      message: 'the request body: 3 problem(s), nothing was written',
      details: {
        rows: 4,
        refused: 3,
        problems: [
          { line: 3, row: null, field: 'firstName', message: 'line 3: firstName is required and must not be empty (got nothing)' },
          { line: 4, row: null, field: 'emails', message: expect.stringMatching(/^line 4: emails must hold at least one valid email address/) },
          { line: 5, row: null, field: 'emails', message: 'line 5: email JANE@acme.com is also on line 2 (one employee per email)' },
        ],
      },
    });
    expect(await state()).toBe(before);
  });

  it('takes a JSON array too, reporting problems by row; a dry run counts and writes nothing, as --dry-run does', async () => {
    const rows = [{ firstName: 'Jane', lastName: 'Doe', emails: ['jane@acme.com'] }, 'not an object', { firstName: 'Bo', lastName: 'Ray', emails: [] }];
    const before = await state();
    const refused = await api.post('/api/v1/organizations/acme/imports/employees', rows);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.problems).toEqual([
      { line: null, row: 2, field: null, message: 'row 2: must be a JSON object' },
      { line: null, row: 3, field: 'emails', message: expect.stringMatching(/^row 3: emails must hold at least one valid email address/) },
    ]);
    const dry = await api.post('/api/v1/organizations/acme/imports/employees?dryRun=true', rows);
    expect(dry.status).toBe(200);
    // As the CLI counts: `rows` are the objects read (the non-object is a problem, not a row).
    expect(dry.body).toMatchObject({ format: 'json', dryRun: true, rows: 2, created: 1, refused: 2 });
    expect(dry.body.problems.map((p: { row: number }) => p.row)).toEqual([2, 3]);
    const goodDry = await api.post('/api/v1/organizations/acme/imports/employees?dryRun=true', [rows[0]]);
    expect(goodDry.body).toMatchObject({ dryRun: true, created: 1, refused: 0, problems: [] });
    expect(await state()).toBe(before);
  });

  it('imports assets with assignees after employees, and refuses an assignee who is not an employee by line and field', async () => {
    await api.post('/api/v1/organizations/acme/imports/employees', [{ firstName: 'Jane', lastName: 'Doe', emails: ['jane@acme.com'] }]);
    const before = await state();
    const bad = await api.postText(
      '/api/v1/organizations/acme/imports/assets',
      'Serial Number,Asset Type,Status,Assignee\nC02AAA,laptop,allocated,jane@acme.com\nC02BBB,laptop,allocated,nobody@acme.com\nC02CCC,toaster,allocated,\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems).toEqual([
      { line: 3, row: null, field: 'assigneeEmail', message: expect.stringContaining('line 3: assigneeEmail "nobody@acme.com" is not an employee') },
      { line: 4, row: null, field: 'assetType', message: expect.stringMatching(/^line 4: assetType must be one of/) },
    ]);
    expect(await state()).toBe(before);

    const good = await api.postText('/api/v1/organizations/acme/imports/assets', 'serialNumber,assetType,status,assigneeEmail\nC02AAA,laptop,allocated,JANE@acme.com\n');
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ format: 'csv', created: 1 });
    const rows = await selectRows<{ serial_number: string; email: string }>(
      db.db,
      sql`select a.serial_number, ee.email from assets a join employee_emails ee on ee.employee_id = a.assignee_employee_id`,
    );
    expect(rows).toEqual([{ serial_number: 'C02AAA', email: 'jane@acme.com' }]);
  });

  it('a body that is not CSV at all, a body of another type, and an unknown organization change nothing', async () => {
    const before = await state();
    const broken = await api.postText('/api/v1/organizations/acme/imports/employees', 'firstName,lastName,emails\n"Jane,Doe,jane@acme.com\n');
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ code: 'import_refused', message: 'the request body is not valid CSV, nothing was written', details: { rows: null, refused: null } });
    expect(broken.body.error.details.problems).toEqual([{ line: null, row: null, field: null, message: expect.any(String) }]);
    const plain = await api.postText('/api/v1/organizations/acme/imports/employees', 'firstName,lastName,emails\n', 'text/plain');
    expect(plain.status).toBe(415);
    expect(plain.body.error.message).toBe('Send the request body as application/json or text/csv');
    const unknown = await api.post('/api/v1/organizations/nope/imports/employees', []);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'organization_not_found']);
    const badQuery = await api.post('/api/v1/organizations/acme/imports/employees?dryRun=yes', []);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details).toEqual([{ path: 'dryRun', message: expect.any(String) }]);
    expect(await state()).toBe(before);
  });

  it('takes bodies far above the default JSON limit up to 10 MB, refuses larger ones with 413 naming the limit, and reads none without a valid token', async () => {
    const header = 'firstName,lastName,emails\n';
    // ~300 kB: three times the default JSON limit (100kb).
    const rows = Array.from({ length: 6000 }, (_, i) => `First${i},Last${i},person${i}@acme.com`).join('\n');
    const big = await api.postText('/api/v1/organizations/acme/imports/employees?dryRun=true', header + rows);
    expect(big.status).toBe(200);
    expect(big.body).toMatchObject({ rows: 6000, created: 6000, refused: 0 });
    const json = Array.from({ length: 3000 }, (_, i) => ({ firstName: `F${i}`, lastName: `L${i}`, emails: [`p${i}@acme.com`] }));
    const bigJson = await api.post('/api/v1/organizations/acme/imports/employees?dryRun=true', json);
    expect(bigJson.body).toMatchObject({ format: 'json', rows: 3000, created: 3000 });

    const tooLarge = header + 'x'.repeat(10 * 1024 * 1024);
    const refused = await api.postText('/api/v1/organizations/acme/imports/employees', tooLarge);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('at most 10 MB') });
    const reader = (await createToken(db.db, { role: 'reader', org: 'acme' })).token;
    const asReader = await request(app).post('/api/v1/organizations/acme/imports/employees').set('authorization', `Bearer ${reader}`).set('content-type', 'text/csv').send(tooLarge);
    expect(asReader.status).toBe(403);
    const noToken = await request(app).post('/api/v1/organizations/acme/imports/employees').set('content-type', 'application/json').send(JSON.stringify(json));
    expect(noToken.status).toBe(401);
    expect(await people()).toEqual([]);
  });
});
