import { sql } from 'drizzle-orm';
import { testDatabaseKind } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, harnessPerTest, resetDatabase } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { ensureOrganization } from '../../src/connections/connection-store';
import { selectRows } from '../../src/db/query';
import { insertEmployee } from '../support/employee-rows';

/** One test per rule of the product (R1–R20), against the simulator over HTTP. */
describe(`reconciler rules (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();
  const { start } = suite;
  const addEmployee = (orgId: string, first: string, last: string, emails: string[]) => insertEmployee(suite.db.db, orgId, first, last, emails);

  it('R1: creates assets only for managed devices with a serial and a known asset type, and counts each skip reason', async () => {
    const s = await start({
      computers: [computer({ id: 1 }), computer({ id: 2, managed: false }), computer({ id: 3, serial: '' })],
      mobileDevices: [mobile({ id: 10 }), mobile({ id: 11, deviceType: 'Android', model: 'Galaxy S23', modelIdentifier: 'SM-S911B', modelNumber: '' })],
    });
    const report = await s.sync();
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ fetched: 5, created: 2, skipped: { unmanaged: 1, no_serial: 1, unknown_asset_type: 1 } });
    expect(await s.count('assets')).toBe(2);
    expect(await s.asset('C02TEST00001')).toBeDefined();
    expect(await s.asset('DMQTEST00010')).toBeDefined();
    expect(await s.asset('C02TEST00002')).toBeUndefined();
  });

  it('R2: a new asset is allocated', async () => {
    const s = await start({ computers: [computer({ id: 1 })] });
    await s.sync();
    expect((await s.asset('C02TEST00001'))!.status).toBe('allocated');
  });

  it('R3: links an existing employee by any of their emails (trimmed, case-insensitive), creates one when Jamf has email and names, none without email', async () => {
    const s = await start({
      computers: [
        computer({ id: 1, email: '  Ann.Lee@ACME.example ', realname: 'Ann Lee' }),
        computer({ id: 2, email: 'new.person@acme.example', realname: 'New Person' }),
        computer({ id: 3, email: null, realname: 'No Mail' }),
        computer({ id: 4, email: 'nameless@acme.example', realname: null }),
      ],
    });
    const annId = await addEmployee(s.target.organizationId, 'Ann', 'Lee', ['ann@personal.example', 'ann.lee@acme.example']);
    const report = await s.sync();
    expect((await s.asset('C02TEST00001'))!.assignee_employee_id).toBe(annId);
    expect(await s.asset('C02TEST00002')).toMatchObject({ assignee_first_name: 'New', assignee_last_name: 'Person', assignee_email: 'new.person@acme.example' });
    expect((await s.asset('C02TEST00003'))!.assignee_employee_id).toBeNull();
    expect((await s.asset('C02TEST00004'))!.assignee_employee_id).toBeNull();
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'employee_not_created_missing_name', serialNumber: 'C02TEST00004', jamfId: '4' }),
    ]);
    expect(report.counts).toMatchObject({ employeesCreated: 1, employeesLinked: 2 });
  });

  it('R4: splits "Last, First", takes the last word as last name otherwise, and collapses whitespace', async () => {
    const s = await start({
      computers: [
        computer({ id: 1, email: 'a@acme.example', realname: 'Doe,   John' }),
        computer({ id: 2, email: 'b@acme.example', realname: '  Mary   Ann  Smith ' }),
        computer({ id: 3, email: 'c@acme.example', realname: 'Cher' }),
      ],
      mobileDevices: [mobile({ id: 9, email: 'd@acme.example', realName: 'van der Berg, Anna' })],
    });
    const report = await s.sync();
    expect(await s.employees()).toEqual([
      { first_name: 'John', last_name: 'Doe', email: 'a@acme.example' },
      { first_name: 'Mary Ann', last_name: 'Smith', email: 'b@acme.example' },
      { first_name: 'Anna', last_name: 'van der Berg', email: 'd@acme.example' },
    ]);
    // A single word is a first name without a last name: no employee (R9).
    expect(report.warnings.map((w) => [w.code, w.jamfId])).toEqual([['employee_not_created_missing_name', '3']]);
  });

  it('R5: Jamf-owned fields are overwritten, and a value Jamf lacks (null, empty, 0 MHz) never erases a stored one', async () => {
    const s = await start({ computers: [computer({ id: 1, model: 'MacBook Pro (15-inch, 2018)', modelIdentifier: 'MacBookPro15,1', processor: 'Intel Core i7', mhz: 2600, ramMb: 16384 })] });
    await s.sync();
    expect(await s.asset('C02TEST00001')).toMatchObject({ processor_frequency_mhz: 2600, memory_mb: 16384, processor: 'Intel Core i7' });
    s.sim.store.patch('computers', '1', {
      hardware: { totalRamMegabytes: 32768, processorSpeedMhz: 0, processorType: '' },
      operatingSystem: { version: '14.6.1' },
    });
    const report = await s.sync();
    const asset = await s.asset('C02TEST00001');
    expect(asset).toMatchObject({ memory_mb: 32768, processor_frequency_mhz: 2600, processor: 'Intel Core i7', model: 'MacBook Pro', display_size_inches: 15 });
    expect(asset!.operating_system).toContain('14.6.1');
    expect(report.counts.updated).toBe(1);
    expect((await s.changes('C02TEST00001')).map((c) => c.field).sort()).toEqual(['(created)', 'memoryMb', 'operatingSystem']);
  });

  it('R6: assignee, location, status and condition of an existing asset are never changed by a sync', async () => {
    const s = await start({ computers: [computer({ id: 1, email: 'first@acme.example', realname: 'First User' })] });
    await s.sync();
    const other = await addEmployee(s.target.organizationId, 'Other', 'Owner', ['other@acme.example']);
    await suite.db.db.execute(sql`update assets set assignee_employee_id = ${other}, location = 'Paris HQ', status = 'in_repair', condition = 'poor'
      where serial_number = 'C02TEST00001'`);
    s.sim.store.patch('computers', '1', { userAndLocation: { email: 'someone.else@acme.example', realname: 'Someone Else' }, hardware: { totalRamMegabytes: 8192 } });
    await s.sync();
    expect(await s.asset('C02TEST00001')).toMatchObject({ assignee_employee_id: other, location: 'Paris HQ', status: 'in_repair', condition: 'poor', memory_mb: 8192 });
  });

  it('R7: "MacBook Pro (13-inch, 2018)" gives model "MacBook Pro", display 13", release 2018', async () => {
    const s = await start({ computers: [computer({ id: 1, model: 'MacBook Pro (13-inch, 2018)', modelIdentifier: 'MacBookPro15,2' })] });
    await s.sync();
    expect(await s.asset('C02TEST00001')).toMatchObject({ model: 'MacBook Pro', display_size_inches: 13, release_date: '2018', model_identifier: 'MacBookPro15,2', asset_type: 'laptop' });
  });

  it('R8: the asset type follows model and OS: laptop, desktop, mobile, tablet, tv', async () => {
    const s = await start({
      computers: [
        computer({ id: 1, model: 'MacBook Air (M2, 2022)', modelIdentifier: 'Mac14,2' }),
        computer({ id: 2, model: 'Mac mini (2018)', modelIdentifier: 'Macmini8,1' }),
      ],
      mobileDevices: [
        mobile({ id: 3 }),
        mobile({ id: 4, model: 'iPad 5th Generation (Wi-Fi)', modelIdentifier: 'iPad6,11', modelNumber: 'MP2F2LL', imei: '' }),
        mobile({ id: 5, deviceType: 'tvOS', model: 'Apple TV 4K (3rd generation)', modelIdentifier: 'AppleTV14,1', modelNumber: 'MN873LL', imei: '' }),
      ],
    });
    await s.sync();
    const types = await Promise.all(['C02TEST00001', 'C02TEST00002', 'DMQTEST00003', 'DMQTEST00004', 'DMQTEST00005'].map(async (x) => (await s.asset(x))!.asset_type));
    expect(types).toEqual(['laptop', 'desktop', 'mobile', 'tablet', 'tv']);
  });

  it('R9: an employee is only created with a first name, a last name and an email', async () => {
    const s = await start({
      computers: [computer({ id: 1, email: 'ok@acme.example', realname: 'Okay Person' }), computer({ id: 2, email: 'mono@acme.example', realname: 'Mononym' })],
    });
    await s.sync();
    expect(await s.employees()).toEqual([{ first_name: 'Okay', last_name: 'Person', email: 'ok@acme.example' }]);
  });

  it('R10: the preview counts employees to create and flags same-name employees; policy "hold" neither creates nor links them', async () => {
    const fleet = {
      computers: [
        computer({ id: 1, email: 'jane.smith@acme.example', realname: 'Jane Smith' }),
        computer({ id: 2, email: 'new.hire@acme.example', realname: 'New Hire' }),
      ],
    };
    const s = await start(fleet, { settings: { employeePolicy: 'hold' } });
    await addEmployee(s.target.organizationId, 'Jane', 'Smith', ['jane@personal.example']);
    const before = await s.snapshot();
    const preview = await s.sync({ dryRun: true });
    expect(await s.snapshot()).toBe(before);
    expect(preview.counts.employeesCreated).toBe(1);
    expect(preview.warnings).toEqual([expect.objectContaining({ code: 'possible_duplicate_employee', serialNumber: 'C02TEST00001' })]);

    const run = await s.sync();
    expect(run.warnings).toEqual([expect.objectContaining({ code: 'possible_duplicate_employee', serialNumber: 'C02TEST00001' })]);
    expect((await s.asset('C02TEST00001'))!.assignee_employee_id).toBeNull();
    expect((await s.employees()).map((e) => e.email)).toEqual(['jane@personal.example', 'new.hire@acme.example']);
  });

  it('R10: policy "create" (the default) creates the same-name employee and still reports it', async () => {
    const s = await start({ computers: [computer({ id: 1, email: 'jane.smith@acme.example', realname: 'Jane Smith' })] });
    await addEmployee(s.target.organizationId, 'Jane', 'Smith', ['jane@personal.example']);
    const run = await s.sync();
    expect(run.warnings.map((w) => w.code)).toEqual(['possible_duplicate_employee']);
    expect((await s.asset('C02TEST00001'))!.assignee_email).toBe('jane.smith@acme.example');
  });

  it('R11: ignore-listed usernames and emails never become assignees or employees', async () => {
    const s = await start(
      {
        computers: [
          computer({ id: 1, username: 'admin', email: 'it@acme.example', realname: 'IT Admin' }),
          computer({ id: 2, username: 'kiosk', email: 'Front.Desk@acme.example', realname: 'Front Desk' }),
          computer({ id: 3, username: 'jdoe', email: 'jdoe@acme.example', realname: 'John Doe' }),
        ],
      },
      { settings: { ignoreList: ['admin', 'front.desk@acme.example'] } },
    );
    await s.sync();
    expect((await s.asset('C02TEST00001'))!.assignee_employee_id).toBeNull();
    expect((await s.asset('C02TEST00002'))!.assignee_employee_id).toBeNull();
    expect((await s.employees()).map((e) => e.email)).toEqual(['jdoe@acme.example']);
  });

  it('R12: activation lock, recovery lock and AppleCare ID are kept apart from the asset, in the ops-only table', async () => {
    const s = await start({
      computers: [computer({ id: 1, activationLock: true, recoveryLock: true, appleCareId: 'AC-123' })],
      mobileDevices: [mobile({ id: 2, activationLock: false })],
    });
    await s.sync();
    const asset = await s.asset('C02TEST00001');
    expect(Object.keys(asset!).join(',')).not.toMatch(/activation|recovery|apple_care/);
    const secure = await selectRows(suite.db.db, sql`select s.* from asset_secure_fields s join assets a on a.id = s.asset_id where a.serial_number = 'C02TEST00001'`);
    expect(secure).toEqual([expect.objectContaining({ activation_lock_enabled: true, recovery_lock_enabled: true, apple_care_id: 'AC-123' })]);
    expect(await s.count('asset_secure_fields')).toBe(2);
  });

  it('R12: FileVault keys are fetched only when the connection enables it, stored encrypted under a key id, never logged, and not rewritten when unchanged', async () => {
    const key = 'Z4A6-ONF8-KUHD-AVTG-C3ER-6A8G';
    const off = await start({ computers: [computer({ id: 1 })] });
    off.sim.store.setFileVaultKey('1', key);
    await off.sync();
    expect(Object.keys(off.sim.stats().byPath).some((p) => p.includes('filevault'))).toBe(false);
    await off.stop();
    await resetDatabase(suite.db);

    const s = await start({ computers: [computer({ id: 1 }), computer({ id: 2 })] }, { settings: { fetchFileVaultKeys: true } });
    s.sim.store.setFileVaultKey('1', key);
    const first = await s.sync();
    expect(first.counts.recoveryKeysStored).toBe(1);
    const [row] = await selectRows<{ recovery_key_ciphertext: string; recovery_key_key_id: string }>(
      suite.db.db,
      sql`select s.recovery_key_ciphertext, s.recovery_key_key_id from asset_secure_fields s join assets a on a.id = s.asset_id where a.serial_number = 'C02TEST00001'`,
    );
    expect(row.recovery_key_ciphertext).not.toContain(key);
    expect(row.recovery_key_key_id).toBe(TEST_SECRET_BOX.currentKeyId);
    expect(TEST_SECRET_BOX.open({ ciphertext: row.recovery_key_ciphertext, keyId: row.recovery_key_key_id })).toBe(key);
    expect(s.logs.text()).not.toContain(key);

    const before = await s.snapshot();
    const second = await s.sync();
    expect(second.counts.recoveryKeysStored).toBe(0);
    expect(await s.snapshot()).toBe(before);

    s.sim.setFaults({ deniedPrivileges: ['View Disk Encryption Recovery Key'] });
    const denied = await s.sync();
    expect(denied.status).toBe('partial');
    expect(denied.errors).toEqual([expect.objectContaining({ code: 'filevault_keys_not_synced', message: expect.stringContaining('View Disk Encryption Recovery Key') })]);
  });

  it.each([
    ['in one batch', 500],
    ['across batches', 20],
  ])('R13: of two records with one serial the latest report wins, it is reported, and runs never flip between them (%s)', async (_, batchSize) => {
    const s = await start({
      computers: [
        computer({ id: 5, serial: 'DUPSERIAL01', reportDate: '2026-10-01T00:00:00.000Z', ramMb: 8192 }),
        ...Array.from({ length: 60 }, (_, i) => computer({ id: 100 + i })),
        computer({ id: 300, serial: 'DUPSERIAL01', reportDate: '2026-11-01T00:00:00.000Z', ramMb: 16384 }),
      ],
    });
    for (let run = 0; run < 3; run++) {
      const report = await s.sync({ batchSize });
      expect(report.warnings.filter((w) => w.code === 'duplicate_serial_in_jamf')).toHaveLength(1);
      // Across batches the first run writes the older record before it meets the newer one.
      const firstRunAcrossBatches = run === 0 && batchSize === 20;
      expect(report.counts.skipped.duplicate_serial_in_jamf ?? 0).toBe(firstRunAcrossBatches ? 0 : 1);
      expect(await s.asset('DUPSERIAL01')).toMatchObject({ jamf_id: '300', memory_mb: 16384 });
    }
    const jamfIdChanges = (await s.changes('DUPSERIAL01')).filter((c) => c.field === 'jamfId');
    // Across batches the older record may be written first in the very first run, then replaced once.
    expect(jamfIdChanges.length).toBe(batchSize === 500 ? 0 : 1);
  });

  it('R14: a device gone from a complete run and confirmed by a 404 is kept, marked removed with the time, status untouched', async () => {
    const s = await start({ computers: Array.from({ length: 20 }, (_, i) => computer({ id: i + 1 })) });
    await s.sync();
    await suite.db.db.execute(sql`update assets set status = 'in_transit' where serial_number = 'C02TEST00007'`);
    s.sim.store.remove('computers', '7');
    const report = await s.sync();
    expect(report.counts.removed).toBe(1);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'removed_from_jamf', serialNumber: 'C02TEST00007', jamfId: '7' })]);
    const asset = await s.asset('C02TEST00007');
    expect(asset).toMatchObject({ jamf_presence: 'removed', status: 'in_transit' });
    expect(asset!.jamf_removed_at).toBeTruthy();
    expect(await s.count('assets')).toBe(20);
  });

  it('R14: an incomplete run marks nothing removed', async () => {
    const s = await start({ computers: Array.from({ length: 20 }, (_, i) => computer({ id: i + 1 })), mobileDevices: [mobile({ id: 50 })] });
    await s.sync();
    s.sim.store.remove('computers', '7');
    s.sim.setFaults({ errorRate: 1 });
    const report = await s.sync();
    expect(report.status).toBe('failed');
    expect(report.failureReason).toMatch(/before reading all of Jamf/);
    expect(await s.asset('C02TEST00007')).toMatchObject({ jamf_presence: 'present' });
  });

  it('R14: when more than the allowed share of the fleet would be removed, none is and the run fails with the reason', async () => {
    const s = await start({ computers: Array.from({ length: 10 }, (_, i) => computer({ id: i + 1 })) }, { settings: { removalThreshold: 0.1 } });
    await s.sync();
    for (const id of ['1', '2', '3']) s.sim.store.remove('computers', id);
    const report = await s.sync();
    expect(report.status).toBe('failed');
    expect(report.failureReason).toMatch(/3 of 10 devices \(30%\) are missing from Jamf.*none was marked removed/);
    expect(await s.asset('C02TEST00001')).toMatchObject({ jamf_presence: 'present' });
  });

  it('R15: re-enrolment under a new Jamf id updates the same asset by serial, Jamf id included', async () => {
    const s = await start({ computers: [computer({ id: 40, serial: 'REENROLL001' })] });
    await s.sync();
    const before = await s.asset('REENROLL001');
    s.sim.store.remove('computers', '40');
    s.sim.store.add('computers', computer({ id: 41, serial: 'REENROLL001', reportDate: '2026-11-20T00:00:00.000Z' }) as never);
    const report = await s.sync();
    const after = await s.asset('REENROLL001');
    expect(after).toMatchObject({ id: before!.id, jamf_id: '41', jamf_presence: 'present' });
    expect(report.counts).toMatchObject({ created: 0, updated: 1, removed: 0 });
    expect((await s.changes('REENROLL001')).find((c) => c.field === 'jamfId')).toMatchObject({ old_value: '40', new_value: '41' });
  });

  it('R16: an unmanaged device never creates an asset, but an existing asset still gets its hardware facts', async () => {
    const s = await start({ computers: [computer({ id: 1 }), computer({ id: 2, managed: false })] });
    await s.sync();
    expect(await s.asset('C02TEST00002')).toBeUndefined();
    s.sim.store.patch('computers', '1', { general: { remoteManagement: { managed: false } }, hardware: { totalRamMegabytes: 65536 } });
    await s.sync();
    expect(await s.asset('C02TEST00001')).toMatchObject({ memory_mb: 65536, jamf_managed: false });
  });

  it('R17: every run has an id and a report with counts, per-device warnings and a field-level change log', async () => {
    const s = await start({ computers: [computer({ id: 1, ramMb: 8192 })] });
    const first = await s.sync();
    s.sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 16384 } });
    const second = await s.sync();
    expect(second).toMatchObject({ id: expect.any(String), trigger: 'manual', mode: 'full', status: 'succeeded', counts: { fetched: 1, updated: 1 } });
    expect(second.changes).toEqual([{ action: 'update', serialNumber: 'C02TEST00001', jamfId: '1', field: 'memoryMb', old: 8192, new: 16384 }]);
    const log = await s.changes('C02TEST00001');
    expect(log).toEqual([
      expect.objectContaining({ field: '(created)', old_value: null, run_id: first.id }),
      { field: 'memoryMb', old_value: 8192, new_value: 16384, run_id: second.id },
    ]);
    const runs = await selectRows<Record<string, any>>(suite.db.db, sql`select id, status, trigger, mode, finished_at, counts from sync_runs order by started_at`);
    expect(runs.map((r) => [r.id, r.status, r.trigger, r.mode])).toEqual([
      [first.id, 'succeeded', 'manual', 'full'],
      [second.id, 'succeeded', 'manual', 'full'],
    ]);
    expect(runs[1].counts).toMatchObject({ updated: 1, fetched: 1 });
  });

  it('R18: a second run over unchanged Jamf data writes no asset, employee or change rows', async () => {
    const s = await start({
      computers: Array.from({ length: 30 }, (_, i) => computer({ id: i + 1 })),
      mobileDevices: Array.from({ length: 30 }, (_, i) => mobile({ id: 100 + i })),
    });
    await s.sync();
    const before = await s.snapshot();
    const report = await s.sync();
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 60, employeesCreated: 0 });
    expect(await s.snapshot()).toBe(before);
  });

  it('R19: a malformed record is reported with its id and skipped; the rest of its page is applied', async () => {
    const s = await start({ computers: [computer({ id: 1 }), { ...computer({ id: 2 }), hardware: 'not an object' }, computer({ id: 3 })] });
    const report = await s.sync();
    expect(report.failureReason).toBeNull();
    expect(report.status).toBe('partial');
    expect(report.errors).toEqual([expect.objectContaining({ code: 'invalid_record', jamfId: '2' })]);
    expect(report.counts).toMatchObject({ created: 2, errors: 1 });
    expect(await s.asset('C02TEST00003')).toBeDefined();
  });

  it('R20: organizations are separate: one serial in two organizations is two assets, one email two employees', async () => {
    const fleet = { computers: [computer({ id: 1, email: 'shared@acme.example', realname: 'Shared Person' })] };
    const a = await start(fleet, { slug: 'org-a' });
    await a.sync();
    const b = await SyncHarness.start(suite.db, fleet, { slug: 'org-b' });
    try {
      await b.sync();
      expect(await a.count('assets')).toBe(1);
      expect(await b.count('assets')).toBe(1);
      expect((await a.asset('C02TEST00001'))!.id).not.toBe((await b.asset('C02TEST00001'))!.id);
      expect(await a.employees()).toEqual(await b.employees());
      expect(await b.count('employees')).toBe(1);
      expect(await ensureOrganization(suite.db.db, 'org-b')).toMatchObject({ slug: 'org-b' });
    } finally {
      await b.stop();
    }
  });

  it('a dry run writes nothing at all, not even a run row', async () => {
    const s = await start({ computers: [computer({ id: 1 })], mobileDevices: [mobile({ id: 2 })] });
    const report = await s.sync({ dryRun: true });
    expect(report).toMatchObject({ id: null, mode: 'dry_run', counts: { created: 2, employeesCreated: 2 } });
    expect(report.changes.map((c) => c.action)).toEqual(['create', 'create']);
    expect(await s.count('assets')).toBe(0);
    expect(await s.count('sync_runs')).toBe(0);
    expect(await s.count('employees')).toBe(0);
  });

  it('a webhook-style device refresh uses the same rules and records a run of its own', async () => {
    const s = await start({ computers: [computer({ id: 1, ramMb: 8192 })] });
    await s.sync();
    s.sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 24576 } });
    const { report, notFound } = await s.syncDevices([{ kind: 'computer', jamfId: '1' }, { kind: 'mobile', jamfId: '999' }]);
    expect(report).toMatchObject({ trigger: 'webhook', mode: 'device', counts: { updated: 1 } });
    expect(notFound).toEqual([{ kind: 'mobile', jamfId: '999' }]);
    expect((await s.asset('C02TEST00001'))!.memory_mb).toBe(24576);
  });
});
