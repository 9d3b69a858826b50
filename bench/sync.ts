/**
 * Full-sync benchmark (`npm run bench`): a simulator of 10,000 computers + 10,000 mobile devices in
 * its own process, synced into PostgreSQL (BENCH_DATABASE_URL, default the local test server; a
 * fresh database is created and dropped). Prints cold / warm / 1%-changed sync times, devices/s,
 * Jamf requests, peak memory; then the same cold sync with 100 ms per Jamf request next to the
 * time it takes merely to download every page at the same concurrency (the floor).
 *
 *   npm run bench [-- --computers 10000 --mobiles 10000 --page-size 200]
 */
import pino from 'pino';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database';
import { migrate } from '../src/db/migrate';
import { saveConnection, toSyncTarget } from '../src/connections/connection-store';
import { createHttpJamfClient, type JamfClient } from '../src/jamf';
import { runFullSync } from '../src/sync/full-sync';
import { mapJamfRecordToDevice } from '../src/sync/record-to-device';
import type { SyncTarget } from '../src/connections/sync-target';
import { startSimulatorProcess, memorySampler, BENCH_CREDENTIALS, type SimulatorProcess } from './support/simulator-process';
import { createScratchDatabase } from './support/scratch-database';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const COMPUTERS = arg('computers', 10_000);
const MOBILES = arg('mobiles', 10_000);
const PAGE_SIZE = arg('page-size', 200);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const logger = pino({ level: 'warn' }, pino.destination(2));

async function withFreshDatabase<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(SERVER_URL);
  const db = await openDatabase({ url: scratch.url });
  try {
    await migrate(db.db);
    return await fn(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

function newClient(sim: SimulatorProcess): JamfClient {
  return createHttpJamfClient({ baseUrl: sim.url, auth: { kind: 'client', ...BENCH_CREDENTIALS }, pageSize: PAGE_SIZE, logger });
}

async function setUpTarget(db: DatabaseHandle, sim: SimulatorProcess): Promise<SyncTarget> {
  const { organization, connection } = await saveConnection(db.db, null, { slug: 'bench' }, {
    baseUrl: sim.url,
    auth: { kind: 'client', ...BENCH_CREDENTIALS },
    pageSize: PAGE_SIZE,
    removalThreshold: 0.5,
  });
  return toSyncTarget(organization, connection);
}

async function timedSync(db: DatabaseHandle, sim: SimulatorProcess, target: SyncTarget) {
  const client = newClient(sim);
  const memory = memorySampler();
  const started = process.hrtime.bigint();
  const report = await runFullSync({ db: db.db, client, logger, mapDevice: mapJamfRecordToDevice }, target, { trigger: 'manual' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = client.stats();
  memory.stop();
  await client.close();
  if (report.status !== 'succeeded') throw new Error(`sync ${report.status}: ${report.failureReason ?? JSON.stringify(report.errors.slice(0, 3))}`);
  return { seconds, devicesPerSecond: report.counts.fetched / seconds, requests: stats.requests, peakMb: memory.peakMb(), counts: report.counts };
}

async function downloadFloor(sim: SimulatorProcess) {
  const client = newClient(sim);
  const started = process.hrtime.bigint();
  let n = 0;
  for await (const _ of client.streamComputers()) n++;
  for await (const _ of client.streamMobileDevices()) n++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = client.stats().requests;
  await client.close();
  return { seconds, devices: n, requests };
}

function row(label: string, r: { seconds: number; devicesPerSecond?: number; requests: number; peakMb?: number }, extra = '') {
  const rate = r.devicesPerSecond ? `${Math.round(r.devicesPerSecond)} devices/s` : '';
  console.log(`${label.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${rate.padStart(16)}  ${String(r.requests).padStart(5)} requests  ${r.peakMb ? `${r.peakMb} MB peak` : ''} ${extra}`);
}

async function main() {
  console.log(`jamf-asset-sync full-sync benchmark: ${COMPUTERS} computers + ${MOBILES} mobile devices, page size ${PAGE_SIZE}, PostgreSQL ${new URL(SERVER_URL).host}`);
  const sim = await startSimulatorProcess({ computers: COMPUTERS, mobiles: MOBILES });
  try {
    await withFreshDatabase(async (db) => {
      const target = await setUpTarget(db, sim);
      const cold = await timedSync(db, sim, target);
      row('cold full sync', cold, `(created ${cold.counts.created}, employees ${cold.counts.employeesCreated})`);
      const warm = await timedSync(db, sim, target);
      row('warm re-sync, no changes', warm, `(updated ${warm.counts.updated})`);
      const changed = Math.round((COMPUTERS + MOBILES) / 100);
      for (let i = 1; i <= changed / 2; i++) {
        await sim.control('PATCH', `/__sim/computers/${i * 2}`, { hardware: { totalRamMegabytes: 65536 } });
        await sim.control('PATCH', `/__sim/mobile-devices/${i * 2}`, { general: { osVersion: '26.9' } });
      }
      const onePercent = await timedSync(db, sim, target);
      row('re-sync, 1% changed', onePercent, `(updated ${onePercent.counts.updated})`);
    });

    await sim.control('POST', '/__sim/faults', { latencyMs: 100 });
    await withFreshDatabase(async (db) => {
      const target = await setUpTarget(db, sim);
      const cold = await timedSync(db, sim, target);
      const floor = await downloadFloor(sim);
      row('cold full sync, 100 ms latency', cold);
      row('download only (floor), 100 ms', { ...floor, devicesPerSecond: floor.devices / floor.seconds });
      console.log(`sync / floor with latency: ${(cold.seconds / floor.seconds).toFixed(2)}x (target within 1.2x)`);
    });
  } finally {
    sim.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
