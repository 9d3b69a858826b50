/**
 * Fleet benchmark (`npm run bench:fleet`): N `serve` replicas (own processes) on one PostgreSQL
 * database (`bench_fleet`, created, and dropped at the end) against one multi-tenant simulator (own
 * process), O organizations of D devices each (half computers, half mobile devices), each connected
 * to its own tenant. Every connection's schedule fires once, at the same second (the nightly
 * window), on every replica; the bench waits until every organization has succeeded and prints a
 * table per replica, then as its LAST line one JSON object with the figures.
 *
 *   npm run bench:fleet [-- --organizations 200 --devices 500 --replicas 3 --latency-ms 50
 *                          --max-concurrent 4 --spread-minutes 0 --kill-one-halfway --retry-seconds 60]
 *   npm run bench:fleet -- --one-organization [--devices 100000]   (one organization, one replica)
 *
 * `--kill-one-halfway` SIGKILLs the replica with the most runs going once half the organizations
 * have succeeded: its runs are marked interrupted by the others and retried after
 * JAMF_SYNC_RETRY_MIN_SECONDS (`--retry-seconds`, the service's default 60). PostgreSQL server:
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 * Every child process and the database are removed at the end, Ctrl-C included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../src/db/open-database';
import { selectRows } from '../src/db/query';
import { migrate } from '../src/db/migrate';
import { saveConnection } from '../src/connections/connection-store';
import { SecretBox } from '../src/crypto/secret-box';
import { listeningUrl } from './support/listening-process';
import { cronAt, deviationFromEven, formatTable, maxOverlap, type BenchRun } from './support/fleet-figures';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function numberArg(name: string, fallback: number, min = 0): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number from ${min}, got "${argv[i + 1]}"`);
  return v;
}

const ONE = flag('one-organization');
const O = ONE ? 1 : numberArg('organizations', 200, 1);
const D = numberArg('devices', ONE ? 100_000 : 500, 2);
const N = ONE ? 1 : numberArg('replicas', 3, 1);
const LATENCY = numberArg('latency-ms', 50);
const BOUND = numberArg('max-concurrent', 4, 1);
const SPREAD = numberArg('spread-minutes', 0);
const RETRY_SECONDS = numberArg('retry-seconds', 60, 1);
const KILL = flag('kill-one-halfway');
const MARGIN_S = numberArg('start-margin-seconds', 40, 5);
const TIMEOUT_S = numberArg('timeout-seconds', 1800, 10);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_fleet';
const KEY = Buffer.alloc(32, 7).toString('base64');
const CLIENT = { id: 'bench-client', secret: 'bench-secret' };

const children: ChildProcess[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['bin/jamf-sync.cjs', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CONFIG_FILE: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => (tail = (tail + String(d)).slice(-2000)));
  child.once('exit', (code, signal) => {
    if (code && code !== 0) log(`jamf-sync ${args[0]} (pid ${child.pid}) exited ${code ?? signal}: ${tail}`);
  });
  return child;
}

/** Highest resident memory of a live process so far (Linux VmHWM), in MB; 0 once it is gone. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a live process has used so far; null once it is gone. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // Fields 14 and 15 of stat (utime, stime), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const hard = setTimeout(() => c.kill('SIGKILL'), 15_000);
          c.once('exit', () => {
            clearTimeout(hard);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}

async function main(): Promise<void> {
  const dbUrl = new URL(SERVER_URL);
  dbUrl.pathname = `/${DB_NAME}`;
  await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
  await admin((c) => c.query(`create database ${DB_NAME}`));
  try {
    log(`simulator: ${O} tenants × ${D} devices, ${LATENCY} ms per request …`);
    const sim = start(
      ['simulator', '--tenants', String(O), '--computers', String(Math.ceil(D / 2)), '--mobiles', String(Math.floor(D / 2)), '--latency-ms', String(LATENCY),
        '--client-id', CLIENT.id, '--client-secret', CLIENT.secret, '--port', '0'],
      { NODE_OPTIONS: '--max-old-space-size=8192' },
    );
    const simUrl = await listeningUrl(sim, 'jamf-sync simulator');
    const tenants = (await (await fetch(`${simUrl}/__sim/tenants`)).json()) as Array<{ name: string; path: string }>;

    const handle = await openDatabase({ url: dbUrl.toString(), maxConnections: 2 });
    await migrate(handle.db);
    const box = new SecretBox([KEY]);
    for (const [i, t] of tenants.entries()) {
      await saveConnection(handle.db, box, { slug: `org-${String(i + 1).padStart(4, '0')}` }, {
        baseUrl: `${simUrl}${t.path}`,
        auth: { kind: 'client', clientId: `${CLIENT.id}-${t.name}`, clientSecret: `${CLIENT.secret}-${t.name}` },
        scheduleCron: '0 0 1 1 *',
        timeZone: 'UTC',
      });
    }
    // The window: one second for every organization, once the replicas have had time to start.
    const windowAt = new Date(Math.ceil((Date.now() + MARGIN_S * 1000) / 1000) * 1000);
    await handle.db.execute(sql`update jamf_connections set schedule_cron = ${cronAt(windowAt)}`);

    log(`${N} replicas, SYNC_MAX_CONCURRENT=${BOUND}; the window fires at ${windowAt.toISOString()} …`);
    const replicas = Array.from({ length: N }, () =>
      start(['serve'], {
        DATABASE_URL: dbUrl.toString(),
        PORT: '0',
        HOST: '127.0.0.1',
        ENCRYPTION_KEY: KEY,
        SYNC_MAX_CONCURRENT: String(BOUND),
        SYNC_SPREAD_MINUTES: String(SPREAD),
        JAMF_SYNC_ON_START: 'false',
        JAMF_SYNC_RETRY_MIN_SECONDS: String(RETRY_SECONDS),
      }),
    );
    await Promise.all(replicas.map((r) => listeningUrl(r, 'jamf-sync serve')));
    if (Date.now() > windowAt.getTime() - 1000) throw new Error(`the replicas were not ready before the window; give a larger --start-margin-seconds than ${MARGIN_S}`);
    // A run's owner is "host:pid" of the replica that ran it.
    const replicaOf = (owner: string) => replicas.findIndex((r) => owner.split(':')[1] === String(r.pid));

    const peaks = replicas.map(() => 0);
    const cpu = replicas.map(() => 0);
    let simulatorCpu = 0;
    const loadAtWindow: number[] = [];
    let peakDbConnections = 0;
    // PostgreSQL's own CPU for this database (its server processes are on this machine), and what
    // its active statements waited on, sampled: a share of Lock would mean organizations wait on each other.
    const backendCpu = new Map<number, number>();
    const waits = new Map<string, number>();
    let killed: number | null = null;
    let runs: BenchRun[] = [];
    const deadline = Date.now() + TIMEOUT_S * 1000 + MARGIN_S * 1000;
    let lastLog = 0;
    for (;;) {
      replicas.forEach((r, i) => {
        peaks[i] = Math.max(peaks[i], peakRssMb(r.pid));
        cpu[i] = cpuSeconds(r.pid) ?? cpu[i];
      });
      simulatorCpu = cpuSeconds(sim.pid) ?? simulatorCpu;
      if (!loadAtWindow.length && Date.now() >= windowAt.getTime()) loadAtWindow.push(...os.loadavg());
      const activity = await selectRows<{ pid: number; state: string | null; wait_event_type: string | null }>(handle.db, sqlActivity);
      peakDbConnections = Math.max(peakDbConnections, activity.length);
      for (const a of activity) {
        backendCpu.set(a.pid, cpuSeconds(a.pid) ?? backendCpu.get(a.pid) ?? 0);
        if (a.state === 'active') waits.set(a.wait_event_type ?? 'CPU', (waits.get(a.wait_event_type ?? 'CPU') ?? 0) + 1);
      }
      runs = await readRuns(handle);
      const succeeded = new Set(runs.filter((r) => r.status === 'succeeded').map((r) => r.slug)).size;
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        log(`  ${Math.max(0, Math.round((Date.now() - windowAt.getTime()) / 1000))} s: ${succeeded}/${O} succeeded, ${runs.filter((r) => r.status === 'running').length} running, ${runs.filter((r) => r.status === 'interrupted').length} interrupted, RSS ${peaks.join('/')} MB`);
      }
      if (KILL && killed === null && succeeded >= O / 2 && N > 1) {
        const going = replicas.map((_, i) => runs.filter((r) => r.status === 'running' && replicaOf(r.owner) === i).length);
        killed = going.indexOf(Math.max(...going));
        log(`  SIGKILL replica ${killed + 1} (pid ${replicas[killed].pid}) with ${going[killed]} runs going`);
        replicas[killed].kill('SIGKILL');
      }
      if (succeeded === O || Date.now() > deadline) break;
      await sleep(500);
    }
    const simStats = (await (await fetch(`${simUrl}/__sim/stats`)).json()) as { requests: number; peakConcurrency: number };
    await handle.close();

    const now = Date.now();
    const succeededRuns = runs.filter((r) => r.status === 'succeeded');
    const succeeded = new Set(succeededRuns.map((r) => r.slug)).size;
    const lastFinish = Math.max(...succeededRuns.map((r) => r.finishedAt ?? now), windowAt.getTime());
    const wallSeconds = Math.round((lastFinish - windowAt.getTime()) / 100) / 10;
    const perReplica = replicas.map((_, i) => runs.filter((r) => replicaOf(r.owner) === i));
    const runsPerReplica = perReplica.map((rs) => rs.filter((r) => r.status === 'succeeded').length);
    const overlapPerReplica = perReplica.map((rs) => maxOverlap(rs, now));
    const devices = succeededRuns.reduce((sum, r) => sum + r.fetched, 0);
    const figures = {
      organizations: O,
      devicesPerOrganization: D,
      replicas: N,
      jamfLatencyMs: LATENCY,
      wallSeconds,
      succeeded,
      failed: O - succeeded,
      maxConcurrentPerReplica: Math.max(...overlapPerReplica),
      runsPerReplica,
      peakRssMbPerReplica: peaks,
      devicesPerSecond: wallSeconds > 0 ? Math.round(devices / wallSeconds) : 0,
      bound: BOUND,
      spreadMinutes: SPREAD,
      killedReplica: killed === null ? null : killed + 1,
      interruptedRuns: runs.filter((r) => r.status === 'interrupted').length,
      deviationFromEven: Math.round(deviationFromEven(runsPerReplica) * 100) / 100,
      jamfRequests: simStats.requests,
      jamfPeakConcurrency: simStats.peakConcurrency,
      peakDbConnections,
      cpuSecondsPerReplica: cpu.map((c) => Math.round(c)),
      simulatorCpuSeconds: Math.round(simulatorCpu),
      databaseCpuSeconds: Math.round([...backendCpu.values()].reduce((a, b) => a + b, 0)),
      databaseActiveSamplesByWait: Object.fromEntries(waits),
      loadAverageAtWindow: loadAtWindow.map((l) => Math.round(l * 10) / 10),
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
    };
    const table = [
      ['replica', 'succeeded runs', 'interrupted', 'most at once', 'peak RSS MB', 'CPU s'],
      ...perReplica.map((rs, i) => [
        `${i + 1}${killed === i ? ' (killed)' : ''}`,
        String(runsPerReplica[i]),
        String(rs.filter((r) => r.status === 'interrupted').length),
        `${overlapPerReplica[i]} / ${BOUND}`,
        String(peaks[i]),
        String(Math.round(cpu[i])),
      ]),
    ];
    process.stdout.write(`\n${formatTable(table)}\n\n`);
    process.stdout.write(
      `${succeeded}/${O} organizations succeeded in ${wallSeconds} s after the window (${figures.devicesPerSecond} devices/s, ${simStats.requests} Jamf requests, ` +
        `${peakDbConnections} database connections at most; runs ${Math.round(figures.deviationFromEven * 100)} % from even)\n`,
    );
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (succeeded !== O) process.exitCode = 1;
  } finally {
    await stopAll();
    await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`)).catch((err) => log(`could not drop ${DB_NAME}: ${err}`));
  }
}

/** The database's server processes now, and what each active one waits on (null: running on a CPU). */
const sqlActivity = sql`select pid, state, wait_event_type from pg_stat_activity where datname = ${DB_NAME} and pid <> pg_backend_pid()`;

async function readRuns(handle: DatabaseHandle): Promise<BenchRun[]> {
  const rows = await selectRows<{ slug: string; status: string; owner: string; started_at: Date | string; finished_at: Date | string | null; fetched: number | null }>(
    handle.db,
    sql`select o.slug, r.status, r.owner, r.started_at, r.finished_at, (r.counts->>'fetched')::int as fetched
        from sync_runs r join organizations o on o.id = r.organization_id where r.mode = 'full'`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    status: r.status,
    owner: r.owner,
    startedAt: new Date(r.started_at).getTime(),
    finishedAt: r.finished_at ? new Date(r.finished_at).getTime() : null,
    fetched: Number(r.fetched ?? 0),
  }));
}

process.once('SIGINT', () => {
  log('interrupted: stopping every child and dropping the database');
  void stopAll().then(() => admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`)).finally(() => process.exit(130)));
});

main().catch(async (err) => {
  log(`bench:fleet failed: ${err instanceof Error ? err.stack : String(err)}`);
  await stopAll();
  process.exitCode = 1;
});
