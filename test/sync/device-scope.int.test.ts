/**
 * A connection's device scope against the simulator over HTTP: Jamf filters what it can, a scope
 * change is previewed by a dry run, and assets that leave the scope are kept and marked out of
 * scope, never removed, without tripping the removal guard (R14). Devices gone from Jamf are still
 * marked removed by a complete run of the whole scope.
 */
import { sql } from 'drizzle-orm';
import { testDatabaseKind } from '../support/test-database';
import { harnessPerTest, type Fleet, type SyncHarness } from '../support/sync-harness';
import { computer, mobile } from '../support/jamf-factories';
import { selectRows } from '../../src/db/query';
import { formatRunReport } from '../../src/sync/format-run-report';
import { listAssets } from '../../src/api/asset-queries';

const serialOf = (id: number) => `C02TEST${String(id).padStart(5, '0')}`;
const MAIN_HALL = '1';
const ANNEX = '2';

/** 12 computers in the Main Hall, 8 in the Annex; one iPad in each (mobiles filter on the name). */
function campusFleet(): Fleet {
  const computers = Array.from({ length: 20 }, (_, i) => {
    const c = computer({ id: i + 1 });
    (c.userAndLocation as Record<string, unknown>).buildingId = i < 12 ? MAIN_HALL : ANNEX;
    return c;
  });
  const mobileDevices = [50, 51].map((id) => {
    const m = mobile({ id });
    (m.userAndLocation as Record<string, unknown>).building = id === 50 ? 'Main Hall' : 'Annex';
    return m;
  });
  return { computers, mobileDevices };
}

function addBuildings(s: SyncHarness): void {
  s.sim.store.buildings.push({ id: MAIN_HALL, name: 'Main Hall' } as never, { id: ANNEX, name: 'Annex' } as never);
}

