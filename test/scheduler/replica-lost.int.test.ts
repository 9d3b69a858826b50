import { sql } from 'drizzle-orm';
import { openProcessDatabase, type ProcessDatabase } from '../support/process-database';
import { runCli, type CliRun } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { until } from '../support/until';
import { KEY_A, boxOf } from '../admin/admin-support';
import { startTenantSimulator, type RunningTenantSimulator } from '../../src/simulator/start-tenant-simulator';
import { saveConnection } from '../../src/connections/connection-store';
import { selectRows } from '../../src/db/query';

const ORGANIZATIONS = 6;
const BOUND = 2;

interface RunRow {
  id: string;
  slug: string;
  status: string;
  owner: string;
  error_code: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}

/** Most runs one owner had going at the same moment (an interrupted run ends when it was marked). */
function maxOverlap(runs: RunRow[]): number {
  const edges = runs.flatMap((r) => [
    { at: new Date(r.started_at).getTime(), step: 1 },
    { at: new Date(r.finished_at ?? Date.now()).getTime(), step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (now += e.step));
  return max;
}

/**
 * Several `serve` replicas share one PostgreSQL database and one window of full syncs (the first
 * syncs every replica fires at start: queued, bounded and leased exactly as a nightly window). One
 * replica is SIGKILLed while it holds leases mid-run. Only on PostgreSQL: the embedded database
 * belongs to one process, so replicas cannot share it.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('a replica lost mid-window (postgres; skipped on PGlite: replicas cannot share the embedded database)', () => {
  let sim: RunningTenantSimulator;
  let database: ProcessDatabase;
  const replicas: CliRun[] = [];

  beforeAll(async () => {
    // Slow enough that every run is still going when the replica is killed (each run is many pages).
    sim = await startTenantSimulator({
      tenants: Array.from({ length: ORGANIZATIONS }, (_, i) => ({
        name: `org-${i + 1}`,
        computers: 60,
        mobiles: 30,
        seed: i + 1,
        clientId: `client-${i + 1}`,
        clientSecret: `secret-${i + 1}`,
        faults: { latencyMs: 250 },
      })),
    });
    database = await openProcessDatabase();
    await database.use(async (db) => {
      for (const [name, tenant] of sim.tenants) {
        const n = name.slice('org-'.length);
        await saveConnection(db.db, boxOf(KEY_A), { slug: name }, { baseUrl: tenant.url, auth: { kind: 'client', clientId: `client-${n}`, clientSecret: `secret-${n}` }, pageSize: 10 });
      }
    });
  });
  afterAll(async () => {
    for (const r of replicas) await r.kill();
    await sim?.close();
  });

  const runs = () =>
    database.use((db) =>
      selectRows<RunRow>(
        db.db,
        sql`select r.id, o.slug, r.status, r.owner, r.error_code, r.started_at, r.finished_at from sync_runs r join organizations o on o.id = r.organization_id
            where r.mode = 'full' order by r.started_at`,
      ),
    );

  it("its leases expire and the other replicas complete its syncs in the same window; its runs are marked interrupted", async () => {
    for (let i = 0; i < 3; i++) {
      replicas.push(
        runCli(['serve'], {
          ...database.env,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          ENCRYPTION_KEY: KEY_A,
          SYNC_MAX_CONCURRENT: String(BOUND),
          JAMF_SYNC_RETRY_MIN_SECONDS: '1',
        }),
      );
    }
    // Watched from the start: each replica starts its first runs as it comes up.
    // (The lost replica may never get to say it listens: its wait's failure is not the test's.)
    const listening = replicas.map((r) => r.waitFor(/^listening on http:\/\/127\.0\.0\.1:\d+$/).then(() => true, () => false));

    // The replica to lose: one holding a run that started under 2 seconds ago (each run takes
    // several seconds of simulated latency, so it is still going when the replica is killed).
    const justStarted = () =>
      database.use((db) => selectRows<{ owner: string }>(db.db, sql`select owner from sync_runs where status = 'running' and now() - started_at < interval '2 seconds' limit 1`));
    const victimOwner = (await until(async () => (await justStarted())[0]?.owner, 'a replica to start a run')).split(':').slice(0, 2).join(':');
    const victim = replicas.find((r) => victimOwner.endsWith(`:${r.child.pid}`))!;
    expect(victim).toBeDefined();
    await victim.kill();
    // The others came up and stay up.
    expect(await Promise.all(listening.filter((_, i) => replicas[i] !== victim))).toEqual([true, true]);
    const cutShort = (await runs()).filter((r) => r.owner === victimOwner && r.status === 'running');
    expect(cutShort.length).toBeGreaterThan(0);

    // Every organization gets a successful run, its lost ones included, without waiting for another window.
    // A generous wait (a lost run is retried within seconds here): on a slow machine only a run that never comes fails it.
    await until(async () => new Set((await runs()).filter((r) => r.status === 'succeeded').map((r) => r.slug)).size === ORGANIZATIONS, 'every organization to succeed', {
      timeoutMs: 240_000,
    }).catch(async (err: Error) => {
      const table = (await runs()).map((r) => `${r.slug} ${r.status} ${r.error_code ?? ''} ${r.owner} ${new Date(r.started_at).toISOString()}`).join('\n');
      throw new Error(`${err.message}; runs:\n${table}\nreplica stderr:\n${replicas.map((r) => r.stderr().slice(-2000)).join('\n---\n')}`);
    });
    const after = await runs();
    for (const lost of cutShort) {
      expect(after.find((r) => r.id === lost.id)).toMatchObject({ status: 'interrupted', error_code: 'run_interrupted' });
      const redone = after.filter((r) => r.slug === lost.slug && r.status === 'succeeded');
      expect(redone).toHaveLength(1);
      expect(redone[0].owner).not.toBe(victimOwner);
      expect(new Date(redone[0].started_at).getTime()).toBeGreaterThanOrEqual(new Date(lost.started_at).getTime());
    }
    // One success per organization, and no replica ever above its bound.
    expect(after.filter((r) => r.status === 'succeeded')).toHaveLength(ORGANIZATIONS);
    expect(after.filter((r) => r.status === 'running')).toEqual([]);
    const owners = new Set(after.map((r) => r.owner));
    for (const owner of owners) expect(maxOverlap(after.filter((r) => r.owner === owner))).toBeLessThanOrEqual(BOUND);

    for (const r of replicas.filter((x) => x !== victim)) expect((await r.stop('SIGTERM')).code).toBe(0);
  }, timeoutForChildWaits(4));
});
