import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { until } from '../support/until';
import { selectRows } from '../../src/db/query';
import { addConnection } from '../../src/cli/connections/add-connection';
import { updateConnection } from '../../src/cli/connections/update-connection';
import { listConnectionsData, listConnectionsText } from '../../src/cli/connections/list-connections';
import type { RawConnectionOptions } from '../../src/cli/connections/connection-options';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { NightlyScheduler, type ScheduledRunKind } from '../../src/scheduler/nightly-scheduler';
import { spreadOffsetMs } from '../../src/scheduler/sync-queue';
import { captureLogs } from '../support/log-capture';
import { KEY_A, boxOf, failure, noSecrets } from '../admin/admin-support';

const base: RawConnectionOptions = { org: 'acme', url: 'https://acme.jamfcloud.com', clientId: 'client-1', clientSecret: 'jamf-client-secret-9f3c', eaMap: [], verify: false };

describe(`a connection's own spread of scheduled starts (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const storedSpread = async () => (await selectRows<{ spread_minutes: number | null }>(db.db, sql`select spread_minutes from jamf_connections`))[0]?.spread_minutes;

  it('connections add|update --spread-minutes stores it, "default" clears it, and list shows it', async () => {
    const deps = { db: db.db, box: boxOf(KEY_A) };
    await ensureOrganization(db.db, 'acme');
    await addConnection(deps, { ...base, spreadMinutes: '45' }, noSecrets());
    expect(await storedSpread()).toBe(45);
    expect((await listConnectionsData(db.db))[0].schedule).toEqual({ cron: '0 2 * * *', timeZone: 'UTC', spreadMinutes: 45 });
    expect(await listConnectionsText(db.db)).toContain('0 2 * * * UTC +45m');

    await updateConnection(deps, { org: 'acme', spreadMinutes: '0', verify: false }, noSecrets());
    expect(await storedSpread()).toBe(0);
    await updateConnection(deps, { org: 'acme', spreadMinutes: 'default', verify: false }, noSecrets());
    expect(await storedSpread()).toBeNull();
    expect((await listConnectionsData(db.db))[0].schedule.spreadMinutes).toBeNull();
    expect(await listConnectionsText(db.db)).not.toContain('+');
  });

  it.each(['1441', '-5', 'ten', '2.5', ''])('refuses --spread-minutes %j, naming the flag, and changes nothing', async (value) => {
    const deps = { db: db.db, box: boxOf(KEY_A) };
    await ensureOrganization(db.db, 'acme');
    await addConnection(deps, { ...base, spreadMinutes: '20' }, noSecrets());
    const err = await failure(updateConnection(deps, { org: 'acme', spreadMinutes: value, verify: false }, noSecrets()));
    expect(err.problems).toEqual([expect.stringMatching(/^--spread-minutes: must be a whole number from 0 to 1440/)]);
    expect(await storedSpread()).toBe(20);
  });

  it("the scheduler spreads a connection's windows over its own minutes, and follows a change of them", async () => {
    const deps = { db: db.db, box: boxOf(KEY_A) };
    await ensureOrganization(db.db, 'acme');
    // A schedule firing every second, so the test need not wait for a minute boundary.
    await addConnection(deps, { ...base, cron: '* * * * * *', spreadMinutes: '1440' }, noSecrets());
    // An id whose offset within 1440 minutes is over an hour: its window cannot fall due during the test.
    const id = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).find((c) => spreadOffsetMs(c, 1440) > 3600_000)!;
    await db.db.execute(sql`update jamf_connections set id = ${id}`);

    const ran: Array<{ slug: string; kind?: ScheduledRunKind }> = [];
    const scheduler = new NightlyScheduler({
      db: db.db,
      logger: captureLogs().logger,
      maxConcurrent: 2,
      spreadMinutes: 0,
      runScheduledSync: async (slug, _window, kind) => {
        ran.push({ slug, kind });
        return null;
      },
    });
    try {
      await scheduler.start();
      expect(scheduler.schedules()).toEqual([expect.objectContaining({ organization: 'acme', spreadMinutes: 1440 })]);
      // The service spreads nothing, the connection over a day: its window waits for its offset.
      await until(() => scheduler.load().notYetDue > 0, 'a cron window to wait for its spread offset');
      expect(ran).toEqual([]);

      // Back to the service's spread (0): the next window starts at once.
      await updateConnection(deps, { org: 'acme', spreadMinutes: 'default', verify: false }, noSecrets());
      await scheduler.refresh();
      expect(scheduler.schedules()).toEqual([expect.objectContaining({ organization: 'acme', spreadMinutes: 0 })]);
      await until(() => ran.length > 0, 'a window to start without a spread');
      expect(ran[0].slug).toBe('acme');
      expect(Date.parse(ran[0].kind!.dueAt!) % 60_000).toBe(0);
    } finally {
      await scheduler.stop(5000);
    }
  });
});
