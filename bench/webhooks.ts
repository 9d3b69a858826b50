/**
 * Webhook benchmark (`npm run bench:webhooks`): the service (`startService`: receiver, inbox worker,
 * scheduler) against a Jamf simulator in its own process that answers every request after 50 ms,
 * and a burst of webhooks (default 5,000 at 500/s, one per device, half JSON and half XML as Jamf
 * sends them) from a separate sender process over HTTP. Prints the acknowledgement latency seen by
 * the sender, events lost, and webhook-to-asset-updated latency (sent → the inbox row finished,
 * which happens after the device's refresh committed). Before the burst, a warm-up of 500 webhooks
 * about other devices (not counted) lets the JIT compile the hot paths, as in a running service.
 * PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a fresh database is created there and
 * dropped), else the embedded PGlite in a temporary folder.
 *
 *   npm run bench:webhooks [-- --webhooks 5000 --rate 500 --latency 50 --warmup 500] [--receiver-only | --one-thread]
 *   worker settings to try: --batch 200 --concurrency 2 --gather 50
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Client } from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { defaultConfig } from '../src/config';
import { selectRows } from '../src/db/migrate';
import { startService } from '../src/service/serve';
import { runConnectionSync } from '../src/sync/run-connection-sync';
import { toJssEventXml } from '../src/simulator/webhook-xml';
import { startSimulatorProcess, BENCH_CREDENTIALS } from './support/simulator-process';
import { processCpuMeter, pidsNamed } from './support/process-cpu';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};
const WEBHOOKS = arg('webhooks', 5000);
const RATE = arg('rate', 500);
const LATENCY_MS = arg('latency', 50);
const WARMUP = arg('warmup', 500);
/** `--receiver-only`: no worker, to see what acknowledging costs on its own. */
const RECEIVER_ONLY = process.argv.includes('--receiver-only');
/** `--one-thread`: the worker shares the receiver's thread even on PostgreSQL, to compare. */
const ONE_THREAD = process.argv.includes('--one-thread');
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const WEBHOOK_USER = { username: 'jamf-bench', password: 'bench-webhook-password-0001' };
const NEW_OS = '26.0.1';

interface Outgoing {
  body: string;
  contentType: string;
}
interface SenderInput {
  url: string;
  authorization: string;
  rate: number;
  webhooks: Outgoing[];
}
interface SentResult {
  sentAt: number;
  ackMs: number;
  status: number;
  id: number | null;
}
interface SenderOutput {
  sendSeconds: number;
  cpuMs: number;
  results: SentResult[];
}

// ---------------------------------------------------------------------------------------------
// The sender: a separate process, as Jamf is. Open loop: each webhook leaves at its scheduled
// time whether or not earlier ones were answered.

async function runSender(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SenderInput;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const target = new URL(input.url);
  const results: SentResult[] = new Array(input.webhooks.length);
  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const { body, contentType } = input.webhooks[i];
      const sentAt = Date.now();
      const t0 = performance.now();
      const done = (status: number, text: string) => {
        let id: number | null = null;
        try {
          id = (JSON.parse(text) as { id?: number }).id ?? null;
        } catch {
          /* not JSON */
        }
        results[i] = { sentAt, ackMs: performance.now() - t0, status, id };
        resolve();
      };
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': contentType, authorization: input.authorization, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => done(res.statusCode ?? 0, text));
        },
      );
      req.on('error', () => done(0, ''));
      req.end(body);
    });
  const interval = 1000 / input.rate;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < input.webhooks.length; ) {
    const now = performance.now();
    while (i < input.webhooks.length && start + i * interval <= now) inFlight.push(send(i++));
    const next = start + i * interval - performance.now();
    if (next > 0) await new Promise((r) => setTimeout(r, next));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(inFlight);
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  process.stdout.write(JSON.stringify({ sendSeconds, cpuMs: (cpu.user + cpu.system) / 1000, results } satisfies SenderOutput));
}

