import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { closedPort } from '../jamf/simulator-harness';
import { selectRows } from '../../src/db/query';
import { defaultConfig } from '../../src/config';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { addConnection } from '../../src/cli/connections/add-connection';
import { updateConnection } from '../../src/cli/connections/update-connection';
import type { RawConnectionOptions } from '../../src/cli/connections/connection-options';
import { ConnectionCheckFailedError, jamfConnectionVerifier } from '../../src/connections/check-connection';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { KEY_A, boxOf, failure, noSecrets, rowCounts } from './admin-support';

/**
 * `connections add` and `update` try the connection against Jamf (here the simulator over HTTP)
 * before saving it: version, a page of each inventory with its total, departments, buildings and
 * FileVault keys when fetched. A connection that fails is not saved, with the reason.
 */
describe(`connection check before saving (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let simulator: RunningSimulator;
  const logs = captureLogs('warn');
  const box = boxOf(KEY_A);
  const verify = jamfConnectionVerifier({ config: defaultConfig(), logger: logs.logger });
  const deps = () => ({ db: db.db, box, verify });
  let base: RawConnectionOptions;

  beforeAll(async () => {
    db = await openTestDatabase();
    simulator = await startSimulator({ computers: 7, mobiles: 4, seed: 3 });
    base = { org: 'acme', url: simulator.url, clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret, eaMap: [] };
  });
  afterAll(async () => {
    await simulator.close();
    await db.close();
  });
  beforeEach(async () => {
    simulator.setFaults({ deniedPrivileges: [] });
    await ensureOrganization(db.db, 'acme');
  });
  afterEach(async () => {
    await resetDatabase(db);
  });

  const storedSecret = async () => {
    const [row] = await selectRows<{ c: string; k: string }>(db.db, sql`select auth_secret_ciphertext as c, auth_secret_key_id as k from jamf_connections`);
    return row ? box.open({ ciphertext: row.c, keyId: row.k }) : null;
  };

  it('a working connection is saved with what the check found: version, computer API, device counts, privileges', async () => {
    const out = await addConnection(deps(), { ...base, fetchFilevaultKeys: true }, noSecrets());
    expect(out).toMatch(/checked\s+Jamf Pro 11\.31\.0\S*, computer inventory v4: 7 computers, 4 mobile devices; granted: Read Computers, Read Mobile Devices, Read Departments, Read Buildings, View Disk Encryption Recovery Key/);
    expect(out).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
    expect(await storedSecret()).toBe(DEFAULT_CREDENTIALS.clientSecret);
  });

  it('refused credentials: not saved, the message says so and names --no-verify', async () => {
    const err = await failure(addConnection(deps(), { ...base, clientSecret: 'wrong-secret' }, noSecrets()));
    expect(err).toBeInstanceOf(ConnectionCheckFailedError);
    expect(err.message).toMatch(/does not work \(jamf_auth_failed\)/);
    expect(err.message).toMatch(/Nothing was saved.*--no-verify/);
    expect(err.message).not.toContain('wrong-secret');
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, jamf_connections: 0 });
  });

  it('missing privileges: every one is named at once, nothing is saved', async () => {
    simulator.setFaults({ deniedPrivileges: ['Read Mobile Devices', 'Read Buildings', 'View Disk Encryption Recovery Key'] });
    const err = await failure(addConnection(deps(), { ...base, fetchFilevaultKeys: true }, noSecrets()));
    expect(err).toBeInstanceOf(ConnectionCheckFailedError);
    expect(err.message).toMatch(/lacks the privileges Read Mobile Devices, Read Buildings, View Disk Encryption Recovery Key/);
    expect(await rowCounts(db.db)).toMatchObject({ jamf_connections: 0 });
    // Without FileVault keys that privilege is not needed.
    simulator.setFaults({ deniedPrivileges: ['View Disk Encryption Recovery Key'] });
    expect(await addConnection(deps(), base, noSecrets())).toMatch(/granted: Read Computers, Read Mobile Devices, Read Departments, Read Buildings$/m);
  });

  it('an unreachable Jamf is refused; --no-verify saves it unchecked', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await failure(addConnection(deps(), { ...base, url }, noSecrets()));
    expect(err).toBeInstanceOf(ConnectionCheckFailedError);
    expect(err.message).toMatch(/jamf_unavailable/);
    expect(await rowCounts(db.db)).toMatchObject({ jamf_connections: 0 });
    const saved = await addConnection(deps(), { ...base, url, verify: false }, noSecrets());
    expect(saved).toMatch(/checked\s+no \(--no-verify\)/);
    expect(await rowCounts(db.db)).toMatchObject({ jamf_connections: 1 });
  });

  it('update --secret-stdin alone rotates the secret after trying it; a wrong one is refused and the old one kept', async () => {
    await addConnection(deps(), { ...base, clientSecret: 'old-secret', verify: false }, noSecrets());
    const wrong = await failure(updateConnection(deps(), { org: 'acme', secretStdin: true, eaMap: [] }, noSecrets({ readStdin: async () => 'still-wrong\n' })));
    expect(wrong).toBeInstanceOf(ConnectionCheckFailedError);
    expect(await storedSecret()).toBe('old-secret');

    const out = await updateConnection(deps(), { org: 'acme', secretStdin: true, eaMap: [] }, noSecrets({ readStdin: async () => `${DEFAULT_CREDENTIALS.clientSecret}\n` }));
    expect(out).toMatch(/Updated the Jamf connection of organization "acme": secret/);
    expect(out).toMatch(/checked\s+Jamf Pro 11\.31\.0/);
    expect(await storedSecret()).toBe(DEFAULT_CREDENTIALS.clientSecret);

    // A setting Jamf never sees is saved without a check (the simulator may be down meanwhile).
    simulator.setFaults({ deniedPrivileges: ['Read Computers'] });
    expect(await updateConnection(deps(), { org: 'acme', cron: '0 5 * * *', eaMap: [] }, noSecrets())).not.toMatch(/checked/);
    // A URL change is checked, with the stored secret.
    const moved = await failure(updateConnection(deps(), { org: 'acme', url: `${simulator.url}/`, eaMap: [] }, noSecrets()));
    expect(moved.message).toMatch(/lacks the privilege Read Computers/);
  });
});
