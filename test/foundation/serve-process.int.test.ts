import { sql } from 'drizzle-orm';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { selectRows } from '../../src/db/query';
import { startSimulator, DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';

/** `jamf-sync serve` as a process: it says where it listens, answers health checks, and SIGTERM drains to exit 0. */
describe('serve process lifecycle', () => {
  it('prints its URL, is ready on a migrated database, and exits 0 on SIGTERM', async () => {
    const database = await openProcessDatabase();
    const token = 'serve-process-api-token-0123456789';
    const serve = runCli(['serve'], { ...database.env, PORT: '0', HOST: '127.0.0.1', API_TOKEN: token });
    const line = await serve.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('listening on ', '');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The details (database, migrations) only to the API token's holder; the status to anyone.
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const ready = await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${token}` } });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { ok: true, pendingMigrations: [] } });
    expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const logs = logLines(serve.stdout());
    expect(logs.filter((l) => l.msg === 'shutdown phase ended').map((l) => [l.phase, l.finished])).toEqual([
      ['http requests', true],
      ['background work', true],
      ['interrupted runs', true],
      ['database', true],
    ]);
    expect(logs.map((l) => l.msg)).toContain('shut down cleanly');
  }, timeoutForChildWaits(2));

  it('exits on SIGTERM at SHUTDOWN_TIMEOUT_MS while a sync waits on Jamf, says what it cut short, and marks that run interrupted', async () => {
    const database = await openProcessDatabase();
    // Jamf answers a page of devices after 10 minutes (its version and tokens at once): far past
    // this test's time, so only an exit that does not wait for the run passes.
    const sim = await startSimulator({ computers: 5, mobiles: 0, seed: 3, faults: { latencyPerRecordMs: 120_000 } });
    const token = 'serve-process-test-api-token';
    try {
      const serve = runCli(['serve'], {
        ...database.env,
        PORT: '0',
        HOST: '127.0.0.1',
        JAMF_URL: sim.url,
        JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
        JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
        JAMF_SYNC_ON_START: 'false',
        API_TOKEN: token,
        // The default: the run is cut short at the deadline whatever the budget, and this one
        // leaves the last phases (marking the run) time enough on a loaded machine.
        SHUTDOWN_TIMEOUT_MS: '8000',
      });
      const url = (await serve.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/)).replace('listening on ', '');
      const started = await fetch(`${url}/api/v1/organizations/default/syncs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(started.status).toBe(202);
      const { runId } = (await started.json()) as { runId: string };
      expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      const logs = logLines(serve.stdout());
      expect(logs.map((l) => l.msg)).toContain('runs still going at shutdown were marked interrupted');
      // Each phase in turn, the background work given up at the deadline with the API's sync in it.
      expect(logs.filter((l) => l.msg === 'shutdown phase ended').map((l) => [l.phase, l.finished])).toEqual([
        ['http requests', true],
        ['background work', false],
        ['interrupted runs', true],
        ['database', true],
      ]);
      const gaveUp = logs.find((l) => l.msg === 'shutdown reached SHUTDOWN_TIMEOUT_MS: what was still going was left behind');
      expect(gaveUp).toMatchObject({ timeoutMs: 8000, cutShort: ['background work'], unfinished: ['API sync'] });
      expect(logs.map((l) => l.msg)).not.toContain('shut down cleanly');

      const [run] = await database.use((db) => selectRows<{ status: string }>(db.db, sql`select status from sync_runs where id = ${runId}`));
      expect(run.status).toBe('interrupted');
    } finally {
      await sim.close();
    }
  }, timeoutForChildWaits(2));
});

/** The service's JSON log lines (pino, on stdout), other output left out. */
function logLines(stdout: string): Array<Record<string, unknown> & { msg?: string }> {
  return stdout.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown> & { msg?: string }];
    } catch {
      return [];
    }
  });
}
