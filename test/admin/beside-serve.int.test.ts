import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { selectRows } from '../../src/db/query';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import type { WebhookDelivery } from '../../src/simulator/send-webhook';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase, type ProcessDatabase } from '../support/process-database';
import { runCli, type CliRun } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { KEY_A, KEY_B } from './admin-support';

const WEBHOOK_USER = { username: 'jamf', password: 'beside-serve-webhook-password' };
const ADMIN_COMMANDS = 16;

/**
 * Every admin command run from a second process while `serve` runs on the same database, as an
 * admin would with `docker exec`: on the embedded database the commands reach serve's PGlite
 * through its socket (the files are opened by serve only), and webhooks sent all along are each
 * acknowledged and stored.
 */
describe(`admin commands beside a running serve (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let database: ProcessDatabase;
  let serve: CliRun;
  let serviceUrl: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-beside-serve-'));

  beforeAll(async () => {
    sim = await startSimulator({ computers: 30, mobiles: 10, seed: 11 });
    database = await openProcessDatabase();
    serve = runCli(['serve'], {
      ...database.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ENCRYPTION_KEY: KEY_A,
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      JAMF_SYNC_ON_START: 'false',
      JAMF_WEBHOOK_USERNAME: WEBHOOK_USER.username,
      JAMF_WEBHOOK_PASSWORD: WEBHOOK_USER.password,
    });
    serviceUrl = (await serve.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/)).replace('listening on ', '');
  }, timeoutForChildWaits(1));
  afterAll(async () => {
    await serve?.kill();
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string> = {}, input?: string) {
    const run = runCli(args, { ...database.env, LOG_LEVEL: 'warn', ENCRYPTION_KEY: KEY_A, ...env }, input);
    const { code } = await run.waitForExit();
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  /** Sends webhooks one after another until stopped, each about another device. */
  function sendWebhooksThroughout() {
    const deliveries: WebhookDelivery[] = [];
    let stopped = false;
    const done = (async () => {
      // A refused or failed delivery ends the loop: it is reported below, and serve may be gone.
      for (let i = 0; !stopped && deliveries.every((d) => d.status >= 200 && d.status < 300); i++) {
        deliveries.push(
          await sim.sendWebhook({
            url: `${serviceUrl}/webhooks/jamf/default`,
            event: 'ComputerCheckIn',
            deviceId: String((i % 30) + 1),
            format: 'json',
            auth: { basic: WEBHOOK_USER },
            // Whether the answer is a 2xx is the question here, not how fast it came on a loaded machine.
            timeoutMs: 120_000,
          }),
        );
      }
    })();
    return {
      deliveries,
      stop: async () => {
        stopped = true;
        await done;
        return deliveries;
      },
    };
  }

  it('connections, import, export, keys rotate, sync and webhooks dead|retry all work while webhooks keep being acknowledged', async () => {
    const webhooks = sendWebhooksThroughout();
    const employees = path.join(dir, 'employees.csv');
    fs.writeFileSync(employees, 'firstName,lastName,emails\nAnn,Lee,ann@acme.example\n');
    const assets = path.join(dir, 'assets.json');
    fs.writeFileSync(assets, JSON.stringify([{ serialNumber: 'IMPORTED-1', assetType: 'laptop', status: 'allocated', assigneeEmail: 'ann@acme.example' }]));

    expect(await cli(['organizations', 'create', 'acme'])).toMatchObject({ code: 0, stderr: '' });
    const added = await cli(
      ['connections', 'add', '--org', 'acme', '--url', sim.url, '--client-id', DEFAULT_CREDENTIALS.clientId, '--secret-stdin'],
      {},
      `${DEFAULT_CREDENTIALS.clientSecret}\n`,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(await cli(['connections', 'update', '--org', 'acme', '--cron', '15 3 * * *'])).toMatchObject({ code: 0, stderr: '' });
    const listed = await cli(['connections', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((c: { organization: string }) => c.organization).sort()).toEqual(['acme', 'default']);

    expect(await cli(['import', 'employees', employees, '--org', 'acme'])).toMatchObject({ code: 0, stderr: '' });
    const imported = await cli(['import', 'assets', assets, '--org', 'acme']);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/1 created/);

    const synced = await cli(['sync', '--org', 'acme']);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/succeeded/);

    const exported = await cli(['export', 'assets', '--org', 'acme', '--format', 'json']);
    expect(exported.code).toBe(0);
    const serials = (JSON.parse(exported.stdout) as Array<{ serialNumber: string }>).map((a) => a.serialNumber);
    expect(serials).toContain('IMPORTED-1');
    expect(serials.length).toBeGreaterThan(30); // the imported asset and the fleet the sync created
    const runs = await cli(['export', 'runs', '--org', 'acme', '--format', 'json']);
    expect(JSON.parse(runs.stdout)).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'manual' })]);
    expect((await cli(['export', 'employees', '--org', 'acme'])).code).toBe(0);
    expect((await cli(['export', 'changes', '--org', 'acme'])).code).toBe(0);

    const rotated = await cli(['keys', 'rotate'], { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: KEY_A });
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    expect(rotated.stdout).toMatch(/Jamf connection secrets\s+1 \(already under it: 0\)/);

    expect(await cli(['webhooks', 'dead'])).toMatchObject({ code: 0, stdout: 'No dead webhooks.\n' });
    expect(await cli(['webhooks', 'retry', '--all-dead'])).toMatchObject({ code: 0, stdout: 'No dead webhooks to retry.\n' });

    expect(await cli(['connections', 'remove', '--org', 'acme'], { ENCRYPTION_KEY: KEY_B })).toMatchObject({ code: 0, stderr: '' });
    const after = await cli(['connections', 'list', '--json'], { ENCRYPTION_KEY: KEY_B });
    expect(JSON.parse(after.stdout).map((c: { organization: string }) => c.organization)).toEqual(['default']);

    const deliveries = await webhooks.stop();
    // Webhooks went on during every one of the commands above.
    expect(deliveries.length).toBeGreaterThanOrEqual(ADMIN_COMMANDS);
    const refused = deliveries.filter((d) => d.status < 200 || d.status >= 300);
    expect(refused.map((d) => ({ status: d.status, error: d.error, body: d.body }))).toEqual([]);
    const ids = deliveries.map((d) => (d.body as { id: number }).id);
    // Read through the running serve too (the test is one more process beside it).
    const stored = await database.use((db) =>
      selectRows<{ id: number }>(db.db, sql`select id from webhook_inbox where id = any(${`{${ids.join(',')}}`}::bigint[])`),
    );
    expect(new Set(stored.map((r) => Number(r.id)))).toEqual(new Set(ids));

    // serve itself was never disturbed, and stops cleanly, taking its socket with it.
    expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(serve.stdout()).not.toMatch(/"level":(50|60)/);
    if (database.dataDir) {
      expect(fs.existsSync(path.join(database.dataDir, 'admin-socket', '.s.PGSQL.5432'))).toBe(false);
      expect(fs.existsSync(path.join(database.dataDir, 'jamf-sync.lock'))).toBe(false);
    }
  }, timeoutForChildWaits(ADMIN_COMMANDS + 2));
});
