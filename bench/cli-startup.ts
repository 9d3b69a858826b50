/**
 * CLI start-up benchmark (`npm run bench:cli`): how long a `jamf-sync` command takes from the shell,
 * process start to exit, as a person or a cron job sees it. Each command runs --runs times (default
 * 5) in a fresh process; prints the median and the fastest, wall-clock and CPU (user + system, which
 * a loaded machine inflates less), and the load average, since on a shared 2-core machine the wall
 * clock mostly measures the neighbours.
 *
 * Commands: `--help`; `connections list` and `export assets` on a small embedded database (one
 * organization, one connection, 50 assets); each through `bin/jamf-sync.cjs` as the build stands
 * (compiled when `npm run build` is current, else tsx) and through the sources (tsx) for comparison.
 * Then a command beside a running `serve`: on PostgreSQL (TEST_DATABASE_URL or DATABASE_URL; a
 * scratch database is created and dropped), else on the embedded database, where the command goes
 * through `serve`'s socket (see "Administering a running serve" in the README).
 *
 *   npm run build && npm run bench:cli [-- --runs 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServiceProcess } from './support/service-process';
import { createScratchDatabase } from './support/scratch-database';

const root = path.resolve(__dirname, '..');
const BIN = path.join(root, 'bin', 'jamf-sync.cjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const TARGETS: Record<string, number> = { '--help': 0.3, 'connections list': 2, 'export assets': 2, 'connections list beside serve': 2 };

interface Sample {
  wall: number;
  cpu: number | null;
}

/** /usr/bin/time reports the child's CPU; without it only the wall clock is measured. */
const TIME_BIN = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function runOnce(args: string[], env: NodeJS.ProcessEnv): Sample & { status: number | null; stderr: string } {
  const command = TIME_BIN ? [TIME_BIN, '-f', 'CPU %U %S', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), { env, encoding: 'utf8', cwd: os.tmpdir() });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuLine = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  return {
    wall,
    cpu: cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : null,
    status: result.status,
    stderr: (result.stderr ?? '').replace(/CPU [\d.]+ [\d.]+\s*$/, '').trim(),
  };
}

function measure(label: string, args: string[], env: NodeJS.ProcessEnv): string {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = runOnce(args, env);
    if (run.status !== 0) return `| ${label} | failed (exit ${run.status}): ${run.stderr.split('\n')[0]} | | | |`;
    samples.push(run);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const walls = samples.map((s) => s.wall);
  const cpus = samples.flatMap((s) => (s.cpu === null ? [] : [s.cpu]));
  const target = label.includes('(sources') ? undefined : TARGETS[label.replace(/ \(.*\)$/, '')];
  return `| ${label} | ${median(walls).toFixed(2)} s | ${Math.min(...walls).toFixed(2)} s | ${cpus.length ? `${median(cpus).toFixed(2)} s` : '—'} | ${target ? `${target} s` : ''} |`;
}

const cli = (args: string[], env: NodeJS.ProcessEnv, input?: string) =>
  execFileSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

function buildState(): string {
  const stamp = path.join(root, 'dist', 'build-stamp');
  if (!fs.existsSync(stamp)) return 'no build: bin/jamf-sync.cjs runs the sources (tsx); run "npm run build" first';
  return 'build present (bin/jamf-sync.cjs uses it when its stamp is newer than every file under src/)';
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-cli-'));
  const key = randomBytes(32).toString('base64');
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CONFIG_FILE: '', LOG_LEVEL: 'warn', ENCRYPTION_KEY: key };
  const embedded = { ...base, DATA_DIR: dataDir };
  const sources = { JAMF_SYNC_RUN_SOURCES: '1' };
  console.log(`jamf-sync CLI start-up, ${RUNS} runs each; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(buildState());

  // The small embedded database: created, migrated, one connection (to a port nothing answers on, so
  // serve's first sync fails at once without the network), 50 assets (not measured).
  cli(['migrate'], embedded);
  cli(['connections', 'add', '--org', 'default', '--url', 'http://127.0.0.1:9', '--client-id', 'bench', '--secret-stdin', '--no-verify'], embedded, 'bench-secret\n');
  const assets = path.join(dataDir, '..', `${path.basename(dataDir)}-assets.json`);
  fs.writeFileSync(assets, JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ serialNumber: `BENCH${i}`, assetType: 'laptop', status: 'available' }))));
  cli(['import', 'assets', assets], embedded);

  const rows = [
    '| command | median | fastest | CPU (median) | target |',
    '|---|---|---|---|---|',
    measure('--help', ['--help'], base),
    measure('--help (sources, tsx)', ['--help'], { ...base, ...sources }),
    measure('connections list', ['connections', 'list'], embedded),
    measure('connections list (sources, tsx)', ['connections', 'list'], { ...embedded, ...sources }),
    measure('export assets', ['export', 'assets'], embedded),
    measure('export assets (sources, tsx)', ['export', 'assets'], { ...embedded, ...sources }),
  ];
  rows.push(await besideServe(base, dataDir));
  console.log(rows.join('\n'));
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(assets, { force: true });
}

/** `connections list` while `serve` runs on the same database. */
async function besideServe(base: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
  const label = 'connections list beside serve';
  const scratch = SERVER_URL ? await createScratchDatabase(SERVER_URL) : null;
  const env = scratch ? { ...base, DATABASE_URL: scratch.url } : { ...base, DATA_DIR: dataDir };
  const service = await startServiceProcess({ ...env, PORT: '0', HOST: '127.0.0.1' });
  try {
    const probe = runOnce(['connections', 'list'], env);
    if (probe.status !== 0) return `| ${label} | failed: ${probe.stderr.split('\n')[0]} | | | 2 s |`;
    return measure(`${label} (${scratch ? 'PostgreSQL' : 'embedded'})`, ['connections', 'list'], env);
  } finally {
    await service.stop();
    await scratch?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
