import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, harnessPerTest } from '../support/sync-harness';
import { openProcessDatabase } from '../support/process-database';
import { computer } from '../support/jamf-factories';
import { selectRows } from '../../src/db/query';
import { SecretBox } from '../../src/crypto/secret-box';
import { rotateKeys } from '../../src/crypto/rotate-keys';
import { runFullSync } from '../../src/sync/full-sync';
import { mapJamfRecordToDevice } from '../../src/sync/record-to-device';
import { openServiceDatabase } from '../../src/service/open-service-database';
import { defaultConfig } from '../../src/config';
import { importAssets } from '../../src/inventory/import-assets';
import { ensureOrganization } from '../../src/organizations/organization-store';

// The harness's key (its connection secret is sealed with it), so keys rotate can open everything.
const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_B = Buffer.alloc(32, 12).toString('base64');
const RECOVERY_KEYS: Record<string, string> = { '1': 'Z4A6-ONF8-KUHD-AVTG-C3ER-6A8G', '2': 'Q9LM-22XC-PPO1-7YTR-ZZ0K-4D3E' };

/** The scheme as the README states it, computed here independently of the code under test. */
function expectedFingerprint(encryptionKey: string, recoveryKey: string): string {
  const key = Buffer.from(encryptionKey, 'base64');
  const hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'jamf-asset-sync: FileVault recovery key fingerprint v1', 32));
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `hmac-sha256:${keyId}:${createHmac('sha256', hmacKey).update(recoveryKey).digest('hex')}`;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe(`FileVault recovery key fingerprints: keyed HMAC, upgraded from SHA-256, re-made by keys rotate (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();

  const start = () =>
    suite.start({ computers: [computer({ id: 1 }), computer({ id: 2 })], fileVaultRecoveryKeys: RECOVERY_KEYS }, { settings: { fetchFileVaultKeys: true } });
  const syncWith = (s: SyncHarness, box: SecretBox) =>
    runFullSync({ db: suite.db.db, client: s.client, logger: s.logs.logger, mapDevice: mapJamfRecordToDevice, box }, s.target, { trigger: 'manual' });
  const stored = () =>
    selectRows<{ jamf_id: string; fingerprint: string; key_id: string; ciphertext: string }>(
      suite.db.db,
      sql`select a.jamf_id, s.recovery_key_fingerprint as fingerprint, s.recovery_key_key_id as key_id, s.recovery_key_ciphertext as ciphertext
          from asset_secure_fields s join assets a on a.id = s.asset_id order by a.jamf_id`,
    );

  it('stores an HMAC-SHA256 under a key derived from ENCRYPTION_KEY, never a bare SHA-256 of the key', async () => {
    const s = await start();
    expect((await syncWith(s, new SecretBox([KEY_A]))).counts.recoveryKeysStored).toBe(2);
    const rows = await stored();
    expect(rows.map((r) => r.fingerprint)).toEqual([expectedFingerprint(KEY_A, RECOVERY_KEYS['1']), expectedFingerprint(KEY_A, RECOVERY_KEYS['2'])]);
    for (const r of rows) expect(r.fingerprint).not.toContain(sha256(RECOVERY_KEYS[r.jamf_id]));
    // Another deployment (another ENCRYPTION_KEY) fingerprints the same recovery key differently.
    expect(new SecretBox([KEY_B]).fingerprint(RECOVERY_KEYS['1'])).not.toBe(rows[0].fingerprint);
    // Unchanged keys are recognised: nothing written again (R18).
    const before = await s.snapshot();
    expect((await syncWith(s, new SecretBox([KEY_A]))).counts.recoveryKeysStored).toBe(0);
    expect(await s.snapshot()).toBe(before);
  });

  it('after a key change, fingerprints under the previous key still match until keys rotate re-makes them under the new one', async () => {
    const s = await start();
    await syncWith(s, new SecretBox([KEY_A]));
    const before = await s.snapshot();
    expect((await syncWith(s, new SecretBox([KEY_B, KEY_A]))).counts.recoveryKeysStored).toBe(0);
    expect(await s.snapshot()).toBe(before);

    const dry = await rotateKeys(suite.db.db, new SecretBox([KEY_B, KEY_A]), { dryRun: true });
    expect(dry.rotated.recoveryKeys).toBe(2);
    const rotation = await rotateKeys(suite.db.db, new SecretBox([KEY_B, KEY_A]));
    expect(rotation.rotated.recoveryKeys).toBe(2);
    const rows = await stored();
    expect(rows.map((r) => r.fingerprint)).toEqual([expectedFingerprint(KEY_B, RECOVERY_KEYS['1']), expectedFingerprint(KEY_B, RECOVERY_KEYS['2'])]);
    const onlyB = new SecretBox([KEY_B]);
    expect(rows.map((r) => onlyB.open({ ciphertext: r.ciphertext, keyId: r.key_id }))).toEqual([RECOVERY_KEYS['1'], RECOVERY_KEYS['2']]);
    // The new key alone recognises them; a second rotation has nothing to do.
    const rotated = await s.snapshot();
    expect((await syncWith(s, onlyB)).counts.recoveryKeysStored).toBe(0);
    expect(await s.snapshot()).toBe(rotated);
    expect((await rotateKeys(suite.db.db, onlyB)).rotated.recoveryKeys).toBe(0);
  });

  it('keys rotate re-fingerprints a key whose ciphertext is already under the current key, keeping that ciphertext', async () => {
    const s = await start();
    await syncWith(s, new SecretBox([KEY_A]));
    // As a release before the HMACs left it (a start with ENCRYPTION_KEY would have recomputed it already).
    for (const [jamfId, key] of Object.entries(RECOVERY_KEYS)) {
      await suite.db.db.execute(sql`update asset_secure_fields s set recovery_key_fingerprint = ${sha256(key)} from assets a where a.id = s.asset_id and a.jamf_id = ${jamfId}`);
    }
    const [first] = await stored();
    expect((await rotateKeys(suite.db.db, new SecretBox([KEY_A]))).rotated.recoveryKeys).toBe(2);
    const [after] = await stored();
    expect(after).toEqual({ ...first, fingerprint: expectedFingerprint(KEY_A, RECOVERY_KEYS['1']) });
  });
});

describe(`FileVault fingerprints stored before the upgrade (${testDatabaseKind})`, () => {
  it('are recomputed as HMACs at the first start with ENCRYPTION_KEY, and a key that cannot be opened is left as it was', async () => {
    const database = await openProcessDatabase();
    const box = new SecretBox([KEY_A]);
    const otherBox = new SecretBox([KEY_B]);
    // Rows as the previous release wrote them: ciphertext and a bare SHA-256.
    await database.use(async (handle) => {
      await ensureOrganization(handle.db, 'acme');
      await importAssets(handle.db, {
        organizationSlug: 'acme',
        fileName: 'a.json',
        text: JSON.stringify(['S1', 'S2', 'S3'].map((serialNumber) => ({ serialNumber, assetType: 'laptop', status: 'allocated' }))),
      });
      const keys: Array<[string, SecretBox, string]> = [['S1', box, RECOVERY_KEYS['1']], ['S2', box, RECOVERY_KEYS['2']], ['S3', otherBox, 'UNOP-ENAB-LEKE-YXXX-XXXX-XXXX']];
      for (const [serial, sealer, key] of keys) {
        const sealed = sealer.seal(key);
        await handle.db.execute(sql`insert into asset_secure_fields (asset_id, organization_id, recovery_key_ciphertext, recovery_key_key_id, recovery_key_fingerprint)
          select id, organization_id, ${sealed.ciphertext}, ${sealed.keyId}, ${sha256(key)} from assets where serial_number = ${serial}`);
      }
    });
    const readFingerprints = (handle: { db: TestDatabase['db'] }) =>
      selectRows<{ serial_number: string; fingerprint: string }>(
        handle.db,
        sql`select a.serial_number, s.recovery_key_fingerprint as fingerprint from asset_secure_fields s join assets a on a.id = s.asset_id order by 1`,
      );

    // A start without ENCRYPTION_KEY cannot recompute anything, and changes nothing.
    const withoutKey = await openServiceDatabase(defaultConfig(database.env));
    expect((await readFingerprints(withoutKey)).map((r) => r.fingerprint)).toEqual([sha256(RECOVERY_KEYS['1']), sha256(RECOVERY_KEYS['2']), sha256('UNOP-ENAB-LEKE-YXXX-XXXX-XXXX')]);
    await withoutKey.close();

    const started = await openServiceDatabase(defaultConfig({ ...database.env, ENCRYPTION_KEY: KEY_A }));
    try {
      expect(await readFingerprints(started)).toEqual([
        { serial_number: 'S1', fingerprint: expectedFingerprint(KEY_A, RECOVERY_KEYS['1']) },
        { serial_number: 'S2', fingerprint: expectedFingerprint(KEY_A, RECOVERY_KEYS['2']) },
        { serial_number: 'S3', fingerprint: sha256('UNOP-ENAB-LEKE-YXXX-XXXX-XXXX') },
      ]);
    } finally {
      await started.close();
    }
  });
});
