/**
 * How long a command takes on the embedded database, alone and beside a running `serve` (which it
 * then reaches through serve's socket): `connections list` and `export assets` on a small database
 * (one connection, 200 imported assets), each run `--runs` times as a real `jamf-sync` process.
 * Prints the median and the range; the machine's load average with them, since on a shared machine
 * the figures move with it.
 *
 *   npx tsx bench/cli-beside-serve.ts [--runs 5]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/jamf-sync.cjs');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-cli-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CONFIG_FILE: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') };

function cli(args: string[], input?: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`jamf-sync ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return performance.now() - started;
}

function measure(label: string): void {
  for (const args of [['connections', 'list'], ['export', 'assets', '--org', 'acme']]) {
    const times = Array.from({ length: runs }, () => cli(args)).sort((a, b) => a - b);
    const ms = (t: number) => `${(t / 1000).toFixed(2)} s`;
    console.log(`${label.padEnd(14)} ${args.join(' ').padEnd(26)} median ${ms(times[Math.floor(runs / 2)])}  (${ms(times[0])} – ${ms(times[runs - 1])})  load ${os.loadavg()[0].toFixed(1)}`);
  }
}

async function main(): Promise<void> {
  try {
    cli(['migrate']);
    cli(['connections', 'add', '--org', 'acme', '--url', 'https://acme.jamfcloud.com', '--client-id', 'bench', '--secret-stdin'], 'bench-secret\n');
    const assets = path.join(dataDir, '..', `${path.basename(dataDir)}-assets.json`);
    fs.writeFileSync(assets, JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ serialNumber: `BENCH${i}`, assetType: 'laptop', status: 'available' }))));
    cli(['import', 'assets', assets, '--org', 'acme']);
    fs.rmSync(assets);
    measure('alone');

    const serve = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, PORT: '0', HOST: '127.0.0.1', JAMF_SYNC_ON_START: 'false' }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (d) => {
        out += String(d);
        if (/listening on/.test(out)) resolve();
      });
      serve.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    try {
      measure('beside serve');
    } finally {
      serve.kill('SIGTERM');
      await new Promise((resolve) => serve.once('exit', resolve));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
