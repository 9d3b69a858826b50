/**
 * Shutdown benchmark (`npm run bench:shutdown`): how long `jamf-sync serve` takes from SIGTERM to
 * exit, idle and with a run in flight (a sync started from the API against a simulator that answers
 * each device page after two minutes), for a few SHUTDOWN_TIMEOUT_MS values. Prints, per case, the
 * wall time to exit and each shutdown phase as the service logged it (time since SIGTERM).
 * PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a fresh database per case, dropped
 * after), else the embedded PGlite in a temporary folder.
 *
 *   npm run bench:shutdown [-- --timeouts 2000,10000 --repeat 1]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listeningUrl } from './support/listening-process';
import { startSimulatorProcess, BENCH_CREDENTIALS } from './support/simulator-process';
import { createScratchDatabase } from './support/scratch-database';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const TIMEOUTS = option('timeouts', '2000,10000').split(',').map(Number);
const REPEAT = Number(option('repeat', '1'));
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const API_TOKEN = 'bench-shutdown-api-token-0001';
const root = path.resolve(__dirname, '..');

interface Outcome {
  timeoutMs: number;
  inFlight: boolean;
  exitMs: number;
  exitCode: number | null;
  /** Log messages after SIGTERM, with ms since it. */
  phases: Array<{ atMs: number; msg: string }>;
}

async function measure(timeoutMs: number, inFlight: boolean, jamfUrl: string): Promise<Outcome> {
  const scratch = SERVER_URL ? await createScratchDatabase(SERVER_URL) : null;
  const dataDir = scratch ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-bench-shutdown-'));
  const env = {
    ...process.env,
    ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir!, DATABASE_URL: '' }),
    CONFIG_FILE: '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    JAMF_URL: jamfUrl,
    JAMF_CLIENT_ID: BENCH_CREDENTIALS.clientId,
    JAMF_CLIENT_SECRET: BENCH_CREDENTIALS.clientSecret,
    JAMF_SYNC_ON_START: 'false',
    API_TOKEN,
    SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
  };
  const child = spawn(process.execPath, ['bin/jamf-sync.cjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ at: number; text: string }> = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop()!;
      for (const text of parts) lines.push({ at: Date.now(), text });
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await listeningUrl(child, 'jamf-sync serve');
    if (inFlight) {
      const res = await fetch(`${url}/api/v1/organizations/default/syncs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.status !== 202) throw new Error(`starting a sync answered ${res.status}: ${await res.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the run asks Jamf for its first page
    }
    const sent = Date.now();
    child.kill('SIGTERM');
    const exitCode = await exited;
    const exitMs = Date.now() - sent;
    const phases = lines
      .filter((line) => line.at >= sent)
      .map((line) => {
        try {
          const parsed = JSON.parse(line.text) as { time?: string; msg?: string; phase?: string };
          const at = parsed.time ? Date.parse(parsed.time) : line.at;
          return { atMs: at - sent, msg: parsed.phase ? `${parsed.msg} [${parsed.phase}]` : (parsed.msg ?? line.text) };
        } catch {
          return { atMs: line.at - sent, msg: line.text };
        }
      });
    return { timeoutMs, inFlight, exitMs, exitCode, phases };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await scratch?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess({ computers: 20, mobiles: 0, seed: 5 });
  await sim.control('POST', '/__sim/faults', { latencyPerRecordMs: 120_000 });
  const outcomes: Outcome[] = [];
  try {
    for (let n = 0; n < REPEAT; n++) {
      for (const timeoutMs of TIMEOUTS) {
        for (const inFlight of [false, true]) {
          const outcome = await measure(timeoutMs, inFlight, sim.url);
          outcomes.push(outcome);
          console.log(`\nSHUTDOWN_TIMEOUT_MS=${timeoutMs}, ${inFlight ? 'a run in flight' : 'idle'}: exit ${outcome.exitCode} after ${outcome.exitMs} ms`);
          for (const phase of outcome.phases) console.log(`  +${String(phase.atMs).padStart(6)} ms  ${phase.msg}`);
        }
      }
    }
  } finally {
    sim.stop();
  }
  console.log(`\n${SERVER_URL ? 'PostgreSQL' : 'PGlite'}: SIGTERM → exit (ms)`);
  for (const o of outcomes) console.log(`  timeout ${String(o.timeoutMs).padStart(6)}  ${o.inFlight ? 'in flight' : 'idle     '}  ${String(o.exitMs).padStart(6)}  (${((o.exitMs / o.timeoutMs) * 100).toFixed(0)} % of the budget)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
