import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { createToken } from '../../src/tokens/token-store';
import { computer } from '../support/jamf-factories';
import { harnessPerTest, type SyncHarness } from '../support/sync-harness';
import { testDatabaseKind } from '../support/test-database';
import { apiApp, apiClient } from '../support/api-app';
import { until } from '../support/until';

const TOKEN = 'review-routes-token-0123456789abcdef';

/**
 * The review queue (issue 15, R23): with employee_policy=hold a sync holds the Jamf users who share
 * a name with an employee of another email; an admin approves, links or ignores each, the decision
 * applies at once to the held devices and is recorded, and no later sync holds them again.
 */
describe(`review routes (${testDatabaseKind})`, () => {
  const harness = harnessPerTest();
  let h: SyncHarness;
  let api: ReturnType<typeof apiClient>;

  beforeEach(async () => {
    h = await harness.start(
      {
        computers: [
          computer({ id: 1, serial: 'C02JANE00001', email: 'jane.doe@acme.com', realname: 'Jane Doe' }),
          computer({ id: 2, serial: 'C02JANE00002', email: 'jane.doe@acme.com', realname: 'Jane Doe' }),
          computer({ id: 3, serial: 'C02ANN000001', email: 'ann.lee@acme.com', realname: 'Ann Lee' }),
          computer({ id: 4, serial: 'C02MAX000001', email: 'max.mu@acme.com', realname: 'Max Mu' }),
          computer({ id: 5, serial: 'C02BO0000001', email: 'bo.ray@acme.com', realname: 'Bo Ray' }),
        ],
        mobileDevices: [],
      },
      { settings: { employeePolicy: 'hold' } },
    );
    api = apiClient(apiApp(harness.db.db, h.logs.logger, TOKEN), TOKEN);
    // The platform knows these people by their personal addresses only (the seed's known pain).
    const imported = await api.post('/api/v1/organizations/acme/imports/employees', [
      { firstName: 'Jane', lastName: 'Doe', emails: ['jane.doe@gmail.com'] },
      { firstName: 'Ann', lastName: 'Lee', emails: ['ann.lee@gmail.com'] },
      { firstName: 'Max', lastName: 'Mu', emails: ['max.mu@gmail.com'] },
    ]);
    expect(imported.status).toBe(200);
  });

  async function sync() {
    const started = await api.post('/api/v1/organizations/acme/syncs', {});
    expect(started.status).toBe(202);
    return until(async () => {
      const res = await api.get(started.body.report);
      return res.body.status !== 'running' && res.body;
    }, 'the sync to finish');
  }
  const pending = async () => (await api.get('/api/v1/organizations/acme/review')).body.heldAssignees as Array<Record<string, any>>;
  const assignee = async (serial: string) => (await h.asset(serial))?.assignee_email ?? null;
  const employeeIdOf = async (email: string) =>
    (await selectRows<{ id: string }>(harness.db.db, sql`select employee_id as id from employee_emails where normalized_email = ${email}`))[0]?.id ?? null;

  it('a sync under hold puts each possible duplicate in the queue with its devices and the employee it resembles', async () => {
    const run = await sync();
    expect(run.status).toBe('succeeded');
    const queue = await pending();
    // Held together, listed by address.
    expect(queue.map((q) => [q.email, q.devices.map((d: { serialNumber: string }) => d.serialNumber)])).toEqual([
      ['ann.lee@acme.com', ['C02ANN000001']],
      ['jane.doe@acme.com', ['C02JANE00001', 'C02JANE00002']],
      ['max.mu@acme.com', ['C02MAX000001']],
    ]);
    const jane = queue.find((q) => q.email === 'jane.doe@acme.com')!;
    expect(jane).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      resembles: [{ employeeId: await employeeIdOf('jane.doe@gmail.com'), email: 'jane.doe@gmail.com', firstName: 'Jane', lastName: 'Doe' }],
      decision: null,
      decidedBy: null,
      decidedAt: null,
      employeeId: null,
    });
    expect(jane.devices[0]).toEqual({ serialNumber: 'C02JANE00001', assetType: 'laptop', model: expect.any(String), jamfId: '1', assigneeEmail: null, outcome: null });
    // Held: created without an assignee; Bo, no duplicate, is created and linked as usual.
    expect(await assignee('C02JANE00001')).toBeNull();
    expect(await assignee('C02BO0000001')).toBe('bo.ray@acme.com');
    // A later sync that meets Jane on a new device adds it to her pending entry: one entry per address.
    h.sim.store.add('computers', computer({ id: 9, serial: 'C02JANE00009', email: 'JANE.DOE@acme.com', realname: 'Jane Doe' }));
    await sync();
    const again = await pending();
    // The entry keeps the address as Jamf spelled it last.
    expect(again.map((q) => q.email)).toEqual(['ann.lee@acme.com', 'JANE.DOE@acme.com', 'max.mu@acme.com']);
    const janeAgain = again.find((q) => q.id === jane.id)!;
    expect(janeAgain.devices.map((d: { serialNumber: string }) => d.serialNumber)).toEqual(['C02JANE00001', 'C02JANE00002', 'C02JANE00009']);
  });

  it('approve, link and ignore each apply at once to the held devices, are recorded, and a later sync holds no one again', async () => {
    await sync();
    const queue = await pending();
    const id = (email: string) => queue.find((q) => q.email === email)!.id;
    // The inventory assigns one of Jane's devices meanwhile (R6: that assignee stays).
    const assets = await api.postText('/api/v1/organizations/acme/imports/assets', 'serialNumber,assigneeEmail\nC02JANE00002,bo.ray@acme.com\n');
    expect(assets.status).toBe(200);
    const admin = (await createToken(harness.db.db, { role: 'admin', org: 'acme', name: 'platform UI' })).token;
    const asAdmin = apiClient(apiApp(harness.db.db, h.logs.logger, TOKEN), admin);

    const approved = await asAdmin.post(`/api/v1/organizations/acme/review/${id('jane.doe@acme.com')}/approve`);
    expect(approved.status).toBe(200);
    const janeAtWork = await employeeIdOf('jane.doe@acme.com');
    expect(janeAtWork).not.toBeNull();
    expect(janeAtWork).not.toBe(await employeeIdOf('jane.doe@gmail.com'));
    expect(approved.body).toMatchObject({ decision: 'approved', decidedBy: admin.slice(0, 12), decidedAt: expect.any(String), employeeId: janeAtWork });
    expect(approved.body.devices.map((d: Record<string, unknown>) => [d.serialNumber, d.outcome, d.assigneeEmail])).toEqual([
      ['C02JANE00001', 'assigned', 'jane.doe@acme.com'],
      ['C02JANE00002', 'kept_assignee', 'bo.ray@acme.com'],
    ]);
    expect(await h.changes('C02JANE00001')).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'assigneeEmail', old_value: null, new_value: 'jane.doe@acme.com', run_id: null })]));

    const annAtHome = await employeeIdOf('ann.lee@gmail.com');
    const linked = await api.post(`/api/v1/organizations/acme/review/${id('ann.lee@acme.com')}/link`, { email: 'ANN.LEE@gmail.com' });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ decision: 'linked', decidedBy: 'API_TOKEN', employeeId: annAtHome });
    expect(await employeeIdOf('ann.lee@acme.com')).toBe(annAtHome);
    expect((await h.asset('C02ANN000001'))?.assignee_employee_id).toBe(annAtHome);

    const ignored = await api.post(`/api/v1/organizations/acme/review/${id('max.mu@acme.com')}/ignore`);
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({ decision: 'ignored', employeeId: null });
    expect(ignored.body.devices).toEqual([expect.objectContaining({ serialNumber: 'C02MAX000001', outcome: null, assigneeEmail: null })]);
    const [connection] = await selectRows<{ ignore_list: string[] }>(harness.db.db, sql`select ignore_list from jamf_connections`);
    expect(connection.ignore_list).toContain('max.mu@acme.com');

    expect(await pending()).toEqual([]);
    const decided = (await api.get('/api/v1/organizations/acme/review?status=decided')).body.heldAssignees;
    expect(decided.map((d: Record<string, unknown>) => [d.email, d.decision])).toEqual(
      expect.arrayContaining([
        ['jane.doe@acme.com', 'approved'],
        ['ann.lee@acme.com', 'linked'],
        ['max.mu@acme.com', 'ignored'],
      ]),
    );

    // New devices of the same three people: nobody is held again.
    for (const [n, email, name] of [
      [11, 'jane.doe@acme.com', 'Jane Doe'],
      [12, 'ann.lee@acme.com', 'Ann Lee'],
      [13, 'max.mu@acme.com', 'Max Mu'],
    ] as const) {
      h.sim.store.add('computers', computer({ id: n, serial: `C02NEW0000${n}`, email, realname: name }));
    }
    const later = await sync();
    expect(later.warnings.filter((w: { code: string }) => w.code === 'possible_duplicate_employee')).toEqual([]);
    expect(await pending()).toEqual([]);
    const assigneeIds = await Promise.all(['C02NEW000011', 'C02NEW000012', 'C02NEW000013'].map(async (s) => (await h.asset(s))?.assignee_employee_id));
    expect(assigneeIds).toEqual([janeAtWork, annAtHome, null]);
  });

  it('refuses a second decision, an unknown id, a link to no employee and a link to another employee\'s address, changing nothing', async () => {
    await sync();
    const [first, second] = await pending();
    const state = async () =>
      JSON.stringify(
        await Promise.all(
          ['held_assignees', 'held_assignee_assets', 'employees', 'employee_emails', 'assets', 'jamf_connections'].map((t) =>
            selectRows(harness.db.db, sql`select * from ${sql.identifier(t)} order by 1`),
          ),
        ),
      );
    expect((await api.post(`/api/v1/organizations/acme/review/${first.id}/approve`)).status).toBe(200);
    const before = await state();
    const again = await api.post(`/api/v1/organizations/acme/review/${first.id}/ignore`);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_decided']);
    const unknown = await api.post('/api/v1/organizations/acme/review/00000000-0000-4000-8000-000000000000/approve');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'held_assignee_not_found']);
    const notUuid = await api.post('/api/v1/organizations/acme/review/nope/approve');
    expect(notUuid.status).toBe(404);
    const nobody = await api.post(`/api/v1/organizations/acme/review/${second.id}/link`, { email: 'nobody@acme.com' });
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'employee_not_found']);
    const both = await api.post(`/api/v1/organizations/acme/review/${second.id}/link`, { email: 'bo.ray@acme.com', employeeId: 'x' });
    expect(both.status).toBe(400);
    // The first one's address is now an employee's (approved): linking the second to it is fine, but approving
    // a held address that became an employee's meanwhile is refused (link instead).
    await api.post('/api/v1/organizations/acme/imports/employees', [{ firstName: second.firstName, lastName: second.lastName, emails: [second.email, 'x@acme.com'] }]);
    const stateWithImport = await state();
    const approveTaken = await api.post(`/api/v1/organizations/acme/review/${second.id}/approve`);
    expect([approveTaken.status, approveTaken.body.error.code]).toEqual([409, 'email_already_employee']);
    const linkOther = await api.post(`/api/v1/organizations/acme/review/${second.id}/link`, { email: 'bo.ray@acme.com' });
    expect([linkOther.status, linkOther.body.error.code]).toEqual([409, 'email_of_another_employee']);
    expect(await state()).toBe(stateWithImport);
    expect(stateWithImport).not.toBe(before);
  });

  it('pages the queue with limit and next', async () => {
    await sync();
    const first = await api.get('/api/v1/organizations/acme/review?limit=2');
    expect(first.body.heldAssignees.length).toBe(2);
    expect(first.body.next).toBe(first.body.heldAssignees[1].id);
    const rest = await api.get(`/api/v1/organizations/acme/review?limit=2&after=${first.body.next}`);
    expect(rest.body.heldAssignees.length).toBe(1);
    expect(rest.body.next).toBeNull();
    const all = [...first.body.heldAssignees, ...rest.body.heldAssignees].map((q: { email: string }) => q.email).sort();
    expect(all).toEqual(['ann.lee@acme.com', 'jane.doe@acme.com', 'max.mu@acme.com']);
    const bad = await api.get('/api/v1/organizations/acme/review?after=nope');
    expect(bad.status).toBe(400);
  });
});
