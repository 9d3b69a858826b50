import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { SecretBox } from './secret-box';

const BATCH_SIZE = 500;

/**
 * Recomputes the recovery-key fingerprints stored before they were HMACs (a bare SHA-256, or none)
 * under the current key: each key is decrypted in memory, its HMAC written, the SHA-256 gone. Run
 * by every command as it opens the database (openServiceDatabase), so an upgrade leaves no weak
 * fingerprint behind past its first start, and costs one query once none is left. A key whose
 * ciphertext this process cannot open (its key not configured) is left as it is, and counted; the
 * next sync that fetches it stores it anew. Concurrent starts are harmless: a row is updated only
 * while it still holds the ciphertext that was decrypted, and the HMAC is the same for both.
 */
export async function upgradeRecoveryKeyFingerprints(db: AppDatabase, box: SecretBox | null): Promise<{ upgraded: number; unreadable: number }> {
  let upgraded = 0;
  let unreadable = 0;
  if (!box) return { upgraded, unreadable };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await selectRows<{ asset_id: string; ciphertext: string; key_id: string }>(
      db,
      sql`select asset_id, recovery_key_ciphertext as ciphertext, recovery_key_key_id as key_id from asset_secure_fields
          where recovery_key_ciphertext is not null and (recovery_key_fingerprint is null or recovery_key_fingerprint not like 'hmac-sha256:%')
            and asset_id > ${after}::uuid
          order by asset_id limit ${BATCH_SIZE}`,
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].asset_id;
    const updates: Array<{ assetId: string; ciphertext: string; fingerprint: string }> = [];
    for (const row of rows) {
      try {
        updates.push({ assetId: row.asset_id, ciphertext: row.ciphertext, fingerprint: box.fingerprint(box.open({ ciphertext: row.ciphertext, keyId: row.key_id })) });
      } catch {
        unreadable++;
      }
    }
    if (updates.length) {
      await db.execute(sql`update asset_secure_fields t set recovery_key_fingerprint = x.fingerprint
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x("assetId" uuid, ciphertext text, fingerprint text)
        where t.asset_id = x."assetId" and t.recovery_key_ciphertext = x.ciphertext`);
      upgraded += updates.length;
    }
    if (rows.length < BATCH_SIZE) break;
  }
  return { upgraded, unreadable };
}