function sendFromChildProcess(input: SenderInput): Promise<SenderOutput> {
  const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), __filename, '--sender'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stdin.end(JSON.stringify(input));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`sender exited with ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------------

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);

async function main(): Promise<void> {
  async function freshDatabase(): Promise<{ env: Record<string, string>; label: string; drop: () => Promise<void> }> {
    if (!SERVER_URL) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-webhooks-'));
      return { env: { DATA_DIR: dir }, label: `PGlite (embedded, ${dir})`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }
    const name = `jamf_sync_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      label: `PostgreSQL (fresh database ${name} on ${url.host})`,
      drop: async () => {
        await admin.query(`drop database ${name} with (force)`);
        await admin.end();
      },
    };
  }

  // Devices: computers 1..C and mobiles 1..M get the measured webhooks; computers after C warm up.
  const computers = Math.ceil(WEBHOOKS / 2);
  const mobiles = WEBHOOKS - computers;
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const database = await freshDatabase();
  const sim = await startSimulatorProcess({ computers: computers + WARMUP, mobiles, seed: 11 });
  const config = defaultConfig({
    ...database.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The benchmark runs the first sync itself, to know when it is done.
    JAMF_SYNC_ON_START: 'false',
    JAMF_URL: sim.url,
    JAMF_CLIENT_ID: BENCH_CREDENTIALS.clientId,
    JAMF_CLIENT_SECRET: BENCH_CREDENTIALS.clientSecret,
    JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
    JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
  });
  const workerOptions = { batchSize: arg('batch', 200), concurrency: arg('concurrency', 2), gatherMs: arg('gather', 50) };
  const service = await startService(config, logger, { worker: !RECEIVER_ONLY, workerOptions, ...(ONE_THREAD && { backgroundThread: false }) });
  const db = service.database.db;
  const authorization = `Basic ${Buffer.from(`${WEBHOOK_USER.username}:${WEBHOOK_USER.password}`).toString('base64')}`;
  const url = `${service.url}/webhooks/jamf/default`;
  let eventTime = Date.now();

  const webhooksFor = (devices: Array<{ kind: 'computer' | 'mobile'; id: string }>): Outgoing[] =>
    devices.map((d, i) => {
      const event = d.kind === 'computer' ? 'ComputerInventoryCompleted' : 'MobileDeviceInventoryCompleted';
      const payload = {
        webhook: { id: d.kind === 'computer' ? 3 : 14, name: `${event} Webhook`, webhookEvent: event, eventTimestamp: eventTime++ },
        event: { jssID: Number(d.id), deviceName: `device-${d.kind}-${d.id}`, osVersion: NEW_OS, userDirectoryID: '-1', udid: randomBytes(16).toString('hex') },
      };
      return i % 2 === 0
        ? { body: JSON.stringify(payload), contentType: 'application/json; charset=UTF-8' }
        : { body: toJssEventXml(payload), contentType: 'text/xml; charset=UTF-8' };
    });
  const patch = async (devices: Array<{ kind: 'computer' | 'mobile'; id: string }>) => {
    for (let i = 0; i < devices.length; i += 32) {
      await Promise.all(
        devices.slice(i, i + 32).map((d) =>
          d.kind === 'computer'
            ? sim.control('PATCH', `/__sim/computers/${d.id}`, { operatingSystem: { version: NEW_OS } })
            : sim.control('PATCH', `/__sim/mobile-devices/${d.id}`, { general: { osVersion: NEW_OS } }),
        ),
      );
    }
  };
  const drain = async () => {
    for (const started = Date.now(); !RECEIVER_ONLY && Date.now() - started < 300_000; ) {
      const [open] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from webhook_inbox where status in ('pending', 'processing')`);
      if (open.n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  try {
    process.stderr.write(`setting up: ${database.label}; ${computers + WARMUP} computers + ${mobiles} mobile devices; first sync…\n`);
    await runConnectionSync({ db, config, box: null, logger }, 'default', { trigger: 'manual' });

    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
    const measured = [
      ...range(1, computers).map((id) => ({ kind: 'computer' as const, id })),
      ...range(1, mobiles).map((id) => ({ kind: 'mobile' as const, id })),
    ].sort((a, b) => Number(a.id) - Number(b.id) || a.kind.localeCompare(b.kind)); // interleaved, as a tenant's events are
    const warmup = range(computers + 1, WARMUP).map((id) => ({ kind: 'computer' as const, id }));
    process.stderr.write('changing every device in the simulator…\n');
    await patch([...warmup, ...measured]);
    await sim.control('POST', '/__sim/faults', { latencyMs: LATENCY_MS });

    if (WARMUP) {
      process.stderr.write(`warm-up: ${WARMUP} webhooks at ${RATE / 2}/s (not counted)…\n`);
      await sendFromChildProcess({ url, authorization, rate: RATE / 2, webhooks: webhooksFor(warmup) });
      await drain();
    }
    await sim.control('POST', '/__sim/stats/reset');
    const batchesBefore = service.background.totals.batches;

    process.stderr.write(`sending ${WEBHOOKS} webhooks at ${RATE}/s from a separate process…\n`);
    const webhooks = webhooksFor(measured);
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const machine = processCpuMeter({ simulator: () => [sim.child.pid!], PostgreSQL: () => pidsNamed('postgres') });
    const burstStarted = Date.now();
    const sent = await sendFromChildProcess({ url, authorization, rate: RATE, webhooks });
    const othersCpu = machine.stop();
    const burstCpu = process.cpuUsage(cpuBefore);
    const burstSeconds = (Date.now() - burstStarted) / 1000;
    loopDelay.disable();
    const drainStarted = Date.now();
    await drain();
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const totalCpu = process.cpuUsage(cpuBefore);

    const ids = sent.results.map((r) => r.id).filter((id): id is number => id !== null);
    const rows = await selectRows<{ id: string; status: string; device_kind: string; jamf_id: string; processed_at: string | Date | null; run_id: string | null }>(
      db,
      sql`select id::text, status, device_kind, jamf_id, processed_at, run_id from webhook_inbox where id = any(${`{${ids.join(',')}}`}::bigint[])`,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    // Assets carry no device kind: Macs are laptops and desktops, everything else is a mobile device.
    const assets = await selectRows<{ jamf_id: string; kind: string; operating_system: string | null }>(
      db,
      sql`select jamf_id, case when asset_type in ('laptop', 'desktop') then 'computer' else 'mobile' end as kind, operating_system from assets`,
    );
    const assetByDevice = new Map(assets.map((a) => [`${a.kind}:${a.jamf_id}`, a]));

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
      const asset = assetByDevice.get(`${row.device_kind}:${row.jamf_id}`);
      if (!asset) {
        withoutAsset++; // unmanaged or of no known type in Jamf: no asset to update (R1)
        continue;
      }
      if (!asset.operating_system?.includes(NEW_OS)) {
        lost++;
        continue;
      }
      updatedLatencies.push(new Date(row.processed_at).getTime() - r.sentAt);
    }
    const statuses = new Map<number, number>();
    for (const r of sent.results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const ack = sent.results.map((r) => r.ackMs);
    const runs = new Set(rows.map((r) => r.run_id).filter(Boolean)).size;
    const simStats = (await sim.control('GET', '/__sim/stats')) as { requests: number; peakConcurrency: number };
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    const bySecond: number[][] = [];
    const firstSent = Math.min(...sent.results.map((r) => r.sentAt));
    for (const r of sent.results) (bySecond[Math.floor((r.sentAt - firstSent) / 1000)] ??= []).push(r.ackMs);

    const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(30)} ${value}\n`);
    process.stdout.write(
      `\nWebhook burst: ${WEBHOOKS} webhooks at ${RATE}/s from a separate process (half JSON, half XML, one per device), Jamf simulator at ${LATENCY_MS} ms per request\n`,
    );
    process.stdout.write(`database: ${database.label}; machine: ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`);
    line('sent', `${sent.sendSeconds.toFixed(1)} s (${Math.round(WEBHOOKS / sent.sendSeconds)}/s); answers ${[...statuses].map(([s, n]) => `${s || 'error'} × ${n}`).join(', ')}`);
    line('acknowledgement latency', `p50 ${ms(percentile(ack, 50))}, p99 ${ms(percentile(ack, 99))}, max ${ms(Math.max(...ack))}  (target p99 < 25 ms)`);
    line('  p99 per second of the burst', bySecond.map((v) => ms(percentile(v, 99))).join(', '));
    line('events lost', `${lost}  (acknowledged ${acked.length}, stored and processed ${acked.length - lost}; ${withoutAsset} about devices with no asset, e.g. unmanaged: R1)`);
    if (!RECEIVER_ONLY) {
      line(
        'webhook → asset updated',
        `p50 ${ms(percentile(updatedLatencies, 50))}, p95 ${ms(percentile(updatedLatencies, 95))}, max ${ms(Math.max(...updatedLatencies))} over ${updatedLatencies.length} assets  (target p95 < 2000 ms)`,
      );
      line(
        'worker',
        `${(service.background.totals.batches) - batchesBefore} batches, ${runs} webhook runs, drained ${drainSeconds.toFixed(1)} s after the last send; ` +
          `Jamf requests ${simStats.requests} (peak ${simStats.peakConcurrency} in flight)`,
      );
    }
    line(
      'CPU',
      `service ${(cpuMs(burstCpu) / burstSeconds / 10).toFixed(0)} % of a core until the last answer, ${(cpuMs(totalCpu) / WEBHOOKS).toFixed(2)} ms per webhook in all ` +
        `(event loop delay max ${ms(loopDelay.max / 1e6)}, p99 ${ms(loopDelay.percentile(99) / 1e6)}); sender ${(sent.cpuMs / sent.sendSeconds / 10).toFixed(0)} % of a core`,
    );
    line(
      'CPU of the others in the burst',
      Object.entries(othersCpu).map(([name, seconds]) => `${name} ${((seconds / burstSeconds) * 100).toFixed(0)} %`).join(', ') + ` of a core (${os.cpus().length} cores in all)`,
    );
  } finally {
    await service.shutdown();
    sim.stop();
    await database.drop();
  }
}

if (process.argv.includes('--sender')) {
  runSender().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
