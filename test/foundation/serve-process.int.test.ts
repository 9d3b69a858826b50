import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/cli-process';

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
});
