/**
 * Peak memory of `jamf-sync import` on large files: writes a 100,000-row HR-style employees CSV
 * (BOM, ";", "First Name", "Work Email", an extra column) and a 100,000-row assets CSV whose rows
 * are assigned to those employees, then imports both through the CLI, each in its own process on
 * a fresh database, and prints each process's peak resident memory (getrusage, preloaded by
 * bench/support/report-peak-memory.cjs) and its time.
 *
 *   npm run bench:import [-- --rows 100000] [-- --dry-run] [-- --pglite]
 *
 * On a scratch database of the PostgreSQL server at BENCH_DATABASE_URL (else TEST_DATABASE_URL, else
 * the local test server), as the other benchmarks; `--pglite` uses an embedded PGlite folder
 * instead, whose WebAssembly PostgreSQL alone takes ~420 MB in the process (the bench first runs
 * `migrate` to show that floor).
 * Target: on PostgreSQL, peak RSS under 300 MB for 100,000 rows (the file is streamed; before,
 * ~400 MB). Exits 1 above it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeImportFiles } from './support/import-files';
import { createScratchDatabase } from './support/scratch-database';

const root = path.resolve(__dirname, '..');
const LIMIT_BYTES = 300 * 1024 * 1024;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Runs `jamf-sync <args>` and reads its peak memory. */
async function cli(args: string[], env: Record<string, string>) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['bin/jamf-sync.cjs', ...args], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', NODE_OPTIONS: `--require ${path.join(__dirname, 'support', 'report-peak-memory.cjs')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = Number(/peak-rss-bytes (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`);
  return { peak, seconds, summary: stdout.split('\n')[0] };
}

async function main(): Promise<void> {
  const rows = numberArg('rows', 100_000);
  const dryRun = process.argv.includes('--dry-run');
  const pglite = process.argv.includes('--pglite');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-import-'));
  const scratch = pglite ? null : await createScratchDatabase(SERVER_URL);
  try {
    const files = await writeImportFiles(dir, rows);
    const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: path.join(dir, 'data') };
    console.log(`${rows} rows; employees.csv ${(files.employeesBytes / 1e6).toFixed(1)} MB, assets.csv ${(files.assetsBytes / 1e6).toFixed(1)} MB; ${pglite ? 'PGlite' : 'PostgreSQL'}${dryRun ? '; dry run' : ''}`);
    const floor = await cli(['migrate'], env);
    console.log(`migrate (the process and its database client, no import): peak RSS ${mb(floor.peak)} MB`);
    let worst = 0;
    // A dry run of assets would refuse every row (their assignees are not imported): employees only.
    const kinds = dryRun ? (['employees'] as const) : (['employees', 'assets'] as const);
    for (const kind of kinds) {
      const r = await cli(['import', kind, files[kind], '--org', 'bench', ...(dryRun ? ['--dry-run'] : [])], env);
      worst = Math.max(worst, r.peak);
      console.log(`import ${kind}: peak RSS ${mb(r.peak)} MB, ${r.seconds.toFixed(1)} s (${Math.round(rows / r.seconds)} rows/s)\n  ${r.summary}`);
    }
    if (!pglite && !(worst < LIMIT_BYTES)) {
      console.error(`FAIL: peak RSS ${mb(worst)} MB is not under ${mb(LIMIT_BYTES)} MB`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

void main();
