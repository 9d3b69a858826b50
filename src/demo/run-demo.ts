import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { getPath } from '../simulator/deep-merge';
import { DemoApi, type RunReportBody, type RunSummary } from './demo-api';
import { sendLiveWebhooks } from './live-webhooks';

/**
 * The script this process was started with (bin/jamf-sync.cjs, or dist/src/cli.js in the Docker
 * image), so `serve` runs as the demo does: the sources, or the compiled build when it is current.
 */
const ENTRY = process.argv[1];
const print = (line = '') => process.stdout.write(`${line}\n`);

export interface DemoOptions {
  computers: number;
  mobiles: number;
  /** Stop everything after the walkthrough instead of leaving the service running. */
  exit: boolean;
}

/**
 * The demo: a Jamf Pro simulator with a realistic fleet, `jamf-sync serve` on a fresh embedded
 * database against it, the first full sync, then a few devices changed in "Jamf" and their
 * webhooks sent, and what the service did about each. Needs no configuration and no network.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-demo-'));
  const secrets = {
    webhookUser: 'jamf-webhooks',
    webhookPassword: randomBytes(18).toString('hex'),
    apiToken: randomBytes(18).toString('hex'),
    encryptionKey: randomBytes(32).toString('base64'),
  };
  print(`Starting a Jamf Pro simulator with ${options.computers} computers and ${options.mobiles} mobile devices...`);
  const sim = await startSimulator({ computers: options.computers, mobiles: options.mobiles, seed: 2026 });
  for (const id of ['1', '2', '3']) sim.store.setFileVaultKey(id, demoRecoveryKey());
  let serve: ChildProcess | undefined;
  try {
    print(`Jamf Pro simulator: ${sim.url}`);
    print(`Starting the service (jamf-sync serve) on an embedded database in ${dataDir}...`);
    const started = await startServe(dataDir, sim, secrets);
    serve = started.child;
    const api = new DemoApi(started.url, secrets.apiToken);
    print(`Service: ${started.url} (logs: ${started.logFile})`);
    print('');

    print('1. First full sync (the service runs one at start for a newly connected Jamf)...');
    const first = await api.waitFor(
      'the first sync',
      () => api.get<{ runs: RunSummary[] }>('/api/v1/organizations/default/runs'),
      (r) => r.runs.some((run) => run.mode === 'full' && run.status !== 'running'),
    );
    const firstRun = first.runs.find((run) => run.mode === 'full')!;
    const firstReport = await api.get<RunReportBody>(`/api/v1/runs/${firstRun.id}`);
    printRun(firstReport);

    print('');
    print('2. Changing devices in Jamf and sending the webhooks Jamf would send...');
    const webhooks = await changeDevicesAndSendWebhooks(sim, `${started.url}/webhooks/jamf/default`, secrets);
    for (const w of webhooks) print(`   ${w.event} for ${w.what} (${w.format.toUpperCase()}): answered ${w.status}`);
    const webhookRuns = await api.waitFor(
      'the webhook updates',
      () => api.get<{ runs: RunSummary[] }>('/api/v1/organizations/default/runs'),
      (r) => {
        const done = r.runs.filter((run) => run.trigger === 'webhook' && run.status !== 'running');
        return done.reduce((n, run) => n + run.counts.fetched, 0) >= webhooks.length;
      },
    );
    print('');
    print('3. What the webhooks changed (each device re-fetched from Jamf and run through the same rules):');
    for (const run of webhookRuns.runs.filter((r) => r.trigger === 'webhook').reverse()) {
      const report = await api.get<RunReportBody>(`/api/v1/runs/${run.id}`);
      for (const c of report.changes) {
        print(c.field === '(created)' ? `   ${c.serialNumber}: new asset created` : `   ${c.serialNumber}: ${c.field} ${fmt(c.old)} → ${fmt(c.new)}`);
      }
    }

    print('');
    print(`Dashboard: ${started.url}/ (sign in with the API token: ${secrets.apiToken})`);
    print('');
    print('Look around (the API needs the token):');
    const auth = `-H "Authorization: Bearer ${secrets.apiToken}"`;
    print(`   curl ${started.url}/readyz`);
    print(`   curl ${auth} ${started.url}/api/v1/organizations/default`);
    print(`   curl ${auth} ${started.url}/api/v1/organizations/default/runs`);
    print(`   curl ${auth} ${started.url}/api/v1/runs/${firstRun.id}`);
    print(`   curl ${auth} "${started.url}/api/v1/organizations/default/assets?limit=5"`);
    print(`   echo '${JSON.stringify({ hardware: { model: 'MacBook Air (M2, 2022)', modelIdentifier: 'Mac14,2' } })}' | npx jamf-sync explain --kind computer`);
    if (options.exit) return;
    print('');
    print('The service and the simulator keep running; press Ctrl-C to stop. Every 30 s a computer');
    print("changes in the simulator and its webhook is sent: watch it arrive on the dashboard's Runs page.");
    const stopWebhooks = sendLiveWebhooks(sim, {
      url: `${started.url}/webhooks/jamf/default`,
      auth: { basic: { username: secrets.webhookUser, password: secrets.webhookPassword } },
      everyMs: 30_000,
      report: print,
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    stopWebhooks();
  } finally {
    await stopServe(serve);
    await sim.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startServe(dataDir: string, sim: RunningSimulator, secrets: Record<string, string>) {
  const logFile = path.join(dataDir, 'serve.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [ENTRY, 'serve'], {
    env: {
      ...process.env,
      CONFIG_FILE: '',
      DATA_DIR: path.join(dataDir, 'db'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: 'sim-client',
      JAMF_CLIENT_SECRET: 'sim-secret',
      JAMF_WEBHOOK_USERNAME: secrets.webhookUser,
      JAMF_WEBHOOK_PASSWORD: secrets.webhookPassword,
      API_TOKEN: secrets.apiToken,
      ENCRYPTION_KEY: secrets.encryptionKey,
      JAMF_FETCH_FILEVAULT_KEYS: 'true',
      JAMF_SYNC_ON_START: 'true',
    },
    stdio: ['ignore', 'pipe', log],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(logFile, chunk);
      out += String(chunk);
      const match = /^listening on (http:\/\/\S+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`jamf-sync serve exited with ${code}; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`)));
  });
  return { child, url, logFile };
}

async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function changeDevicesAndSendWebhooks(sim: RunningSimulator, url: string, secrets: Record<string, string>) {
  const auth = { basic: { username: secrets.webhookUser, password: secrets.webhookPassword } };
  const managed = (kind: 'computers' | 'mobileDevices') =>
    sim.store
      .list(kind)
      .filter((r) => getPath(r, kind === 'computers' ? 'general.remoteManagement.managed' : 'general.managed') && getPath(r, 'hardware.serialNumber'));
  const [upgraded, updatedOs] = managed('computers');
  const phone = managed('mobileDevices')[0];
  sim.store.patch('computers', String(upgraded.id), { hardware: { totalRamMegabytes: 65536 } });
  sim.store.patch('computers', String(updatedOs.id), { operatingSystem: { version: '26.1', build: '25B78' } });
  sim.store.patch('mobileDevices', String(phone.mobileDeviceId), { general: { osVersion: '26.1', osBuild: '23B85' } });
  const { id: _ignored, ...template } = structuredClone(upgraded);
  const added = sim.store.add('computers', {
    ...template,
    udid: `DEMO-${randomBytes(4).toString('hex')}`,
    hardware: { ...(template.hardware as object), serialNumber: `DEMO${randomBytes(4).toString('hex').toUpperCase()}` },
    userAndLocation: { ...(template.userAndLocation as object), username: 'new.hire', realname: 'Hire, New', email: 'new.hire@example.com' },
  } as never);
  const sends = [
    { event: 'ComputerInventoryCompleted', deviceId: String(upgraded.id), format: 'xml' as const, what: `computer ${upgraded.id} (memory upgraded)` },
    { event: 'ComputerInventoryCompleted', deviceId: String(updatedOs.id), format: 'json' as const, what: `computer ${updatedOs.id} (macOS updated)` },
    { event: 'MobileDeviceInventoryCompleted', deviceId: String(phone.mobileDeviceId), format: 'json' as const, what: `mobile device ${phone.mobileDeviceId} (OS updated)` },
    { event: 'ComputerAdded', deviceId: String(added.id), format: 'xml' as const, what: `new computer ${added.id}` },
  ];
  const results = [];
  for (const s of sends) {
    const delivery = await sim.sendWebhook({ url, event: s.event, deviceId: s.deviceId, format: s.format, auth });
    results.push({ ...s, status: delivery.status });
  }
  return results;
}

function printRun(report: RunReportBody): void {
  const c = report.counts;
  const skipped = Object.entries(c.skipped).map(([reason, n]) => `${n} ${reason}`).join(', ');
  print(`   run ${report.id}: ${report.status}`);
  print(`   ${c.fetched} devices read from Jamf: ${c.created} assets created, ${c.updated} updated, ${c.unchanged} unchanged${skipped ? `, skipped: ${skipped}` : ''}`);
  print(`   employees: ${c.employeesCreated} created, ${c.employeesLinked} assets linked to an employee; FileVault keys stored (encrypted): ${c.recoveryKeysStored ?? 0}`);
  const byCode = new Map<string, RunReportBody['warnings']>();
  for (const w of report.warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  for (const [code, list] of byCode) print(`   warning ${code} x${list.length}, e.g. ${list[0].serialNumber ?? ''}: ${list[0].message}`);
}

function fmt(value: unknown): string {
  return value === null || value === undefined ? '(none)' : JSON.stringify(value);
}

function demoRecoveryKey(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => alphabet[randomBytes(1)[0] % alphabet.length]).join('')).join('-');
}
