/**
 * Webhook benchmark (`npm run bench:webhooks`): `jamf-sync serve` in its own process, as deployed,
 * against a Jamf simulator in its own process that answers every request after 50 ms, and bursts of
 * webhooks (default 5,000 at 500/s, one per device, half JSON and half XML as Jamf sends them)
 * from a separate sender process over HTTP. Before each burst every device gets a new OS version
 * in Jamf. Prints, per burst: the acknowledgement latency seen by the sender, events lost, and
 * webhook-to-asset-updated latency (sent → the inbox row finished, which happens after the change
 * log recorded the new OS version); and the machine's floor: the same burst, just after, against a
 * server that answers at once (bench/support/floor-server.ts). Then the bursts side by side, since
 * one burst on a small shared machine proves little. A warm-up of 500 webhooks about other devices
 * (not counted) lets the JIT compile the hot paths, as in a running service. PostgreSQL when
 * TEST_DATABASE_URL or DATABASE_URL is set (a fresh database is created there and dropped), else
 * the embedded PGlite.
 *
 *   npm run bench:webhooks [-- --webhooks 5000 --rate 500 --latency 50 --warmup 500 --bursts 3]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { defaultConfig } from '../src/config';
import { selectRows } from '../src/db/query';
import { openDatabase, type AppDatabase } from '../src/db/open-database';
import { openServiceDatabase } from '../src/service/open-service-database';
import { runConnectionSync } from '../src/sync/run-connection-sync';
import { toJssEventXml } from '../src/simulator/webhook-xml';
import { startSimulatorProcess, BENCH_CREDENTIALS } from './support/simulator-process';
import { processCpuMeter, pidsNamed } from './support/process-cpu';
import { startServiceProcess, type ServiceProcess } from './support/service-process';
import { createScratchDatabase } from './support/scratch-database';
import { sendFromChildProcess, type Outgoing, type SenderOutput } from './support/webhook-sender';
import { startFloorServer, type FloorServer } from './support/floor-server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};
const WEBHOOKS = arg('webhooks', 5000);
const RATE = arg('rate', 500);
const LATENCY_MS = arg('latency', 50);
const WARMUP = arg('warmup', 500);
/** Bursts measured one after another (each with a new OS version in Jamf): one run of a noisy machine proves little. */
const BURSTS = Math.max(1, arg('bursts', 3));
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const WEBHOOK_USER = { username: 'jamf-bench', password: 'bench-webhook-password-0001' };
const BENCH_API_TOKEN = 'bench-api-token-0123456789abcdef';

type Device = { kind: 'computer' | 'mobile'; id: string };
interface Burst {
  osVersion: string;
  sent: SenderOutput;
  /** The same burst, just after, against a server that answers at once: the machine's floor. */
  floorAckP99: number;
  seconds: number;
  cpuSeconds: Record<'service' | 'simulator' | 'PostgreSQL', number>;
  drainSeconds: number;
  simStats: { requests: number; peakConcurrency: number };
}
interface BurstSummary {
  ackP99: number;
  floorAckP99: number;
  updatedP95: number;
  lost: number;
}
const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);

