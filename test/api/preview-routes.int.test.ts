import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { computer } from '../support/jamf-factories';
import { harnessPerTest, type SyncHarness } from '../support/sync-harness';
import { testDatabaseKind } from '../support/test-database';
import { apiApp, apiClient } from '../support/api-app';

const TOKEN = 'preview-routes-token-0123456789abcdef';

/**
 * The seed's warning made visible (issue 15, "Preview"; R10): the platform holds Jane Doe under her
 * personal address, Jamf has her work address; the preview lists whom a sync would create, and
 * Jane beside the employee she resembles, before anything is written.
 */
describe(`preview routes (${testDatabaseKind})`, () => {
  const harness = harnessPerTest();
  const fleet = {
    computers: [
      computer({ id: 1, serial: 'C02JANE00001', email: 'jane.doe@acme.com', realname: 'Jane Doe' }),
      computer({ id: 2, serial: 'C02BORAY0001', email: 'bo.ray@acme.com', realname: 'Bo Ray' }),
      computer({ id: 3, serial: 'C02BORAY0002', email: 'Bo.Ray@acme.com', realname: 'Bo Ray' }),
      computer({ id: 4, serial: 'C02CYOH00001', email: 'cy.oh@acme.com', realname: 'Cy Oh' }),
    ],
    mobileDevices: [],
  };

  async function start(policy: 'create' | 'hold' = 'create') {
    const h: SyncHarness = await harness.start(fleet, { settings: { employeePolicy: policy } });
    const api = apiClient(apiApp(harness.db.db, h.logs.logger, TOKEN), TOKEN);
    const imported = await api.post('/api/v1/organizations/acme/imports/employees', [{ firstName: 'Jane', lastName: 'Doe', emails: ['jane.doe@gmail.com'] }]);
    expect(imported.status).toBe(200);
    return { h, api };
  }
  const preview = (api: ReturnType<typeof apiClient>, body: object = {}) => api.post('/api/v1/organizations/acme/syncs', { dryRun: true, ...body });

  it('lists the employees a sync would create with the devices that bring them, and the possible duplicate beside the employee she resembles; writes nothing', async () => {
    const { h, api } = await start();
    const before = await h.snapshot();
    const res = await preview(api);
    expect(res.status).toBe(200);
    // The report's keys as before.
    expect(res.body).toMatchObject({ id: null, mode: 'dry_run', counts: { created: 4, employeesCreated: 3 }, changesTruncated: false });
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'possible_duplicate_employee', serialNumber: 'C02JANE00001' })]);

    expect(res.body.newEmployees).toEqual({
      total: 3,
      items: [
        { email: 'bo.ray@acme.com', firstName: 'Bo', lastName: 'Ray', serials: ['C02BORAY0001', 'C02BORAY0002'], possibleDuplicate: false },
        { email: 'cy.oh@acme.com', firstName: 'Cy', lastName: 'Oh', serials: ['C02CYOH00001'], possibleDuplicate: false },
        { email: 'jane.doe@acme.com', firstName: 'Jane', lastName: 'Doe', serials: ['C02JANE00001'], possibleDuplicate: true },
      ],
      next: null,
    });
    const [jane] = await selectRows<{ id: string }>(harness.db.db, sql`select employee_id as id from employee_emails where email = 'jane.doe@gmail.com'`);
    expect(res.body.possibleDuplicates).toEqual({
      total: 1,
      items: [
        {
          email: 'jane.doe@acme.com',
          firstName: 'Jane',
          lastName: 'Doe',
          serials: ['C02JANE00001'],
          held: false,
          resembles: [{ employeeId: jane.id, email: 'jane.doe@gmail.com', firstName: 'Jane', lastName: 'Doe' }],
        },
      ],
      next: null,
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('pages each list by email: employeesLimit, then the `next` of each page as employeesAfter', async () => {
    const { h, api } = await start();
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await preview(api, { employeesLimit: 2, ...(after ? { employeesAfter: after } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.newEmployees.total).toBe(3);
      seen.push(...res.body.newEmployees.items.map((e: { email: string }) => e.email));
      after = res.body.newEmployees.next ?? undefined;
      if (!after) break;
    }
    expect(seen).toEqual(['bo.ray@acme.com', 'cy.oh@acme.com', 'jane.doe@acme.com']);
    const past = await preview(api, { employeesLimit: 1, duplicatesAfter: 'jane.doe@acme.com' });
    expect(past.body.possibleDuplicates).toEqual({ total: 1, items: [], next: null });
    const bad = await preview(api, { employeesLimit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'employeesLimit', message: expect.any(String) }]);
    // A real sync has no lists to page: refused, and no run starts.
    const notPreview = await api.post('/api/v1/organizations/acme/syncs', { employeesAfter: 'bo.ray@acme.com' });
    expect(notPreview.status).toBe(400);
    expect(notPreview.body.error.details).toEqual([{ path: 'employeesAfter', message: 'only for a preview (dryRun: true)' }]);
    expect(await h.count('sync_runs')).toBe(0);
  });

  it('with employee_policy=hold, the possible duplicate is listed as held and is not among the employees to create', async () => {
    const { h, api } = await start('hold');
    const before = await h.snapshot();
    const res = await preview(api);
    expect(res.body.newEmployees.items.map((e: { email: string }) => e.email)).toEqual(['bo.ray@acme.com', 'cy.oh@acme.com']);
    expect(res.body.possibleDuplicates.items).toEqual([expect.objectContaining({ email: 'jane.doe@acme.com', held: true, serials: ['C02JANE00001'] })]);
    expect(res.body.counts.employeesCreated).toBe(2);
    expect(await h.snapshot()).toBe(before);
  });
});
