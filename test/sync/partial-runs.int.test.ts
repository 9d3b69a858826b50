/**
 * Partial runs (`sync --serial`, `sync --only`) against the simulator over HTTP: Jamf filters the
 * devices, the same rules apply to what comes back, and nothing outside the run is touched or
 * marked removed, whatever Jamf lost meanwhile (R14 belongs to complete runs only).
 */
import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, harnessPerTest, type Fleet } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { selectRows } from '../../src/db/query';
import { normalizeSerials } from '../../src/sync/run-selection';

const serialOf = (id: number) => `C02TEST${String(id).padStart(5, '0')}`;

describe(`partial runs: --serial and --only (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();
  const { start } = suite;
  const tenComputersTwoMobiles = (): Fleet => ({
    computers: Array.from({ length: 10 }, (_, i) => computer({ id: i + 1, ramMb: 8192 })),
    mobileDevices: [mobile({ id: 50 }), mobile({ id: 51 })],
  });
  const changedSerials = async (runId: string | null) =>
    (
      await selectRows<{ serial_number: string }>(
        suite.db.db,
        sql`select distinct a.serial_number from asset_changes c join assets a on a.id = c.asset_id where c.run_id = ${runId} order by 1`,
      )
    ).map((r) => r.serial_number);
  const presence = async () =>
    selectRows<{ serial_number: string; jamf_presence: string }>(suite.db.db, sql`select serial_number, jamf_presence from assets order by serial_number`);

  it('a serial run updates exactly that asset: Jamf filters it, the change log has only it, the run is manual with mode serial', async () => {
    const s = await start(tenComputersTwoMobiles());
    await s.sync();
    for (const id of ['2', '3']) s.sim.store.patch('computers', id, { hardware: { totalRamMegabytes: 32768 } });
    const before = s.sim.stats().requests;

    const report = await s.sync({ selection: { serials: normalizeSerials([` ${serialOf(2).toLowerCase()} `]) } });

    expect(report).toMatchObject({ status: 'succeeded', mode: 'serial', trigger: 'manual' });
    expect(report.counts).toMatchObject({ fetched: 1, updated: 1, created: 0, removed: 0 });
    expect(report.changes).toEqual([expect.objectContaining({ action: 'update', serialNumber: serialOf(2), field: 'memoryMb', old: 8192, new: 32768 })]);
    expect(await changedSerials(report.id)).toEqual([serialOf(2)]);
    expect(await s.asset(serialOf(2))).toMatchObject({ memory_mb: 32768 });
    // Jamf changed computer 3 too, but it was not asked for.
    expect(await s.asset(serialOf(3))).toMatchObject({ memory_mb: 8192 });
    const [run] = await selectRows<{ trigger: string; mode: string; status: string }>(suite.db.db, sql`select trigger, mode, status from sync_runs where id = ${report.id}`);
    expect(run).toEqual({ trigger: 'manual', mode: 'serial', status: 'succeeded' });
    // One filtered page per device kind, not the whole fleet.
    expect(s.sim.stats().requests - before).toBeLessThanOrEqual(4);
  });

  it('an unknown serial is reported in the report and the run, the known ones (any kind) still sync', async () => {
    const s = await start(tenComputersTwoMobiles());
    await s.sync();
    s.sim.store.patch('mobileDevices', '51', { hardware: { capacityMb: 262144 } });
    const report = await s.sync({ selection: { serials: normalizeSerials(['DMQTEST00051', 'NOSUCHDEVICE1', serialOf(4)]) } });

    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ fetched: 2, removed: 0, warnings: 1 });
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'serial_not_in_jamf', serialNumber: 'NOSUCHDEVICE1', jamfId: null })]);
    const events = await selectRows<{ code: string; serial_number: string }>(
      suite.db.db,
      sql`select code, serial_number from sync_run_events where run_id = ${report.id} and severity = 'warning'`,
    );
    expect(events).toEqual([{ code: 'serial_not_in_jamf', serial_number: 'NOSUCHDEVICE1' }]);
  });

  it('a serial Jamf lost is reported, never marked removed', async () => {
    const s = await start(tenComputersTwoMobiles());
    await s.sync();
    s.sim.store.remove('computers', '5');
    const report = await s.sync({ selection: { serials: [serialOf(5)] } });
    expect(report).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ fetched: 0, removed: 0 }) });
    expect(report.warnings.map((w) => [w.code, w.serialNumber])).toEqual([['serial_not_in_jamf', serialOf(5)]]);
    expect(await s.asset(serialOf(5))).toMatchObject({ jamf_presence: 'present', jamf_removed_at: null });
  });

  it('a mobiles-only run leaves computers untouched and marks none removed, even with half of them gone from Jamf (no removal guard)', async () => {
    const s = await start(tenComputersTwoMobiles());
    await s.sync();
    for (const id of ['1', '2', '3', '4', '5']) s.sim.store.remove('computers', id);
    s.sim.store.patch('computers', '6', { hardware: { totalRamMegabytes: 65536 } });
    s.sim.store.patch('mobileDevices', '50', { general: { displayName: 'Renamed iPad' } });
    const computersBefore = await selectRows(suite.db.db, sql`select * from assets where jamf_kind = 'computer' order by serial_number`);

    const report = await s.sync({ selection: { only: 'mobiles' } });

    expect(report).toMatchObject({ status: 'succeeded', mode: 'mobiles', failureReason: null, errorCode: null });
    expect(report.counts).toMatchObject({ fetched: 2, removed: 0 });
    expect(report.warnings.filter((w) => w.code === 'removed_from_jamf')).toEqual([]);
    expect(await selectRows(suite.db.db, sql`select * from assets where jamf_kind = 'computer' order by serial_number`)).toEqual(computersBefore);
    expect((await changedSerials(report.id)).every((serial) => serial.startsWith('DMQTEST'))).toBe(true);

    // The next complete run does see the computers that left (and its guard weighs them).
    const complete = await s.sync();
    expect(complete).toMatchObject({ status: 'failed', errorCode: 'removal_guard_tripped' });
  });

  it('a computers-only run marks no mobile device removed, while a complete run would', async () => {
    const s = await start({ computers: Array.from({ length: 20 }, (_, i) => computer({ id: i + 1 })), mobileDevices: [mobile({ id: 50 })] });
    await s.sync();
    s.sim.store.remove('mobileDevices', '50');
    s.sim.store.remove('computers', '7');
    const report = await s.sync({ selection: { only: 'computers' } });
    expect(report).toMatchObject({ status: 'succeeded', mode: 'computers', counts: expect.objectContaining({ fetched: 19, removed: 0 }) });
    expect((await presence()).filter((p) => p.jamf_presence !== 'present')).toEqual([]);

    const complete = await s.sync();
    expect(complete.counts.removed).toBe(2);
    expect((await presence()).filter((p) => p.jamf_presence === 'removed').map((p) => p.serial_number)).toEqual([serialOf(7), 'DMQTEST00050']);
  });

  it('a dry serial run plans that device and writes nothing', async () => {
    const s = await start(tenComputersTwoMobiles(), { settings: { fetchFileVaultKeys: true } });
    await s.sync();
    s.sim.store.patch('computers', '2', { hardware: { totalRamMegabytes: 32768 } });
    const snapshot = await s.snapshot();
    const runs = await s.count('sync_runs');
    const report = await s.sync({ dryRun: true, selection: { serials: [serialOf(2)] } });
    expect(report).toMatchObject({ mode: 'dry_run', counts: expect.objectContaining({ fetched: 1, updated: 1 }) });
    expect(await s.snapshot()).toBe(snapshot);
    expect(await s.count('sync_runs')).toBe(runs);
  });
});

/** The serial filter on every computer inventory API the simulator (and Jamf) serves. */
describe.each([
  ['11.22.0-t1700000000', 'v1'],
  ['11.29.0-t1700000000', 'v3'],
  ['11.31.0-t1700000000', 'v4'],
])(`serial run on Jamf Pro %s (/api/%s/computers-inventory) (${testDatabaseKind})`, (jamfVersion, api) => {
  let db: TestDatabase;
  let h: SyncHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(
      db,
      { computers: [1, 2, 3].map((id) => computer({ id })), mobileDevices: [mobile({ id: 50 })], fileVaultRecoveryKeys: { '1': 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', '2': 'GGGG-HHHH-JJJJ-KKKK-LLLL-MMMM' } },
      { simulator: { jamfVersion }, settings: { fetchFileVaultKeys: true } },
    );
  });
  afterAll(async () => {
    await h?.stop();
    await db?.close();
  });

  it('reads only the named computers, through Jamf\'s filter, with their FileVault keys', async () => {
    const report = await h.sync({ selection: { serials: [serialOf(2), serialOf(3)] } });
    expect(report).toMatchObject({ status: 'succeeded', counts: expect.objectContaining({ fetched: 2, created: 2, recoveryKeysStored: 1 }) });
    expect(h.sim.stats().byPath[`/api/${api}/computers-inventory`]).toBeGreaterThan(0);
    const rows = await selectRows<{ serial_number: string; has_key: boolean }>(
      db.db,
      sql`select a.serial_number, s.recovery_key_ciphertext is not null as has_key from assets a left join asset_secure_fields s on s.asset_id = a.id order by 1`,
    );
    expect(rows).toEqual([
      { serial_number: serialOf(2), has_key: true },
      { serial_number: serialOf(3), has_key: false },
    ]);
  });
});
