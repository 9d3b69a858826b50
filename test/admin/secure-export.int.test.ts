import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import type { AppDatabase } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { importAssets } from '../../src/inventory/import-assets';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { exportAssets } from '../../src/inventory/export-assets';
import { stringSink } from '../../src/inventory/export-writer';
import { KEY_A, boxOf } from './admin-support';

const KEYS: Record<string, string> = { S1: 'RK11-1111-1111-1111-1111-1111', S2: 'RK22-2222-2222-2222-2222-2222', S3: 'RK33-3333-3333-3333-3333-3333', S4: 'RK44-4444-4444-4444-4444-4444' };

/** Four assets with recovery keys sealed with KEY_A; S2's ciphertext then damaged (one byte of its body flipped). */
async function seed(db: AppDatabase): Promise<void> {
  const box = boxOf(KEY_A);
  await ensureOrganization(db, 'acme');
  await importAssets(db, {
    organizationSlug: 'acme',
    fileName: 'a.json',
    text: JSON.stringify(Object.keys(KEYS).map((serialNumber) => ({ serialNumber, assetType: 'laptop', status: 'allocated' }))),
  });
  for (const [serial, key] of Object.entries(KEYS)) {
    const sealed = box.seal(key);
    const ciphertext = serial === 'S2' ? damaged(sealed.ciphertext) : sealed.ciphertext;
    await db.execute(sql`insert into asset_secure_fields (asset_id, organization_id, recovery_key_ciphertext, recovery_key_key_id, recovery_key_fingerprint)
      select id, organization_id, ${ciphertext}, ${sealed.keyId}, ${box.fingerprint(key)} from assets where serial_number = ${serial}`);
  }
}

function damaged(ciphertext: string): string {
  const [version, iv, tag, body] = ciphertext.split('.');
  const bytes = Buffer.from(body, 'base64');
  bytes[0] ^= 0xff;
  return [version, iv, tag, bytes.toString('base64')].join('.');
}

const audited = (db: AppDatabase) =>
  selectRows<{ serial_number: string }>(db, sql`select a.serial_number from secure_field_reads r join assets a on a.id = r.asset_id order by 1`);

describe(`export --include-secure with a damaged ciphertext (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seed(db.db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('names the asset, exports every other key, audits only the keys it printed, and lets the next sync store that key again', async () => {
    const sink = stringSink();
    // Pages of two: the damaged key shares its page with a good one.
    const result = await exportAssets({ db: db.db, box: boxOf(KEY_A) }, sink, { organizationSlug: 'acme', format: 'json', includeSecure: true, actor: 'ops:jane', pageSize: 2 });
    expect(result).toEqual({
      rows: 4,
      recoveryKeysRead: 3,
      unreadableRecoveryKeys: [{ serialNumber: 'S2', keyId: boxOf(KEY_A).currentKeyId, reason: expect.any(String) }],
    });
    const printed = JSON.parse(sink.text()) as Array<{ serialNumber: string; secure: { recoveryKey: string | null } }>;
    expect(printed.map((r) => [r.serialNumber, r.secure.recoveryKey])).toEqual([['S1', KEYS.S1], ['S2', null], ['S3', KEYS.S3], ['S4', KEYS.S4]]);
    expect((await audited(db.db)).map((r) => r.serial_number)).toEqual(['S1', 'S3', 'S4']);
    // The damaged key's fingerprint is forgotten, so the next sync does not take it as unchanged; the others keep theirs.
    const prints = await selectRows<{ serial_number: string; fingerprint: string | null }>(
      db.db,
      sql`select a.serial_number, s.recovery_key_fingerprint as fingerprint from asset_secure_fields s join assets a on a.id = s.asset_id order by 1`,
    );
    expect(prints.map((p) => [p.serial_number, p.fingerprint === null])).toEqual([['S1', false], ['S2', true], ['S3', false], ['S4', false]]);
    expect(boxOf(KEY_A).fingerprintMatches(prints[2].fingerprint, KEYS.S3)).toBe(true);
  });
});

describe(`jamf-sync export assets --include-secure with a damaged ciphertext (${testDatabaseKind})`, () => {
  it('prints every row, names the asset on stderr and exits 3 (partial)', async () => {
    const database = await openProcessDatabase();
    await database.use((handle) => seed(handle.db));
    const run = runCli(['export', 'assets', '--org', 'acme', '--include-secure', '--format', 'csv', '--actor', 'ops:jane'], { ...database.env, ENCRYPTION_KEY: KEY_A, LOG_LEVEL: 'warn' });
    const { code } = await run.waitForExit();
    expect({ code, stderr: run.stderr() }).toMatchObject({ code: 3 });
    expect(run.stderr()).toMatch(/1 FileVault recovery key\(s\) could not be decrypted/);
    expect(run.stderr()).toMatch(/- asset S2 \(key id [0-9a-f]{12}\): /);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    const lines = run.stdout().trim().split('\r\n');
    expect(lines).toHaveLength(5);
    for (const serial of ['S1', 'S3', 'S4']) expect(run.stdout()).toContain(KEYS[serial]);
    expect(await database.use(async (handle) => (await audited(handle.db)).map((r) => r.serial_number))).toEqual(['S1', 'S3', 'S4']);
  }, timeoutForChildWaits(2));
});
