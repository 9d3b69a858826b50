import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/cli-process';
import { openDatabase } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { startSimulator, DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';

/** `jamf-sync serve` as a process: it says where it listens, answers health checks, and SIGTERM drains to exit 0. */
describe('serve process lifecycle', () => {
  it('prints its URL, is ready on a migrated database, and exits 0 on SIGTERM', async () => {
    const pg: TestDatabase | undefined = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-serve-'));
    try {
      const serve = runCli(['serve'], { ...(pg ? { DATABASE_URL: pg.url! } : { DATA_DIR: dataDir }), PORT: '0', HOST: '127.0.0.1' });
      const line = await serve.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.replace('listening on ', '');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: { ok: true, pendingMigrations: [] } });
      serve.child.kill('SIGTERM');
      expect(await serve.exit).toEqual({ code: 0, signal: null });
      expect(serve.stdout()).toContain('shut down cleanly');
    } finally {
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits on SIGTERM even while a sync waits on Jamf, marking that run interrupted', async () => {
    const pg: TestDatabase | undefined = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-serve-'));
    // Jamf answers a page of devices after 10 minutes (its version and tokens at once): far past
    // this test's time, so only an exit that does not wait for the run passes.
    const sim = await startSimulator({ computers: 5, mobiles: 0, seed: 3, faults: { latencyPerRecordMs: 120_000 } });
    const token = 'serve-process-test-api-token';
    try {
      const serve = runCli(['serve'], {
        ...(pg ? { DATABASE_URL: pg.url! } : { DATA_DIR: dataDir }),
        PORT: '0',
        HOST: '127.0.0.1',
        JAMF_URL: sim.url,
        JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
        JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
        JAMF_SYNC_ON_START: 'false',
        API_TOKEN: token,
        SHUTDOWN_TIMEOUT_MS: '200',
      });
      const url = (await serve.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/)).replace('listening on ', '');
      const started = await fetch(`${url}/api/v1/organizations/default/syncs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(started.status).toBe(202);
      const { runId } = (await started.json()) as { runId: string };
      serve.child.kill('SIGTERM');
      expect(await serve.exit).toEqual({ code: 0, signal: null });
      expect(serve.stdout()).toContain('runs still going at shutdown were marked interrupted');

      const reader = pg ?? (await openDatabase({ dataDir }));
      try {
        const [run] = await selectRows<{ status: string }>(reader.db, sql`select status from sync_runs where id = ${runId}`);
        expect(run.status).toBe('interrupted');
      } finally {
        if (!pg) await reader.close();
      }
    } finally {
      await sim.close();
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