describe(`device scope per connection (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();
  const scopeState = async () =>
    selectRows<{ serial_number: string; jamf_presence: string; out: boolean }>(
      suite.db.db,
      sql`select serial_number, jamf_presence, out_of_scope_at is not null as out from assets order by serial_number`,
    );
  const annexSerials = [...Array.from({ length: 8 }, (_, i) => serialOf(i + 13)), 'DMQTEST00051'].sort();

  it('a scope change is previewed, then marks the assets that left it out of scope: not removed, no removal guard', async () => {
    const s = await suite.start(campusFleet());
    addBuildings(s);
    expect((await s.sync()).counts).toMatchObject({ created: 22, removed: 0 });

    // 9 of 22 assets leave: far above the 10 % the removal guard allows, had they been removals.
    s.target.deviceScope = { building: 'Main Hall' };
    const snapshot = await s.snapshot();
    const preview = await s.sync({ dryRun: true });
    expect(preview).toMatchObject({ mode: 'dry_run', status: 'succeeded', errorCode: null, scope: { building: 'Main Hall' }, scopeDescription: 'building "Main Hall"' });
    expect(preview.counts).toMatchObject({ fetched: 13, removed: 0, outOfScope: 9 });
    expect(preview.changes.filter((c) => c.action === 'leave_scope').map((c) => c.serialNumber).sort()).toEqual(annexSerials);
    const text = formatRunReport(preview);
    expect(text).toMatch(/scope\s+building "Main Hall"/);
    expect(text).toMatch(/would leave scope 9, back in scope 0/);
    expect(text).toContain(`Assets that would leave the scope (kept, not removed) (9):\n  ${annexSerials[0]} (Jamf id 13)`);
    expect(await s.snapshot()).toBe(snapshot);

    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null, failureReason: null });
    expect(run.counts).toMatchObject({ fetched: 13, removed: 0, outOfScope: 9 });
    const state = await scopeState();
    expect(state.filter((a) => a.out).map((a) => a.serial_number)).toEqual(annexSerials);
    expect(state.every((a) => a.jamf_presence === 'present')).toBe(true);
    // The API's asset read shows when it left the scope.
    const [listed] = await listAssets(suite.db.db, s.target.organizationId, { limit: 1, serial: serialOf(13) });
    expect(listed).toMatchObject({ jamfPresence: 'present', jamfRemovedAt: null, outOfScopeAt: expect.stringMatching(/^\d{4}-/) });
    // The run row records the scope it read (the API's run report shows it).
    expect(await selectRows(suite.db.db, sql`select device_scope from sync_runs where id = ${run.id}`)).toEqual([{ device_scope: { building: 'Main Hall' } }]);
    expect((await s.changes(serialOf(13))).filter((c) => c.field !== '(created)')).toEqual([
      expect.objectContaining({ field: 'jamfScope', old_value: 'in', new_value: 'out', run_id: run.id }),
    ]);

    // The next run keeps them as they are: the time they left is not moved, nothing is logged again.
    const [{ at }] = await selectRows<{ at: string }>(suite.db.db, sql`select out_of_scope_at::text as at from assets where serial_number = ${serialOf(13)}`);
    const again = await s.sync();
    expect(again.counts).toMatchObject({ outOfScope: 0, removed: 0 });
    expect(await selectRows(suite.db.db, sql`select out_of_scope_at::text as at from assets where serial_number = ${serialOf(13)}`)).toEqual([{ at }]);
  });

  it('out of scope is told from gone: a complete scoped run still marks a device Jamf lost as removed', async () => {
    // 2 gone of the 14 assets the scope keeps (the Annex one is not out of scope: it is gone).
    const s = await suite.start(campusFleet(), { settings: { removalThreshold: 0.2 } });
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    s.sim.store.remove('computers', '20'); // an Annex computer: outside the scope and gone
    s.sim.store.remove('computers', '3'); //  a Main Hall computer: inside the scope and gone

    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errorCode: null });
    expect(run.counts).toMatchObject({ removed: 2, outOfScope: 8 });
    const state = new Map((await scopeState()).map((a) => [a.serial_number, a]));
    expect(state.get(serialOf(20))).toMatchObject({ jamf_presence: 'removed', out: false });
    expect(state.get(serialOf(3))).toMatchObject({ jamf_presence: 'removed', out: false });
    expect(state.get(serialOf(19))).toMatchObject({ jamf_presence: 'present', out: true });
  });

  it('the removal guard still weighs devices gone from the scoped fleet', async () => {
    const s = await suite.start(campusFleet());
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    for (const id of ['1', '2', '3']) s.sim.store.remove('computers', id); // 3 of the 13 in scope
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'failed', errorCode: 'removal_guard_tripped' });
    expect(run.failureReason).toMatch(/^3 of 13 devices/);
    // Leaving the scope is recorded all the same: it is not a removal.
    expect((await scopeState()).filter((a) => a.out).map((a) => a.serial_number)).toEqual(annexSerials);
    expect((await scopeState()).filter((a) => a.jamf_presence === 'removed')).toEqual([]);
  });

  it('an asset coming back into scope has its mark cleared (and logged)', async () => {
    const s = await suite.start(campusFleet());
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    await s.sync();
    s.sim.store.patch('computers', '13', { userAndLocation: { buildingId: MAIN_HALL } });

    const preview = await s.sync({ dryRun: true });
    expect(preview.changes.filter((c) => c.action === 'enter_scope').map((c) => c.serialNumber)).toEqual([serialOf(13)]);
    expect(formatRunReport(preview)).toContain(`Assets that would come back into scope (1):\n  ${serialOf(13)} (Jamf id 13)`);

    const run = await s.sync();
    expect(run.counts).toMatchObject({ backInScope: 1, outOfScope: 0 });
    expect(await s.asset(serialOf(13))).toMatchObject({ out_of_scope_at: null, jamf_presence: 'present' });
    expect((await s.changes(serialOf(13))).map((c) => [c.old_value, c.new_value]).filter(([o]) => o === 'out')).toEqual([['out', 'in']]);

    // Clearing the scope brings everything back.
    s.target.deviceScope = {};
    expect((await s.sync()).counts).toMatchObject({ backInScope: 8, outOfScope: 0, removed: 0 });
    expect((await scopeState()).filter((a) => a.out)).toEqual([]);
  });

  it('site is checked after fetching; device kinds leave the other kind out without reading it', async () => {
    const fleet = campusFleet();
    for (const c of fleet.computers!.slice(0, 5)) (c.general as Record<string, unknown>).site = { id: '3', name: 'Paris' };
    (fleet.mobileDevices![0].general as Record<string, unknown>).siteId = '3';
    const s = await suite.start(fleet);
    await s.sync();

    s.target.deviceScope = { siteId: '3' };
    const bySite = await s.sync();
    expect(bySite).toMatchObject({ status: 'succeeded', scopeDescription: 'site id 3' });
    expect(bySite.counts).toMatchObject({ fetched: 6, outOfScope: 16, removed: 0 });

    s.target.deviceScope = { kinds: ['mobiles'] };
    const before = s.sim.stats().requests;
    const mobilesOnly = await s.sync();
    // The other site's iPad is back; the Paris computers leave with their kind.
    expect(mobilesOnly.counts).toMatchObject({ fetched: 2, outOfScope: 5, backInScope: 1, removed: 0 });
    expect(mobilesOnly.warnings).toEqual([]);
    expect((await scopeState()).filter((a) => a.out).length).toBe(20);
    // One page of mobile devices (and its empty end), no computer page.
    expect(s.sim.stats().requests - before).toBeLessThanOrEqual(3);

    // Asking for the kind the scope leaves out reads nothing, and says why.
    const computersOnly = await s.sync({ selection: { only: 'computers' } });
    expect(computersOnly.counts).toMatchObject({ fetched: 0, removed: 0 });
    expect(computersOnly.warnings).toEqual([expect.objectContaining({ code: 'kind_outside_scope', message: expect.stringMatching(/leaves out computers/) })]);
  });

  it('webhooks respect the scope: a device outside it is neither created nor updated, and its asset is marked out of scope', async () => {
    const s = await suite.start(campusFleet());
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    const annex = computer({ id: 30 });
    (annex.userAndLocation as Record<string, unknown>).buildingId = ANNEX;
    s.sim.store.add('computers', annex);
    s.sim.store.patch('computers', '13', { hardware: { totalRamMegabytes: 65536 } });
    s.sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 65536 } });

    const { report } = await s.syncDevices([
      { kind: 'computer', jamfId: '30' },
      { kind: 'computer', jamfId: '13' },
      { kind: 'computer', jamfId: '1' },
    ]);
    expect(report.counts).toMatchObject({ fetched: 1, created: 0, updated: 1 });
    expect(await s.asset(serialOf(30))).toBeUndefined();
    expect(await s.asset(serialOf(13))).toMatchObject({ memory_mb: 16384, jamf_presence: 'present' });
    expect((await s.asset(serialOf(13)))!.out_of_scope_at).not.toBeNull();
    expect(await s.asset(serialOf(1))).toMatchObject({ memory_mb: 65536, out_of_scope_at: null });

    // Moved into the Main Hall: the next webhook syncs it and clears its mark.
    s.sim.store.patch('computers', '13', { userAndLocation: { buildingId: MAIN_HALL } });
    const back = await s.syncDevices([{ kind: 'computer', jamfId: '13' }]);
    expect(back.report.counts).toMatchObject({ fetched: 1, updated: 1 });
    expect(await s.asset(serialOf(13))).toMatchObject({ memory_mb: 65536, out_of_scope_at: null });
  });

  it('a scoped run stores FileVault keys of the computers it read only', async () => {
    const s = await suite.start(campusFleet(), { settings: { fetchFileVaultKeys: true } });
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    s.sim.store.setFileVaultKey('1', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    s.sim.store.setFileVaultKey('13', 'GGGG-HHHH-JJJJ-KKKK-LLLL-MMMM');
    const run = await s.sync();
    expect(run.counts).toMatchObject({ recoveryKeysStored: 1, outOfScope: 9 });
    const keys = await selectRows<{ serial_number: string }>(
      suite.db.db,
      sql`select a.serial_number from asset_secure_fields f join assets a on a.id = f.asset_id where f.recovery_key_ciphertext is not null`,
    );
    expect(keys).toEqual([{ serial_number: serialOf(1) }]);
  });

  it('a serial run reads through the scope: a serial outside it is reported, nothing is marked', async () => {
    const s = await suite.start(campusFleet());
    addBuildings(s);
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' };
    const run = await s.sync({ selection: { serials: [serialOf(2), serialOf(14)] } });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'serial' });
    expect(run.counts).toMatchObject({ fetched: 1, removed: 0 });
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: 'serial_not_in_jamf', serialNumber: serialOf(14), message: expect.stringContaining("within the connection's scope") }),
    ]);
    expect((await scopeState()).filter((a) => a.out || a.jamf_presence !== 'present')).toEqual([]);
  });

  it('a building Jamf no longer has fails the run clearly, marks nothing', async () => {
    const s = await suite.start(campusFleet());
    await s.sync();
    s.target.deviceScope = { building: 'Main Hall' }; // the simulator has no buildings
    const run = await s.sync();
    expect(run).toMatchObject({ status: 'failed', errorCode: 'connection_config_invalid' });
    expect(run.failureReason).toMatch(/building "Main Hall", which Jamf Pro does not have/);
    expect((await scopeState()).filter((a) => a.out || a.jamf_presence !== 'present')).toEqual([]);
  });
});
