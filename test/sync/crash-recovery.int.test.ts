import { sql } from 'drizzle-orm';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import type { DatabaseHandle } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';

/**
 * Kill -9 a real `jamf-sync sync` process mid-run, run it again, and compare with one clean run:
 * same assets, employees and changes, and the killed run marked interrupted.
 */
describe(`crash safety (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ computers: 150, mobiles: 150, seed: 7 });
  });
  afterAll(async () => {
    await sim.close();
  });

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
    const clean = await openProcessDatabase();
    const cleanRun = runCli(['sync'], { ...clean.env, ...jamfEnv() });
    expect((await cleanRun.waitForExit()).code).toBe(0);

    const crashed = await openProcessDatabase();
    sim.setFaults({ latencyMs: 150 });
    const killed = runCli(['sync'], { ...crashed.env, ...jamfEnv() });
    // Progress is printed after each committed batch: the computers are in, the mobile devices not yet.
    await killed.waitFor(/computers: page \d+,/);
    expect((await killed.stop('SIGKILL')).signal).toBe('SIGKILL');
    sim.setFaults({ latencyMs: 0 });

    const rerun = runCli(['sync', '--json'], { ...crashed.env, ...jamfEnv() });
    const { code } = await rerun.waitForExit();
    if (code !== 0) throw new Error(`the second run failed:\n${rerun.stderr()}`);
    expect(JSON.parse(rerun.stdout())).toMatchObject({ status: 'succeeded' });

    const [expected, actual] = [await clean.use(state), await crashed.use(state)];
    expect(actual.assets.length).toBeGreaterThan(200);
    expect(actual).toEqual(expected);
    const runs = await crashed.use((db) => selectRows<{ status: string; failure_reason: string | null }>(db.db, sql`select status, failure_reason from sync_runs order by started_at`));
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
    expect(runs[0].failure_reason).toMatch(/stopped before it finished/);
  }, timeoutForChildWaits(4));
});
