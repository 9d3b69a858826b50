/**
 * The scope options of `connections add|update`: checked locally (syntax), then against Jamf (here
 * the simulator over HTTP) with a one-item page; a filter Jamf refuses is not saved and Jamf's
 * error is shown. The scope is listed, and `update --preview` dry-runs a change without saving it.
 */
import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { selectRows } from '../../src/db/query';
import { defaultConfig } from '../../src/config';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { addConnection } from '../../src/cli/connections/add-connection';
import { updateConnection } from '../../src/cli/connections/update-connection';
import { listConnectionsData, listConnectionsText } from '../../src/cli/connections/list-connections';
import type { RawConnectionOptions } from '../../src/cli/connections/connection-options';
import { ConnectionCheckFailedError, jamfConnectionVerifier } from '../../src/connections/check-connection';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { InvalidInputError } from '../../src/errors/invalid-input-error';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { formatRunReport } from '../../src/sync/format-run-report';
import type { DeviceScope } from '../../src/scope/device-scope';
import { KEY_A, boxOf, failure, noSecrets } from './admin-support';

describe(`connection scope options (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let simulator: RunningSimulator;
  const logs = captureLogs('warn');
  const box = boxOf(KEY_A);
  const config = defaultConfig();
  const verify = jamfConnectionVerifier({ config, logger: logs.logger });
  const syncDeps = () => ({ db: db.db, config, box, logger: logs.logger });
  const previewScope = async (slug: string, scope: DeviceScope) =>
    formatRunReport((await runConnectionSync(syncDeps(), slug, { trigger: 'manual', dryRun: true, scopeOverride: scope }))!);
  const deps = () => ({ db: db.db, box, verify, previewScope });
  let base: RawConnectionOptions;
  let building: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    simulator = await startSimulator({ computers: 12, mobiles: 5, seed: 5 });
    base = { org: 'acme', url: simulator.url, clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret, eaMap: [] };
    building = simulator.store.buildings[0].name;
  });
  afterAll(async () => {
    await simulator.close();
    await db.close();
  });
  beforeEach(async () => {
    await ensureOrganization(db.db, 'acme');
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const storedScope = async () => (await selectRows<{ s: DeviceScope }>(db.db, sql`select device_scope as s from jamf_connections`))[0]?.s;

  it('add saves a scope Jamf accepts, with the devices it keeps; list shows it (table and JSON)', async () => {
    const out = await addConnection(deps(), { ...base, scopeBuilding: building, scopeManagedOnly: true, scopeMobilesFilter: 'model=="iPad*"' }, noSecrets());
    expect(out).toContain(`scope         managed only; building "${building}"; mobiles where model=="iPad*"`);
    expect(out).toMatch(/in scope: \d+ computers, \d+ mobile devices$/m);
    expect(await storedScope()).toEqual({ building, managedOnly: true, mobilesFilter: 'model=="iPad*"' });

    const [listed] = await listConnectionsData(db.db);
    expect(listed).toMatchObject({ scope: { building, managedOnly: true, mobilesFilter: 'model=="iPad*"' }, scopeDescription: `managed only; building "${building}"; mobiles where model=="iPad*"` });
    expect(JSON.parse(await listConnectionsText(db.db, { json: true }))[0].scope).toEqual({ building, managedOnly: true, mobilesFilter: 'model=="iPad*"' });
    const table = await listConnectionsText(db.db);
    expect(table.split('\n')[0]).toMatch(/POLICY\s+SCOPE\s+ENABLED/);
    expect(table).toContain(`managed only; building "${building}"; mobiles where model=="iPad*"`);

    // One part changes, the others stay; --scope-clear is every device again.
    await updateConnection(deps(), { org: 'acme', scopeKinds: 'computers', eaMap: [] }, noSecrets());
    expect(await storedScope()).toEqual({ building, managedOnly: true, mobilesFilter: 'model=="iPad*"', kinds: ['computers'] });
    expect(await updateConnection(deps(), { org: 'acme', scopeClear: true, eaMap: [] }, noSecrets())).toContain('scope         all devices');
    expect(await storedScope()).toEqual({});
    expect(await listConnectionsText(db.db)).toContain('all devices');
  });

  it("a filter Jamf refuses is not saved, and Jamf's own error is shown", async () => {
    await addConnection(deps(), base, noSecrets());
    const err = await failure(updateConnection(deps(), { org: 'acme', scopeComputersFilter: 'general.colour==red', eaMap: [] }, noSecrets()));
    expect(err).toBeInstanceOf(ConnectionCheckFailedError);
    expect(err.message).toMatch(/Jamf Pro refused the scope's filter for computers \(general\.colour==red\)/);
    expect(err.message).toMatch(/Cannot filter by field \[general\.colour\]/);
    expect(err.message).toMatch(/Nothing was saved/);
    expect(await storedScope()).toEqual({});

    // The mobile endpoint names its fields flat: a computer's dotted field is refused there.
    const mobileErr = await failure(updateConnection(deps(), { org: 'acme', scopeMobilesFilter: 'general.managed==true', eaMap: [] }, noSecrets()));
    expect(mobileErr.message).toMatch(/refused the scope's filter for mobile devices .*Cannot filter by field \[general\.managed\]/);
  });

  it('bad syntax is refused before Jamf is asked; an unknown building by Jamf; --no-verify saves unchecked', async () => {
    await addConnection(deps(), base, noSecrets());
    const requests = simulator.stats().requests;
    const err = await failure(updateConnection(deps(), { org: 'acme', scopeComputersFilter: 'general.name==', scopeSite: 'Paris', eaMap: [] }, noSecrets()));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.problems).toEqual([
      '--scope-site: "Paris" is not a Jamf site id (a whole number such as 3)',
      expect.stringMatching(/^--scope-computers-filter: not a valid RSQL filter: Expected a value at position 14/),
    ]);
    expect(simulator.stats().requests).toBe(requests);

    const unknown = await failure(updateConnection(deps(), { org: 'acme', scopeDepartment: 'No Such Team', eaMap: [] }, noSecrets()));
    expect(unknown).toBeInstanceOf(ConnectionCheckFailedError);
    expect(unknown.message).toMatch(/department "No Such Team", which Jamf Pro does not have/);
    expect(await storedScope()).toEqual({});

    await updateConnection(deps(), { org: 'acme', scopeComputersFilter: 'general.colour==red', verify: false, eaMap: [] }, noSecrets());
    expect(await storedScope()).toEqual({ computersFilter: 'general.colour==red' });
  });

  it('update --preview dry-runs the new scope, lists the assets that would leave it, saves nothing', async () => {
    await addConnection(deps(), base, noSecrets());
    await runConnectionSync(syncDeps(), 'acme', { trigger: 'manual' });
    const assets = await selectRows<{ n: number }>(db.db, sql`select count(*)::int as n from assets where jamf_kind = 'mobile'`);
    const mobiles = Number(assets[0].n);
    expect(mobiles).toBeGreaterThan(0);

    const out = await updateConnection(deps(), { org: 'acme', scopeKinds: 'computers', preview: true, eaMap: [] }, noSecrets());
    expect(out).toContain('Preview of the scope of organization "acme" (nothing was saved):');
    expect(out).toContain('  current scope all devices');
    expect(out).toContain('  new scope     computers only');
    expect(out).toMatch(/in scope: \d+ computers, no mobile devices/);
    expect(out).toContain(`Assets that would leave the scope (kept, not removed) (${mobiles}):`);
    expect(out).toMatch(/removed from Jamf 0/);
    expect(await storedScope()).toEqual({});
    expect(await selectRows(db.db, sql`select serial_number from assets where out_of_scope_at is not null`)).toEqual([]);

    const refused = await failure(updateConnection(deps(), { org: 'acme', preview: true, cron: '0 3 * * *', eaMap: [] }, noSecrets()));
    expect(refused.problems).toEqual([expect.stringMatching(/^--preview: goes with "connections update" and --scope-/)]);
  });
});
