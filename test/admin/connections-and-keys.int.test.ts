import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { resetDatabase } from '../support/sync-harness';
import { selectRows } from '../../src/db/query';
import type { RawConnectionOptions } from '../../src/cli/connections/connection-options';
import { addConnection } from '../../src/cli/connections/add-connection';
import { updateConnection } from '../../src/cli/connections/update-connection';
import { listConnectionsData, listConnectionsText } from '../../src/cli/connections/list-connections';
import { removeConnectionBySlug } from '../../src/cli/connections/remove-connection';
import { MissingEncryptionKeyError } from '../../src/crypto/secret-box';
import { rotateKeysText } from '../../src/cli/keys-command';
import { EncryptionKeyNotConfiguredError } from '../../src/crypto/rotate-keys';
import { createRun, finishRun } from '../../src/sync/run-store';
import { importAssets } from '../../src/inventory/import-assets';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { KEY_A, KEY_B, KEY_C, boxOf, failure, noSecrets, rowCounts } from './admin-support';

const SECRET = 'jamf-client-secret-9f3c';
// These URLs lead nowhere: the connection check is tested against the simulator (connection-check.int.test.ts).
const base: RawConnectionOptions = { org: 'acme', url: 'https://acme.jamfcloud.com', clientId: 'client-1', clientSecret: SECRET, eaMap: [], verify: false };

