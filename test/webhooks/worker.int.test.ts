import os from 'node:os';
import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { jamfConnections } from '../../src/db/schema';
import { claimRows, listDeadRows, releaseClaimsOf, retryDeadRows } from '../../src/webhooks/inbox-store';
import { isDeadLocalOwner } from '../../src/leases/process-owner';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { computer, mobile } from '../support/jamf-factories';
import { until } from '../support/until';
import { WebhookHarness } from './support/webhook-harness';

const T1 = '2026-11-20T10:00:00.000Z';
const T2 = '2026-11-25T10:00:00.000Z';

describe(`webhook inbox worker (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: WebhookHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await WebhookHarness.start(db, {
      computers: [1, 2, 3, 4, 5].map((id) => computer({ id, reportDate: T1 })),
      mobileDevices: [mobile({ id: 7, reportDate: T1 })],
    });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(async () => {
    // Every test starts from the same Jamf data and an empty inventory.
    for (const id of [1, 2, 3, 4, 5]) h.sim.store.add('computers', computer({ id, reportDate: T1 }));
    h.sim.store.add('mobileDevices', mobile({ id: 7, reportDate: T1 }));
    await h.reset();
  });

  const accepted = async (promise: ReturnType<WebhookHarness['send']>) => {
    const delivery = await promise;
    expect(delivery.status).toBe(202);
    return delivery;
  };

  it('keeps one batch in flight while it keeps up, and a second one while a backlog waits', async () => {
    const LEASE_MS = 30_000;
    const untilDone = () => until(async () => (await h.rows()).every((r) => r.status === 'done'), 'every webhook to be done', { intervalMs: 20 });
    /** When each device's row was claimed (the lease ends LEASE_MS later) and finished. */
    const timeline = async () => {
      const rows = await selectRows<{ jamf_id: string; available_at: Date | string; processed_at: Date | string }>(
        db.db,
        sql`select jamf_id, available_at, processed_at from webhook_inbox`,
      );
      return new Map(rows.map((r) => [r.jamf_id, { claimed: new Date(r.available_at).getTime() - LEASE_MS, finished: new Date(r.processed_at).getTime() }]));
    };

    // Keeping up: a webhook arriving while a batch is in flight is claimed only after that batch.
    await h.reset({ batchSize: 10, gatherMs: 0, pollMs: 20, leaseMs: LEASE_MS });
    h.sim.setFaults({ latencyMs: 150 });
    await accepted(h.send('ComputerCheckIn', 1, { format: 'json' }));
    await h.worker.start();
    await until(async () => (await h.rows()).some((r) => r.status === 'processing'), 'the first webhook to be claimed', { intervalMs: 5 });
    await accepted(h.send('ComputerCheckIn', 2, { format: 'json' }));
    await untilDone();
    await h.worker.stop(1000);
    let t = await timeline();
    expect(t.get('2')!.claimed).toBeGreaterThanOrEqual(t.get('1')!.finished);

    // A backlog (a full batch): the next batch is claimed while the first is still in flight.
    await h.reset({ batchSize: 2, gatherMs: 0, pollMs: 20, leaseMs: LEASE_MS });
    for (const id of [1, 2, 3, 4]) await accepted(h.send('ComputerCheckIn', id, { format: 'json' }));
    await h.worker.start();
    await untilDone();
    await h.worker.stop(1000);
    h.sim.setFaults({ latencyMs: 0 });
    t = await timeline();
    expect(t.get('3')!.claimed).toBeLessThan(t.get('1')!.finished);
  });

  it('refreshes the device from Jamf (never from the summary) and records one webhook run per batch and organization', async () => {
    await accepted(h.send('ComputerAdded', 1));
    await accepted(h.send('MobileDeviceEnrolled', 7, { format: 'json' }));
    expect(await h.worker.drain()).toMatchObject({ claimed: 2, done: 2 });
    expect(await h.asset('C02TEST00001')).toMatchObject({ memory_mb: 16384, jamf_id: '1' });

    h.sim.store.patch('computers', '1', { hardware: { totalRamMegabytes: 65536 } });
    const sent = await accepted(h.send('ComputerInventoryCompleted', 1, { format: 'json' }));
    expect(sent.sent.payload.event).not.toHaveProperty('totalRamMegabytes'); // the summary does not carry it
    await h.worker.drain();
    expect(await h.asset('C02TEST00001')).toMatchObject({ memory_mb: 65536 });
    const runs = await h.webhookRuns();
    expect(runs.map((r) => [r.status, r.counts.fetched, r.counts.created, r.counts.updated])).toEqual([
      ['succeeded', 2, 2, 0],
      ['succeeded', 1, 0, 1],
    ]);
    const rows = await h.rows();
    expect(rows.map((r) => [r.status, r.outcome, r.attempts, r.run_id])).toEqual([
      ['done', 'refreshed', 1, runs[0].id],
      ['done', 'refreshed', 1, runs[0].id],
      ['done', 'refreshed', 1, runs[1].id],
    ]);
  });

  it("stores the device's FileVault key, encrypted, when the connection fetches keys (R12)", async () => {
    await db.db.update(jamfConnections).set({ fetchFileVaultKeys: true, updatedAt: new Date() });
    h.sim.store.setFileVaultKey('1', 'WXYZ-1234-ABCD-5678-EFGH-9012');
    await accepted(h.send('ComputerInventoryCompleted', 1));
    await h.worker.drain();
    const [secure] = await selectRows<{ recovery_key_ciphertext: string | null }>(
      db.db,
      sql`select s.recovery_key_ciphertext from asset_secure_fields s join assets a on a.id = s.asset_id where a.serial_number = 'C02TEST00001'`,
    );
    expect(secure.recovery_key_ciphertext).toBeTruthy();
    expect(secure.recovery_key_ciphertext).not.toContain('WXYZ-1234');
    expect((await h.webhookRuns())[0].status).toBe('succeeded');
  });

  it('coalesces the rows of one device into one refresh', async () => {
    await accepted(h.send('ComputerCheckIn', 2));
    await accepted(h.send('ComputerInventoryCompleted', 2, { format: 'json' }));
    await accepted(h.send('ComputerCheckIn', 2, { legacy: true }));
    await accepted(h.send('ComputerAdded', 3));
    await h.worker.drain();
    const runs = await h.webhookRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0].counts).toMatchObject({ fetched: 2, created: 2 });
    expect((await h.rows()).map((r) => `${r.status}/${r.outcome}`)).toEqual(Array(4).fill('done/refreshed'));
  });

  it('refreshes an un-enrolled mobile device: it stays an asset and still gets Jamf facts (R16)', async () => {
    await accepted(h.send('MobileDeviceEnrolled', 7));
    await h.worker.drain();
    h.sim.store.patch('mobileDevices', '7', { general: { managed: false, osVersion: '18.1' } });
    await accepted(h.send('MobileDeviceUnEnrolled', 7));
    await h.worker.drain();
    expect(await h.asset('DMQTEST00007')).toMatchObject({ jamf_managed: false, status: 'allocated' });
    expect((await h.asset('DMQTEST00007'))!.operating_system).toContain('18.1');
  });

  it('never rolls an asset back when an older event is processed after a newer one', async () => {
    // Newer inventory first: 32 GB, reported at T2.
    h.sim.store.add('computers', computer({ id: 4, reportDate: T2, ramMb: 32768 }));
    await accepted(h.send('ComputerInventoryCompleted', 4));
    await h.worker.drain();
    expect(await h.asset('C02TEST00004')).toMatchObject({ memory_mb: 32768 });

    // Then an older event whose refresh reads the older state (a replica or proxy that lagged).
    h.sim.store.add('computers', computer({ id: 4, reportDate: T1, ramMb: 8192 }));
    await accepted(h.send('ComputerInventoryCompleted', 4, { legacy: true }));
    await h.worker.drain();
    expect(await h.asset('C02TEST00004')).toMatchObject({ memory_mb: 32768 });
    expect(new Date((await h.asset('C02TEST00004'))!.jamf_report_date).toISOString()).toBe(T2);
    const runs = await h.webhookRuns();
    expect(runs[1].counts).toMatchObject({ fetched: 1, updated: 0 });
    expect((await h.rows()).map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('finishes a device Jamf answers 404 for, left to the nightly run, without retrying it', async () => {
    await accepted(h.send('ComputerInventoryCompleted', 5));
    await accepted(h.send('ComputerInventoryCompleted', 1));
    h.sim.store.remove('computers', '5');
    expect(await h.worker.drain()).toMatchObject({ claimed: 2, done: 2, failed: 0 });
    const rows = await h.rows();
    expect(rows.map((r) => [r.jamf_id, r.status, r.outcome, r.attempts])).toEqual([
      ['5', 'done', 'not_found_in_jamf', 1],
      ['1', 'done', 'refreshed', 1],
    ]);
    const [run] = await h.webhookRuns();
    const warnings = await selectRows<{ code: string; jamf_id: string }>(db.db, sql`select code, jamf_id from sync_run_events where run_id = ${run.id}`);
    expect(warnings).toEqual([{ code: 'device_not_found_in_jamf', jamf_id: '5' }]);
    h.clockOffsetMs = 3600_000;
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });
  });

  it("takes back a crashed worker's rows once their lease expires", async () => {
    await accepted(h.send('ComputerInventoryCompleted', 1));
    await accepted(h.send('ComputerInventoryCompleted', 2));
    // A worker on another host claims both, then dies without finishing (no renewal, no release).
    const crashed = await claimRows(db.db, { owner: 'other-host:4242:dead', limit: 10, leaseMs: 30_000, now: new Date() });
    expect(crashed).toHaveLength(2);
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });
    h.clockOffsetMs = 31_000;
    expect(await h.worker.drain()).toMatchObject({ claimed: 2, done: 2 });
    expect((await h.rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
    ]);

    // A crashed process on this host is known dead at once: its rows go back without waiting.
    await accepted(h.send('ComputerCheckIn', 3));
    const deadPid = `${os.hostname()}:${2 ** 22 + 17}:x`;
    expect(isDeadLocalOwner(deadPid)).toBe(true);
    await claimRows(db.db, { owner: deadPid, limit: 10, leaseMs: 30_000, now: new Date(Date.now() + 31_000) });
    expect(await releaseClaimsOf(db.db, isDeadLocalOwner)).toBe(1);
    expect(await h.worker.drain()).toMatchObject({ claimed: 1, done: 1 });
  });

  it('retries failures with backoff, and a poison event goes dead without holding back the others', async () => {
    // Backoffs of a minute and more: only the worker's clock, moved by the test, makes a retry due,
    // never the real time a loaded machine takes between two steps (a 1 s backoff did pass there).
    h.newWorker({ retry: { baseDelayMs: 60_000, maxDelayMs: 600_000, maxAttempts: 3 } });
    // Computer 3's record is one this service cannot read: every refresh of it fails.
    h.sim.store.add('computers', { ...computer({ id: 3 }), general: 'not an object' });
    await accepted(h.send('ComputerInventoryCompleted', 1));
    await accepted(h.send('ComputerInventoryCompleted', 3));
    await accepted(h.send('ComputerInventoryCompleted', 2));
    expect(await h.worker.drain()).toMatchObject({ claimed: 3, done: 2, failed: 1 });
    let rows = await h.rows();
    expect(rows.map((r) => [r.jamf_id, r.status, r.attempts])).toEqual([
      ['1', 'done', 1],
      ['3', 'pending', 1],
      ['2', 'done', 1],
    ]);
    expect(rows[1].last_error).toMatch(/jamf_response_invalid/);
    expect(await h.asset('C02TEST00001')).toBeDefined();

    // Not due until its backoff passed; meanwhile other events go through.
    await accepted(h.send('ComputerAdded', 4));
    expect(await h.worker.drain()).toMatchObject({ claimed: 1, done: 1 });
    // Past the first backoff (at most 72 s), then past the second (at most 144 s after that).
    for (const offset of [75_000, 225_000]) {
      h.clockOffsetMs = offset;
      await h.worker.drain();
    }
    rows = await h.rows();
    expect(rows[1]).toMatchObject({ status: 'dead', attempts: 3, outcome: 'failed' });
    expect(await listDeadRows(db.db)).toEqual([expect.objectContaining({ id: Number(rows[1].id), organization: 'acme', jamfId: '3', attempts: 3 })]);
    h.clockOffsetMs = 3600_000;
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });

    // Retried by command once Jamf's record is fixed: processed with fresh attempts.
    h.sim.store.add('computers', computer({ id: 3 }));
    expect(await retryDeadRows(db.db, { allDead: true })).toEqual([Number(rows[1].id)]);
    expect(await h.worker.drain()).toMatchObject({ claimed: 1, done: 1 });
    expect((await h.rows())[1]).toMatchObject({ status: 'done', outcome: 'refreshed', attempts: 1, last_error: null });
    expect(await h.asset('C02TEST00003')).toBeDefined();
  });

  it('keeps a batch together when Jamf itself is failing, and retries it', async () => {
    await accepted(h.send('ComputerInventoryCompleted', 1));
    await accepted(h.send('ComputerInventoryCompleted', 2));
    h.sim.setFaults({ errorRate: 1 });
    const before = h.sim.stats();
    expect(await h.worker.drain()).toMatchObject({ claimed: 2, failed: 2 });
    // One failed list request (plus the token and version probes); no per-device retries.
    expect(h.sim.stats().requests - before.requests).toBeLessThanOrEqual(3);
    h.sim.setFaults({ errorRate: 0 });
    h.clockOffsetMs = 5_000;
    expect(await h.worker.drain()).toMatchObject({ claimed: 2, done: 2 });
  });
});
