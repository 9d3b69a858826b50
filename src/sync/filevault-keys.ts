import { sql } from 'drizzle-orm';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import type { SecretBox } from '../crypto/secret-box';
import type { FileVaultRecord } from '../jamf/schemas';

/**
 * R12: stores FileVault personal recovery keys of the organization's computers, encrypted
 * (AES-256-GCM under the current key id). A key is compared by its fingerprint (an HMAC under a
 * key derived from ENCRYPTION_KEY: src/crypto/recovery-key-fingerprint.ts), so an unchanged key is
 * neither decrypted nor written again (R18). Keys never reach a log or the change
 * log; only their count is reported.
 */
export async function storeFileVaultKeys(
  db: Executor,
  box: SecretBox,
  organizationId: string,
  records: readonly FileVaultRecord[],
  options: { dryRun: boolean },
): Promise<{ stored: number }> {
  const withKey = records.filter((r) => typeof r.personalRecoveryKey === 'string' && r.personalRecoveryKey.trim() !== '');
  if (!withKey.length) return { stored: 0 };
  const assets = await selectRows<{ id: string; jamf_id: string; recovery_key_fingerprint: string | null }>(
    db,
    sql`select a.id, a.jamf_id, s.recovery_key_fingerprint from assets a
        left join asset_secure_fields s on s.asset_id = a.id
        where a.organization_id = ${organizationId} and a.jamf_kind = 'computer'
          and a.jamf_id = any(${pgTextArray(withKey.map((r) => String(r.computerId)))}::text[])`,
  );
  const byJamfId = new Map(assets.map((a) => [a.jamf_id, a]));
  const rows: Array<{ assetId: string; ciphertext: string; keyId: string; fingerprint: string }> = [];
  for (const record of withKey) {
    const asset = byJamfId.get(String(record.computerId));
    if (!asset) continue; // a computer without an asset (unmanaged, skipped): nothing to attach the key to
    const key = record.personalRecoveryKey!.trim();
    if (box.fingerprintMatches(asset.recovery_key_fingerprint, key)) continue;
    const sealed = box.seal(key);
    rows.push({ assetId: asset.id, ciphertext: sealed.ciphertext, keyId: sealed.keyId, fingerprint: box.fingerprint(key) });
  }
  if (rows.length && !options.dryRun) {
    await db.execute(sql`insert into asset_secure_fields (asset_id, organization_id, recovery_key_ciphertext, recovery_key_key_id, recovery_key_fingerprint)
      select "assetId", ${organizationId}, ciphertext, "keyId", fingerprint
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x("assetId" uuid, ciphertext text, "keyId" text, fingerprint text)
      on conflict (asset_id) do update set recovery_key_ciphertext = excluded.recovery_key_ciphertext,
        recovery_key_key_id = excluded.recovery_key_key_id, recovery_key_fingerprint = excluded.recovery_key_fingerprint, updated_at = now()`);
  }
  return { stored: rows.length };
}