describe(`connections add|list|update|remove and keys rotate (${testDatabaseKind})`, () => {
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
  /** The organizations these tests connect, created as an admin would ("organizations create"). */
  const createOrganizations = async (...slugs: string[]) => {
    for (const slug of slugs) await ensureOrganization(db.db, slug);
  };

  const stored = async () =>
    (await selectRows<Record<string, any>>(db.db, sql`select c.*, o.slug, o.name from jamf_connections c join organizations o on o.id = c.organization_id`))[0];

  it('add stores the secret encrypted (no plaintext in the row or in list output) with every setting given', async () => {
    const box = boxOf(KEY_A);
    await createOrganizations('acme');
    const out = await addConnection({ db: db.db, box }, {
      ...base,
      name: 'Acme Corp',
      cron: '30 1 * * 1-5',
      tz: 'Europe/Paris',
      pageSize: '500',
      employeePolicy: 'hold',
      ignore: 'admin, svc-jamf ,admin',
      eaMap: ['Keyboard Layout=keyboardLanguage,Color=color'],
      fetchFilevaultKeys: true,
      removalThreshold: '0.25',
      disabled: true,
    }, noSecrets());
    expect(out).toContain('/webhooks/jamf/acme');
    expect(out).not.toContain(SECRET);

    const row = await stored();
    expect(row).toMatchObject({
      slug: 'acme',
      name: 'Acme Corp',
      base_url: 'https://acme.jamfcloud.com',
      auth_kind: 'client',
      auth_id: 'client-1',
      auth_secret_key_id: box.currentKeyId,
      schedule_cron: '30 1 * * 1-5',
      time_zone: 'Europe/Paris',
      page_size: 500,
      employee_policy: 'hold',
      ignore_list: ['admin', 'svc-jamf'],
      extension_attribute_mapping: { 'Keyboard Layout': 'keyboardLanguage', Color: 'color' },
      fetch_filevault_keys: true,
      enabled: false,
    });
    expect(row.removal_threshold).toBeCloseTo(0.25);
    expect(row.auth_secret_ciphertext).not.toContain(SECRET);
    expect(row.auth_secret_ciphertext).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(box.open({ ciphertext: row.auth_secret_ciphertext, keyId: row.auth_secret_key_id })).toBe(SECRET);

    for (const json of [false, true]) {
      const listed = await listConnectionsText(db.db, { json });
      expect(listed).toContain('acme');
      expect(listed).toContain('/webhooks/jamf/acme');
      expect(listed).not.toContain(SECRET);
      expect(listed).not.toContain(row.auth_secret_ciphertext);
    }
  });

  it('list shows auth, schedule, policy, webhook path and the last run of each connection', async () => {
    const box = boxOf(KEY_A);
    await createOrganizations('acme', 'globex');
    await addConnection({ db: db.db, box }, base, noSecrets());
    await addConnection({ db: db.db, box }, { ...base, org: 'globex', clientId: undefined, clientSecret: undefined, username: 'api-user', password: 'pw-123456' }, noSecrets());
    const acme = await stored();
    const run = await createRun(db.db, {
      organizationId: acme.organization_id,
      connectionId: acme.id,
      trigger: 'manual',
      mode: 'full',
      counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: {}, employeesCreated: 0, employeesLinked: 0, removed: 0, warnings: 0, errors: 0 },
    });
    await finishRun(db.db, run.id, { status: 'partial', counts: { fetched: 3, created: 1, updated: 0, unchanged: 2, skipped: {}, employeesCreated: 0, employeesLinked: 0, removed: 0, warnings: 0, errors: 1 } });

    const list = await listConnectionsData(db.db);
    expect(list.map((c) => [c.organization, c.auth.kind, c.auth.id, c.webhookPath, c.lastRun?.status ?? null])).toEqual([
      ['acme', 'client', 'client-1', '/webhooks/jamf/acme', 'partial'],
      ['globex', 'user', 'api-user', '/webhooks/jamf/globex', null],
    ]);
    const table = await listConnectionsText(db.db);
    expect(table.split('\n')[0]).toMatch(/^ORG\s+URL\s+AUTH\s+SCHEDULE\s+POLICY\s+SCOPE\s+ENABLED\s+WEBHOOK PATH\s+LAST RUN\s+LAST SUCCESS\s+FAILURES\s+NEXT RUN\s+ERROR$/);
    // A partial run is a success: it is the last success too, with no failure and no error.
    expect(table).toMatch(/acme .*client client-1 .*0 2 \* \* \* UTC .*create .*yes .*\/webhooks\/jamf\/acme .*partial (\S+) +\1 +0 +\d{4}-\S+ +-$/m);
    expect(table).toMatch(/globex .*user api-user .*never +never +0 +\d{4}-\S+ +-$/m);
    expect(table).not.toContain('pw-123456');
  });

  it('add takes the secret from stdin (--secret-stdin) or from JAMF_CLIENT_SECRET / JAMF_PASSWORD', async () => {
    const box = boxOf(KEY_A);
    const noFlagSecret = { ...base, clientSecret: undefined };
    await createOrganizations('acme', 'envco', 'userco');
    await addConnection({ db: db.db, box }, { ...noFlagSecret, secretStdin: true }, noSecrets({ readStdin: async () => 'from-stdin\n' }));
    await addConnection({ db: db.db, box }, { ...noFlagSecret, org: 'envco' }, noSecrets({ env: { clientSecret: 'from-env' } }));
    await addConnection({ db: db.db, box }, { org: 'userco', url: 'https://u.example', username: 'bob', eaMap: [], verify: false }, noSecrets({ env: { password: 'env-password' } }));
    const rows = await selectRows<{ slug: string; c: string; k: string }>(db.db, sql`select o.slug, c.auth_secret_ciphertext as c, c.auth_secret_key_id as k
      from jamf_connections c join organizations o on o.id = c.organization_id order by o.slug`);
    expect(rows.map((r) => [r.slug, box.open({ ciphertext: r.c, keyId: r.k })])).toEqual([
      ['acme', 'from-stdin'],
      ['envco', 'from-env'],
      ['userco', 'env-password'],
    ]);
  });

  it('add without ENCRYPTION_KEY fails with a clear error naming it, and writes nothing', async () => {
    const err = await failure(addConnection({ db: db.db, box: null }, base, noSecrets()));
    expect(err).toBeInstanceOf(MissingEncryptionKeyError);
    expect(err.message).toMatch(/ENCRYPTION_KEY is not set/);
    expect(err.message).not.toContain(SECRET);
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 0, jamf_connections: 0 });
  });

  it('add with bad options lists every problem and writes nothing', async () => {
    const err = await failure(
      addConnection({ db: db.db, box: boxOf(KEY_A) }, {
        org: 'Acme Corp',
        url: 'http://jamf.example.com',
        clientId: 'c',
        username: 'u',
        cron: '61 * * * *',
        tz: 'Europe/Atlantis',
        pageSize: '5000',
        employeePolicy: 'merge',
        eaMap: ['Colour=paint'],
        removalThreshold: 'ten percent',
        enabled: true,
        disabled: true,
      }, noSecrets()),
    );
    expect(err.message).toMatch(/Invalid options for "connections add", nothing was written/);
    const flags = err.problems!.map((p) => p.split(':')[0]);
    expect(flags).toEqual(expect.arrayContaining(['--org', '--url', '--cron', '--tz', '--page-size', '--employee-policy', '--ea-map', '--removal-threshold', '--enabled and --disabled', '--client-id and --username']));
    expect(err.problems!.find((p) => p.startsWith('--url'))).toMatch(/https/);
    expect(err.problems!.find((p) => p.startsWith('--ea-map'))).toMatch(/"paint" is not an asset field Jamf owns/);
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 0, jamf_connections: 0 });

    const missing = await failure(addConnection({ db: db.db, box: boxOf(KEY_A) }, { eaMap: [] }, noSecrets()));
    expect(missing.problems).toEqual([
      expect.stringMatching(/^--org: is required/),
      expect.stringMatching(/^--url: is required/),
      expect.stringMatching(/^credentials are required/),
    ]);
  });

  it('add refuses a second connection for the same organization', async () => {
    await createOrganizations('acme');
    await addConnection({ db: db.db, box: boxOf(KEY_A) }, base, noSecrets());
    const err = await failure(addConnection({ db: db.db, box: boxOf(KEY_A) }, { ...base, url: 'https://other.example' }, noSecrets()));
    expect(err.code).toBe('connection_exists');
    expect((await stored()).base_url).toBe('https://acme.jamfcloud.com');
  });

  it('update changes only the options given and keeps the stored secret unless a new one is given', async () => {
    const box = boxOf(KEY_A);
    await createOrganizations('acme');
    await addConnection({ db: db.db, box }, { ...base, ignore: 'admin', tz: 'Asia/Tokyo' }, noSecrets());
    const before = await stored();
    await updateConnection({ db: db.db, box: null }, { org: 'acme', cron: '0 4 * * *', disabled: true, eaMap: [] }, noSecrets());
    const after = await stored();
    expect(after).toEqual({ ...before, schedule_cron: '0 4 * * *', enabled: false, updated_at: after.updated_at });
    expect(after.auth_secret_ciphertext).toBe(before.auth_secret_ciphertext);

    await updateConnection({ db: db.db, box }, { org: 'acme', clientSecret: 'rotated-secret', eaMap: [], verify: false }, noSecrets());
    const rotated = await stored();
    expect(rotated.auth_id).toBe('client-1');
    expect(box.open({ ciphertext: rotated.auth_secret_ciphertext, keyId: rotated.auth_secret_key_id })).toBe('rotated-secret');

    const switching = await failure(updateConnection({ db: db.db, box }, { org: 'acme', username: 'bob', eaMap: [] }, noSecrets()));
    expect(switching.problems).toEqual([expect.stringMatching(/^--password: is required to switch this connection to a user account/)]);
    const bad = await failure(updateConnection({ db: db.db, box }, { org: 'acme', tz: 'Nowhere/Land', pageSize: 'x', eaMap: [] }, noSecrets()));
    expect(bad.problems).toHaveLength(2);
    expect(await stored()).toEqual(rotated);
    // An organization that does not exist is named as such (with the known ones); one without a connection, as that.
    const unknown = await failure(updateConnection({ db: db.db, box }, { org: 'nobody', cron: '0 1 * * *', eaMap: [] }, noSecrets()));
    expect(unknown).toMatchObject({ code: 'organization_not_found', message: expect.stringContaining('Known: acme') });
    await createOrganizations('bare');
    expect((await failure(updateConnection({ db: db.db, box }, { org: 'bare', cron: '0 1 * * *', eaMap: [] }, noSecrets()))).code).toBe('connection_not_found');
  });

  it('remove deletes the connection and keeps the organization and its assets', async () => {
    await createOrganizations('acme');
    await addConnection({ db: db.db, box: boxOf(KEY_A) }, base, noSecrets());
    await importAssets(db.db, { organizationSlug: 'acme', fileName: 'a.json', text: JSON.stringify([{ serialNumber: 'S1', assetType: 'laptop', status: 'available' }]) });
    expect(await removeConnectionBySlug(db.db, 'acme')).toMatch(/Removed the Jamf connection of organization "acme"/);
    expect(await rowCounts(db.db)).toMatchObject({ organizations: 1, jamf_connections: 0, assets: 1 });
    expect((await failure(removeConnectionBySlug(db.db, 'acme'))).code).toBe('connection_not_found');
    expect((await failure(removeConnectionBySlug(db.db, undefined))).problems).toEqual([expect.stringMatching(/^--org: is required/)]);
  });

  describe('keys rotate', () => {
    const recoveryKeys = ['AAAA-1111-BBBB-2222', 'CCCC-3333-DDDD-4444', 'EEEE-5555-FFFF-6666'];

    /** A connection and three assets with recovery keys, all sealed with `box` (as the sync would). */
    async function seal(box: ReturnType<typeof boxOf>) {
      await createOrganizations('acme');
      await addConnection({ db: db.db, box }, base, noSecrets());
      await importAssets(db.db, {
        organizationSlug: 'acme',
        fileName: 'a.json',
        text: JSON.stringify(recoveryKeys.map((_, i) => ({ serialNumber: `S${i}`, assetType: 'laptop', status: 'allocated' }))),
      });
      for (const [i, key] of recoveryKeys.entries()) {
        const sealed = box.seal(key);
        await db.db.execute(sql`insert into asset_secure_fields (asset_id, organization_id, recovery_key_ciphertext, recovery_key_key_id)
          select id, organization_id, ${sealed.ciphertext}, ${sealed.keyId} from assets where serial_number = ${`S${i}`}`);
      }
    }
    const ciphertexts = () =>
      selectRows<{ c: string; k: string }>(db.db, sql`select auth_secret_ciphertext as c, auth_secret_key_id as k from jamf_connections
        union all select recovery_key_ciphertext, recovery_key_key_id from asset_secure_fields order by 1`);

    it('re-encrypts every ciphertext under the old key with the new one, in batches; afterwards the new key alone opens them', async () => {
      await seal(boxOf(KEY_A));
      const out = await rotateKeysText({ db: db.db, box: boxOf(KEY_B, KEY_A) }, { batchSize: '2' });
      expect(out).toMatch(/Jamf connection secrets\s+1 \(already under it: 0\)/);
      expect(out).toMatch(/FileVault recovery keys\s+3 \(already under it: 0\)/);
      for (const plain of [SECRET, ...recoveryKeys]) expect(out).not.toContain(plain);

      const onlyNew = boxOf(KEY_B);
      const opened = (await ciphertexts()).map((r) => {
        expect(r.k).toBe(onlyNew.currentKeyId);
        return onlyNew.open({ ciphertext: r.c, keyId: r.k });
      });
      expect(opened.sort()).toEqual([SECRET, ...recoveryKeys].sort());

      const again = await rotateKeysText({ db: db.db, box: onlyNew });
      expect(again).toMatch(/Jamf connection secrets\s+0 \(already under it: 1\)/);
      expect(again).toMatch(/FileVault recovery keys\s+0 \(already under it: 3\)/);
    });

    it('a ciphertext whose key is not configured stops the rotation with that key id and changes nothing', async () => {
      const oldBox = boxOf(KEY_A);
      await seal(oldBox);
      const before = await ciphertexts();
      const err = await failure(rotateKeysText({ db: db.db, box: boxOf(KEY_B, KEY_C) }));
      expect(err).toBeInstanceOf(EncryptionKeyNotConfiguredError);
      expect(err.message).toContain(oldBox.currentKeyId);
      expect(err.message).toMatch(/ENCRYPTION_KEYS_PREVIOUS/);
      expect(await ciphertexts()).toEqual(before);

      const dry = await rotateKeysText({ db: db.db, box: boxOf(KEY_B, KEY_A) }, { dryRun: true });
      expect(dry).toMatch(/Would re-encrypt/);
      expect(await ciphertexts()).toEqual(before);
      expect(await failure(rotateKeysText({ db: db.db, box: null }))).toBeInstanceOf(MissingEncryptionKeyError);
    });
  });
});
