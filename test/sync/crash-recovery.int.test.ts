import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { runCli } from '../support/cli-process';

/**
 * Kill -9 a real `jamf-sync sync` process mid-run, run it again, and compare with one clean run:
 * same assets, employees and changes, and the killed run marked interrupted.
 */
describe(`crash safety (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  const dirs: string[] = [];
  const handles: Array<DatabaseHandle | TestDatabase> = [];
  beforeAll(async () => {
    sim = await startSimulator({ computers: 150, mobiles: 150, seed: 7 });
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
    await sim.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A database the CLI process can open: a PGlite folder, or a fresh PostgreSQL database. */
  async function cliDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<DatabaseHandle> }> {
    if (process.env.TEST_DATABASE_URL) {
      const db = await openTestDatabase();
      handles.push(db);
      return { env: { DATABASE_URL: db.url! }, open: async () => db };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-crash-'));
    dirs.push(dir);
    return {
      env: { DATA_DIR: dir },
      open: async () => {
        const h = await openDatabase({ dataDir: dir });
        handles.push(h);
        return h;
      },
    };
  }

  const jamfEnv = () => ({
    JAMF_URL: sim.url,
    JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
    JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
    JAMF_PAGE_SIZE: '20',
    LOG_LEVEL: 'warn',
  });

  async function state(db: DatabaseHandle) {
    const assets = await selectRows(db.db, sql`select serial_number, asset_type, status, model, memory_mb, storage_mb, operating_system, jamf_id,
        jamf_presence, (select ee.email from employee_emails ee where ee.employee_id = a.assignee_employee_id) as assignee
      from assets a order by serial_number`);
    const employees = await selectRows(db.db, sql`select e.first_name, e.last_name, ee.email from employees e join employee_emails ee on ee.employee_id = e.id order by ee.email`);
    const changes = await selectRows(db.db, sql`select a.serial_number, c.field, c.old_value, c.new_value from asset_changes c join assets a on a.id = c.asset_id
      order by a.serial_number, c.field, c.new_value::text`);
    return { assets, employees, changes };
  }

  it('a run killed mid-way and run again ends in the same state as one clean run; the killed run is marked interrupted', async () => {
    const clean = await cliDatabase();
    const cleanRun = runCli(['sync'], { ...clean.env, ...jamfEnv() });
    expect((await cleanRun.exit).code).toBe(0);

    const crashed = await cliDatabase();
    sim.setFaults({ latencyMs: 150 });
    const killed = runCli(['sync'], { ...crashed.env, ...jamfEnv() });
    // Progress is printed after each committed batch: the computers are in, the mobile devices not yet.
    await killed.waitFor(/computers: page \d+,/);
    killed.child.kill('SIGKILL');
    expect((await killed.exit).signal).toBe('SIGKILL');
    sim.setFaults({ latencyMs: 0 });

    const rerun = runCli(['sync', '--json'], { ...crashed.env, ...jamfEnv() });
    const { code } = await rerun.exit;
    if (code !== 0) throw new Error(`the second run failed:\n${rerun.stderr()}`);
    expect(JSON.parse(rerun.stdout())).toMatchObject({ status: 'succeeded' });

    const [expected, actual] = [await state(await clean.open()), await state(await crashed.open())];
    expect(actual.assets.length).toBeGreaterThan(200);
    expect(actual).toEqual(expected);
    const runs = await selectRows<{ status: string; failure_reason: string | null }>(
      (handles[handles.length - 1] as DatabaseHandle).db,
      sql`select status, failure_reason from sync_runs order by started_at`,
    );
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
    expect(runs[0].failure_reason).toMatch(/stopped before it finished/);
  }, 240_000);
});
