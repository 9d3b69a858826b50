/**
 * Memory and throughput of the Jamf client on a large fleet: streams every computer and mobile
 * device from a simulator running in a separate process (so its memory is not counted here) and
 * prints devices/s, requests and the peak resident memory of this process.
 *
 *   npx tsx bench/client-memory.ts [--computers 10000] [--mobiles 10000] [--page-size 200] [--prefetch 1]
 *
 * Target: peak RSS under 200 MB for 20,000 devices (memory must not grow with the fleet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { HttpJamfClient } from '../src/jamf';

const root = path.resolve(__dirname, '..');
const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = 'bench-secret';
const LISTENING = /Jamf Pro simulator listening on (http:\/\/\S+)/;

function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** `jamf-sync simulator` as a separate process, so its memory is not counted in this one. */
function spawnCliSimulator(computers: number, mobiles: number): ChildProcess {
  return spawn(
    process.execPath,
    [
      'bin/jamf-sync.cjs', 'simulator',
      '--computers', String(computers), '--mobiles', String(mobiles), '--port', '0',
      '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Fallback while the CLI has no `simulator` command: startSimulator in a tsx child process. */
function spawnTsxSimulator(computers: number, mobiles: number): ChildProcess {
  const script = `
    const { startSimulator } = require('./src/simulator/start-simulator');
    startSimulator({ port: 0, computers: ${computers}, mobiles: ${mobiles}, clientId: '${CLIENT_ID}', clientSecret: '${CLIENT_SECRET}' })
      .then((sim) => console.log('Jamf Pro simulator listening on ' + sim.url));`;
  return spawn(process.execPath, [require.resolve('tsx/cli'), '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
}

function waitForUrl(child: ChildProcess, timeoutMs = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('simulator did not report its URL in time')), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = LISTENING.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/+$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited early (code ${code})`));
    });
  });
}

async function startSimulatorProcess(computers: number, mobiles: number): Promise<{ child: ChildProcess; url: string; via: string }> {
  const cli = spawnCliSimulator(computers, mobiles);
  try {
    return { child: cli, url: await waitForUrl(cli), via: 'jamf-sync simulator' };
  } catch {
    cli.kill('SIGTERM');
    const child = spawnTsxSimulator(computers, mobiles);
    try {
      return { child, url: await waitForUrl(child), via: 'tsx + startSimulator (CLI command not available)' };
    } catch (error) {
      child.kill('SIGTERM');
      throw error;
    }
  }
}

async function main(): Promise<void> {
  const computers = numberArg('computers', 10_000);
  const mobiles = numberArg('mobiles', 10_000);
  const pageSize = numberArg('page-size', 200);
  const prefetchPages = process.argv.includes('--prefetch') ? numberArg('prefetch', 1) : 1;

  const { child, url, via } = await startSimulatorProcess(computers, mobiles);
  try {
    console.log(`simulator:             ${url} via ${via}`);
    const baseline = process.memoryUsage();
    const peak = { ...baseline };
    const sample = () => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
      peak.external = Math.max(peak.external, now.external);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    };
    const sampler = setInterval(sample, 25);

    const client = new HttpJamfClient({
      baseUrl: url,
      auth: { kind: 'client', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      pageSize,
      prefetchPages,
    });
    const started = performance.now();
    let computerCount = 0;
    let mobileCount = 0;
    let pages = 0;
    const onPage = () => {
      pages += 1;
    };
    // Touch a field of every record, as the sync would, so records are really materialised.
    for await (const computer of client.streamComputers({ onPage })) if (computer.id) computerCount += 1;
    for await (const mobile of client.streamMobileDevices({ onPage })) if (mobile.mobileDeviceId) mobileCount += 1;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sample();

    const simStats = (await fetch(`${url}/__sim/stats`).then((response) => response.json())) as { requests?: number; peakConcurrency?: number };
    const stats = client.stats();
    await client.close();

    const devices = computerCount + mobileCount;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(`devices streamed:      ${devices} (${computerCount} computers, ${mobileCount} mobile devices)`);
    console.log(`pages:                 ${pages} (page size ${pageSize}, prefetch ${prefetchPages})`);
    console.log(`time:                  ${seconds.toFixed(2)} s`);
    console.log(`throughput:            ${Math.round(devices / seconds)} devices/s`);
    console.log(`client requests:       ${stats.requests} (retries ${stats.retries}, token requests ${stats.tokenRequests})`);
    console.log(`simulator requests:    ${simStats.requests ?? '?'} (peak concurrency ${simStats.peakConcurrency ?? '?'})`);
    console.log(`invalid records:       ${stats.invalidRecords}`);
    console.log(`resident memory:       baseline ${mb(baseline.rss)} MB, peak ${mb(peak.rss)} MB (target < 200 MB)`);
    console.log(`heap used:             baseline ${mb(baseline.heapUsed)} MB, peak ${mb(peak.heapUsed)} MB; peak external ${mb(peak.external)} MB`);
    if (devices !== computers + mobiles) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
