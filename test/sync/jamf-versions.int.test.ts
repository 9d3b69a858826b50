/**
 * Every Jamf Pro release the service supports, end to end through the simulator playing it: a full
 * sync (pages and the bulk FileVault walk), a webhook refresh of one computer and of several (the
 * worker's batched list request) with their FileVault keys, each on the computer inventory API
 * that release serves. With the version probe failing, the client finds that API by stepping down.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { computer } from '../support/jamf-factories';
import { TEST_SECRET_BOX } from '../support/sync-harness';
import { WebhookHarness } from '../webhooks/support/webhook-harness';

const APIS = ['v4', 'v3', 'v1'] as const;
type Api = (typeof APIS)[number];
const T1 = '2026-11-20T10:00:00.000Z';
const T2 = '2026-11-21T10:00:00.000Z';
const T3 = '2026-11-22T10:00:00.000Z';
const RECOVERY_KEYS = { '1': 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', '3': 'GGGG-HHHH-JJJJ-KKKK-LLLL-MMMM' };
const serialOf = (id: number) => `C02TEST${String(id).padStart(5, '0')}`;

/** The status `/api/v1/jamf-pro-version` answers: 200 with the version, or an error. */
describe.each<[string, Api, number]>([
  ['11.5.0-t1700000000', 'v1', 200],
  ['11.22.0-t1700000000', 'v1', 200],
  ['11.23.0-t1700000000', 'v3', 200],
  ['11.29.0-t1700000000', 'v3', 200],
  ['11.31.0-t1700000000', 'v4', 200],
  ['11.22.0-t1700000000', 'v1', 500],
  ['11.29.0-t1700000000', 'v3', 500],
  ['11.31.0-t1700000000', 'v4', 404],
])(`Jamf Pro %s → /api/%s/computers-inventory (version endpoint answering %i) (${testDatabaseKind})`, (jamfVersion, api, probeStatus) => {
  let db: TestDatabase;
  let h: WebhookHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await WebhookHarness.start(
      db,
      { computers: [1, 2, 3, 4].map((id) => computer({ id, reportDate: T1 })), fileVaultRecoveryKeys: RECOVERY_KEYS },
      { simulator: { jamfVersion, versionEndpointStatus: probeStatus === 200 ? undefined : probeStatus }, connection: { fetchFileVaultKeys: true } },
    );
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  const requests = (path: string) => h.sim.stats().byPath[path] ?? 0;
  const assets = () =>
    selectRows<{ serial_number: string; memory_mb: number | null; has_key: boolean }>(
      db.db,
      sql`select a.serial_number, a.memory_mb, s.recovery_key_ciphertext is not null as has_key
          from assets a left join asset_secure_fields s on s.asset_id = a.id order by a.serial_number`,
    );
  const patchRam = (id: number, ramMb: number, reportDate: string) =>
    h.sim.store.patch('computers', String(id), { general: { reportDate }, hardware: { totalRamMegabytes: ramMb } });

  it('syncs, refreshes one and several computers from webhooks, and stores their FileVault keys', async () => {
    const deps = { db: db.db, config: h.config, box: TEST_SECRET_BOX, logger: h.logs.logger };
    const report = await runConnectionSync(deps, h.slug, { trigger: 'manual' });
    expect(report?.status).toBe('succeeded');
    expect(await assets()).toEqual([1, 2, 3, 4].map((id) => ({ serial_number: serialOf(id), memory_mb: 16384, has_key: id === 1 || id === 3 })));
    expect(requests(`/api/${api}/computers-inventory/filevault`)).toBeGreaterThan(0);

    // One webhook: the worker fetches the one computer.
    patchRam(2, 32768, T2);
    expect((await h.send('ComputerInventoryCompleted', 2, { format: 'json' })).status).toBe(202);
    expect(await h.worker.drain()).toMatchObject({ claimed: 1, done: 1, failed: 0, dead: 0 });

    // Several webhooks at once: one filtered list request serves them all.
    for (const id of [1, 3, 4]) patchRam(id, 65536, T3);
    const listsBefore = requests(`/api/${api}/computers-inventory`);
    const singlesBefore = requests(`/api/${api}/computers-inventory/:id`);
    for (const id of [1, 3, 4]) expect((await h.send('ComputerInventoryCompleted', id, { format: 'json' })).status).toBe(202);
    expect(await h.worker.drain()).toMatchObject({ claimed: 3, done: 3, failed: 0, dead: 0 });
    expect(requests(`/api/${api}/computers-inventory`)).toBe(listsBefore + 1);
    expect(requests(`/api/${api}/computers-inventory/:id`)).toBe(singlesBefore);

    expect((await h.rows()).map((row) => row.outcome)).toEqual(['refreshed', 'refreshed', 'refreshed', 'refreshed']);
    expect(await assets()).toEqual([
      { serial_number: serialOf(1), memory_mb: 65536, has_key: true },
      { serial_number: serialOf(2), memory_mb: 32768, has_key: false },
      { serial_number: serialOf(3), memory_mb: 65536, has_key: true },
      { serial_number: serialOf(4), memory_mb: 65536, has_key: false },
    ]);
    // The webhook refreshes asked for each computer's FileVault key on the same API.
    expect(requests(`/api/${api}/computers-inventory/:id/filevault`)).toBe(4);

    // No computer read went to another API, except, with the version unknown, one 404 per newer API for
    // each of the two clients (the sync's and the worker's) while stepping down.
    const newer = APIS.slice(0, APIS.indexOf(api));
    for (const other of APIS.filter((v) => v !== api)) {
      const sent = Object.entries(h.sim.stats().byPath)
        .filter(([path]) => path.startsWith(`/api/${other}/computers-inventory`))
        .reduce((sum, [, n]) => sum + n, 0);
      expect(sent).toBe(probeStatus !== 200 && newer.includes(other) ? 2 : 0);
    }
  });
});