async function main(): Promise<void> {
  // Devices: computers 1..C and mobiles 1..M get the measured webhooks.
  const computers = Math.ceil(WEBHOOKS / 2);
  const mobiles = WEBHOOKS - computers;
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const database = await freshDatabase();
  // Warm-up devices come after the measured ones, half computers and half mobile devices.
  const warmupComputers = Math.ceil(WARMUP / 2);
  const warmupMobiles = WARMUP - warmupComputers;
  const sim = await startSimulatorProcess({ computers: computers + warmupComputers, mobiles: mobiles + warmupMobiles, seed: 11 });
  const env: Record<string, string> = {
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The benchmark runs the first sync itself, before the service starts, to know when it is done.
    JAMF_SYNC_ON_START: 'false',
    JAMF_URL: sim.url,
    JAMF_CLIENT_ID: BENCH_CREDENTIALS.clientId,
    JAMF_CLIENT_SECRET: BENCH_CREDENTIALS.clientSecret,
    JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
    JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
    // /readyz shows the webhook backlog only to a request carrying the API token.
    API_TOKEN: BENCH_API_TOKEN,
  };
  const authorization = `Basic ${Buffer.from(`${WEBHOOK_USER.username}:${WEBHOOK_USER.password}`).toString('base64')}`;
  let eventTime = Date.now();

  const webhooksFor = (devices: Device[], osVersion: string): Outgoing[] =>
    devices.map((d, i) => {
      const event = d.kind === 'computer' ? 'ComputerInventoryCompleted' : 'MobileDeviceInventoryCompleted';
      const payload = {
        webhook: { id: d.kind === 'computer' ? 3 : 14, name: `${event} Webhook`, webhookEvent: event, eventTimestamp: eventTime++ },
        event: { jssID: Number(d.id), deviceName: `device-${d.kind}-${d.id}`, osVersion, userDirectoryID: '-1', udid: randomBytes(16).toString('hex') },
      };
      return i % 2 === 0
        ? { body: JSON.stringify(payload), contentType: 'application/json; charset=UTF-8' }
        : { body: toJssEventXml(payload), contentType: 'text/xml; charset=UTF-8' };
    });
  const patch = async (devices: Device[], osVersion: string) => {
    await sim.control('POST', '/__sim/faults', { latencyMs: 0 });
    for (let i = 0; i < devices.length; i += 32) {
      await Promise.all(
        devices.slice(i, i + 32).map((d) =>
          d.kind === 'computer'
            ? sim.control('PATCH', `/__sim/computers/${d.id}`, { operatingSystem: { version: osVersion } })
            : sim.control('PATCH', `/__sim/mobile-devices/${d.id}`, { general: { osVersion } }),
        ),
      );
    }
    await sim.control('POST', '/__sim/faults', { latencyMs: LATENCY_MS });
  };
  /** Until the service's /readyz shows no webhook pending or being processed. */
  const drain = async (url: string) => {
    for (const started = Date.now(); Date.now() - started < 300_000; ) {
      const ready = (await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${BENCH_API_TOKEN}` } })).json()) as { webhookInbox?: { pending: number } };
      if (ready.webhookInbox?.pending === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  let service: ServiceProcess | undefined;
  let floor: FloorServer | undefined;
  try {
    process.stderr.write(`setting up: ${database.label}; ${computers + warmupComputers} computers + ${mobiles + warmupMobiles} mobile devices; first sync…\n`);
    const setup = await openServiceDatabase(defaultConfig(env));
    await runConnectionSync({ db: setup.db, config: defaultConfig(env), box: null, logger }, 'default', { trigger: 'manual' });
    await setup.close();

    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
    const measured: Device[] = [
      ...range(1, computers).map((id) => ({ kind: 'computer' as const, id })),
      ...range(1, mobiles).map((id) => ({ kind: 'mobile' as const, id })),
    ].sort((a, b) => Number(a.id) - Number(b.id) || a.kind.localeCompare(b.kind)); // interleaved, as a tenant's events are
    const warmup: Device[] = [
      ...range(computers + 1, warmupComputers).map((id) => ({ kind: 'computer' as const, id })),
      ...range(mobiles + 1, warmupMobiles).map((id) => ({ kind: 'mobile' as const, id })),
    ];

    floor = await startFloorServer();
    service = await startServiceProcess(env);
    const url = `${service.url}/webhooks/jamf/default`;
    if (WARMUP) {
      process.stderr.write(`warm-up: ${WARMUP} webhooks at ${RATE}/s (not counted)…\n`);
      await patch(warmup, '26.0.0');
      await sendFromChildProcess({ url, authorization, rate: RATE, webhooks: webhooksFor(warmup, '26.0.0') });
      await drain(service.url);
    }

    const bursts: Burst[] = [];
    for (let burst = 1; burst <= BURSTS; burst++) {
      const osVersion = `26.0.${burst}`;
      process.stderr.write(`burst ${burst} of ${BURSTS}: changing every device in the simulator, ${WEBHOOKS} webhooks at ${RATE}/s to serve, then the same burst to the floor server…\n`);
      await patch(measured, osVersion);
      await sim.control('POST', '/__sim/stats/reset');
      const webhooks = webhooksFor(measured, osVersion);
      const cpu = processCpuMeter({ service: () => [service!.child.pid!], simulator: () => [sim.child.pid!], PostgreSQL: () => pidsNamed('postgres') });
      const started = Date.now();
      const sent = await sendFromChildProcess({ url, authorization, rate: RATE, webhooks });
      const seconds = (Date.now() - started) / 1000;
      const cpuSeconds = cpu.stop();
      const drainStarted = Date.now();
      await drain(service.url);
      const drainSeconds = (Date.now() - drainStarted) / 1000;
      const simStats = (await sim.control('GET', '/__sim/stats')) as { requests: number; peakConcurrency: number };
      const floorSent = await sendFromChildProcess({ url: floor.url, authorization, rate: RATE, webhooks });
      const floorAckP99 = percentile(floorSent.results.map((r) => r.ackMs), 99);
      bursts.push({ osVersion, sent, floorAckP99, seconds, cpuSeconds, drainSeconds, simStats });
    }
    // The embedded database has one process at a time: the results are read once serve has stopped.
    await service.stop();
    service = undefined;
    const results = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const summaries: BurstSummary[] = [];
      for (const [i, burst] of bursts.entries()) summaries.push(await report(results.db, i + 1, burst));
      if (BURSTS > 1) {
        const median = (values: number[]) => percentile(values, 50);
        process.stdout.write(`\nAll ${BURSTS} bursts\n`);
        line('acknowledgement p99', `${summaries.map((b) => ms(b.ackP99)).join(', ')}; median ${ms(median(summaries.map((b) => b.ackP99)))}  (target < 25 ms)`);
        line('  machine floor p99', `${summaries.map((b) => ms(b.floorAckP99)).join(', ')}  (a server that answers at once, just after each burst)`);
        line('events lost', String(summaries.reduce((sum, b) => sum + b.lost, 0)));
        line('webhook → asset updated p95', `${summaries.map((b) => ms(b.updatedP95)).join(', ')}; median ${ms(median(summaries.map((b) => b.updatedP95)))}  (target < 2000 ms)`);
      }
      if (!SERVER_URL) {
        process.stdout.write(
          '\nOn the embedded PGlite, the receiver, the worker and the database share one thread, so a worker batch delays acknowledgements:\n' +
            'the acknowledgement target is for PostgreSQL (TEST_DATABASE_URL=postgres://… npm run bench:webhooks). README, "Performance".\n',
        );
      }
    } finally {
      await results.close();
    }
  } finally {
    await service?.stop();
    sim.stop();
    floor?.stop();
    await database.drop();
  }

  async function report(db: AppDatabase, index: number, burst: Burst): Promise<BurstSummary> {
    const { sent, osVersion } = burst;
    const ids = sent.results.map((r) => r.id).filter((id): id is number => id !== null);
    const rows = await selectRows<{ id: string; status: string; device_kind: string; jamf_id: string; processed_at: string | Date | null; run_id: string | null }>(
      db,
      sql`select id::text, status, device_kind, jamf_id, processed_at, run_id from webhook_inbox where id = any(${`{${ids.join(',')}}`}::bigint[])`,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    // The OS version each device's change log says it reached, and when: the asset updated by this burst.
    const changes = await selectRows<{ jamf_id: string; kind: string; new_value: string | null }>(
      db,
      sql`select a.jamf_id, case when a.asset_type in ('laptop', 'desktop') then 'computer' else 'mobile' end as kind, c.new_value
          from asset_changes c join assets a on a.id = c.asset_id
          where c.field = 'operatingSystem' and c.new_value::text ~ ${`${osVersion.replace(/\./g, '\\.')}([^0-9]|$)`}`,
    );
    const updated = new Set(changes.map((c) => `${c.kind}:${c.jamf_id}`));
    // Assets carry no device kind: Macs are laptops and desktops, everything else is a mobile device.
    const assets = await selectRows<{ jamf_id: string; kind: string }>(
      db,
      sql`select jamf_id, case when asset_type in ('laptop', 'desktop') then 'computer' else 'mobile' end as kind from assets`,
    );
    const withAsset = new Set(assets.map((a) => `${a.kind}:${a.jamf_id}`));
    const acked = sent.results.filter((r) => r.status === 202);
    let lost = 0;
    let withoutAsset = 0;
    const updatedLatencies: number[] = [];
    for (const r of acked) {
      const row = r.id === null ? undefined : byId.get(r.id);
      if (!row || row.status !== 'done' || !row.processed_at) {
        lost++;
        continue;
      }
      if (!withAsset.has(`${row.device_kind}:${row.jamf_id}`)) {
        withoutAsset++; // unmanaged or of no known type in Jamf: no asset to update (R1)
        continue;
      }
      if (!updated.has(`${row.device_kind}:${row.jamf_id}`)) {
        lost++;
        continue;
      }
      updatedLatencies.push(new Date(row.processed_at).getTime() - r.sentAt);
    }
    const statuses = new Map<number, number>();
    for (const r of sent.results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const ack = sent.results.map((r) => r.ackMs);
    const runs = new Set(rows.map((r) => r.run_id).filter(Boolean)).size;
    const bySecond: number[][] = [];
    const firstSent = Math.min(...sent.results.map((r) => r.sentAt));
    for (const r of sent.results) (bySecond[Math.floor((r.sentAt - firstSent) / 1000)] ??= []).push(r.ackMs);
    const share = (cpuSeconds: number) => `${((cpuSeconds / burst.seconds) * 100).toFixed(0)} %`;

    process.stdout.write(
      `\nBurst ${index} of ${BURSTS}: ${WEBHOOKS} webhooks at ${RATE}/s from a separate process (half JSON, half XML, one per device), Jamf simulator at ${LATENCY_MS} ms per request\n`,
    );
    process.stdout.write(`database: ${database.label}; machine: ${os.cpus().length} cores\n`);
    line('sent', `${sent.sendSeconds.toFixed(1)} s (${Math.round(WEBHOOKS / sent.sendSeconds)}/s); answers ${[...statuses].map(([s, n]) => `${s || 'error'} × ${n}`).join(', ')}`);
    line(
      'acknowledgement latency',
      `p50 ${ms(percentile(ack, 50))}, p99 ${ms(percentile(ack, 99))}, max ${ms(Math.max(...ack))}  (target p99 < 25 ms; the sender's own event-loop delay p99 ${ms(sent.loopDelayP99Ms)})`,
    );
    line('  machine floor', `p99 ${ms(burst.floorAckP99)}: the same burst, just after, against a server in its own process that answers 202 at once`);
    line('  p99 per second of the burst', bySecond.map((v) => ms(percentile(v, 99))).join(', '));
    line('events lost', `${lost}  (acknowledged ${acked.length}, stored and processed ${acked.length - lost}; ${withoutAsset} about devices with no asset, e.g. unmanaged: R1)`);
    line(
      'webhook → asset updated',
      `p50 ${ms(percentile(updatedLatencies, 50))}, p95 ${ms(percentile(updatedLatencies, 95))}, max ${ms(Math.max(...updatedLatencies))} over ${updatedLatencies.length} assets  (target p95 < 2000 ms)`,
    );
    line(
      'worker',
      `${runs} webhook runs, drained ${burst.drainSeconds.toFixed(1)} s after the last answer; Jamf requests ${burst.simStats.requests} (peak ${burst.simStats.peakConcurrency} in flight)`,
    );
    line(
      'CPU during the burst',
      `service ${share(burst.cpuSeconds.service)} of a core (${((burst.cpuSeconds.service * 1000) / WEBHOOKS).toFixed(2)} ms per webhook), ` +
        `PostgreSQL ${share(burst.cpuSeconds.PostgreSQL)}, simulator ${share(burst.cpuSeconds.simulator)}, sender ${share(sent.cpuMs / 1000)}; ${os.cpus().length} cores in all`,
    );
    return { ackP99: percentile(ack, 99), floorAckP99: burst.floorAckP99, updatedP95: percentile(updatedLatencies, 95), lost };
  }
}

async function freshDatabase(): Promise<{ env: Record<string, string>; label: string; drop: () => Promise<void> }> {
  if (!SERVER_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-webhooks-'));
    return { env: { DATA_DIR: dir }, label: `PGlite (embedded, ${dir})`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(SERVER_URL);
  return { env: { DATABASE_URL: scratch.url }, label: `PostgreSQL (fresh database ${scratch.name} on ${new URL(scratch.url).host})`, drop: scratch.drop };
}

const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(30)} ${value}\n`);

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
