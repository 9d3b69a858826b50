import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query';
import { selectRows } from '../db/query';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { AppError } from '../errors/app-error';
import { jsonParam } from './organization-transaction';

/**
 * Reading the R12 fields (asset_secure_fields): `export assets --include-secure` and the API's
 * ops-only `GET …/assets/:serial/secure` both select, decrypt and audit them here. Nothing else
 * selects these columns.
 */

/** The secure columns under their field names, from `asset_secure_fields s`. */
export const SECURE_COLUMNS = sql`, s.activation_lock_enabled as "activationLockEnabled", s.recovery_lock_enabled as "recoveryLockEnabled",
  s.apple_care_id as "appleCareId", s.recovery_key_ciphertext as "recoveryKeyCiphertext", s.recovery_key_key_id as "recoveryKeyKeyId"`;

/** What SECURE_COLUMNS reads of an asset (all null when it has no secure row). */
export interface SecureColumns {
  activationLockEnabled?: boolean | null;
  recoveryLockEnabled?: boolean | null;
  appleCareId?: string | null;
  recoveryKeyCiphertext?: string | null;
  recoveryKeyKeyId?: string | null;
}

export interface UnreadableRecoveryKey {
  serialNumber: string;
  keyId: string;
  reason: string;
}

/** A key that did not open, with what is needed to forget its fingerprint. */
export type Unopened = UnreadableRecoveryKey & { assetId: string; ciphertext: string };

/** Decrypts rows' recovery keys in memory: the keys that opened by asset id, and the ones that did not. */
export function openRecoveryKeys(
  rows: ReadonlyArray<SecureColumns & { id: string; serialNumber: string }>,
  box: SecretBox,
): { keys: Map<string, string>; unreadable: Unopened[] } {
  const keys = new Map<string, string>();
  const unreadable: Unopened[] = [];
  for (const row of rows) {
    if (!row.recoveryKeyCiphertext || !row.recoveryKeyKeyId) continue;
    try {
      keys.set(row.id, box.open({ ciphertext: row.recoveryKeyCiphertext, keyId: row.recoveryKeyKeyId }));
    } catch (err) {
      // What failed, never what the ciphertext holds (it did not decrypt).
      unreadable.push({ assetId: row.id, ciphertext: row.recoveryKeyCiphertext, serialNumber: row.serialNumber, keyId: row.recoveryKeyKeyId, reason: (err as Error).message });
    }
  }
  return { keys, unreadable };
}

/**
 * A key that does not decrypt still has the fingerprint of the right key, so the sync would take it
 * as unchanged and never replace it: its fingerprint is cleared (only while it holds that same
 * ciphertext), and the next sync that fetches FileVault keys stores it again.
 */
export async function forgetFingerprints(db: Executor, unreadable: readonly Unopened[]): Promise<void> {
  if (!unreadable.length) return;
  await db.execute(sql`update asset_secure_fields t set recovery_key_fingerprint = null
    from jsonb_to_recordset(${jsonParam(unreadable.map((u) => ({ assetId: u.assetId, ciphertext: u.ciphertext })))}) as x("assetId" uuid, ciphertext text)
    where t.asset_id = x."assetId" and t.recovery_key_ciphertext = x.ciphertext`);
}

/** Records each recovery key read (R12: every read of one is audited), before the key is shown. */
export async function recordRecoveryKeyReads(
  db: Executor,
  organizationId: string,
  reads: ReadonlyArray<{ assetId: string; actor: string; reason: string | null }>,
): Promise<void> {
  if (!reads.length) return;
  await db.execute(sql`insert into secure_field_reads (organization_id, asset_id, actor, field, reason)
    select ${organizationId}, "assetId", actor, 'recoveryKey', reason
    from jsonb_to_recordset(${jsonParam(reads)}) as x("assetId" uuid, actor text, reason text)`);
}

/** Before showing anything: every stored recovery key (of the organization, or of one asset) must be decryptable with the configured keys. */
export async function checkRecoveryKeysReadable(db: Executor, organizationId: string, box: SecretBox | null, assetId?: string): Promise<void> {
  const keyIds = await selectRows<{ key_id: string }>(
    db,
    sql`select distinct recovery_key_key_id as key_id from asset_secure_fields
        where organization_id = ${organizationId} and recovery_key_ciphertext is not null
          ${assetId === undefined ? sql`` : sql`and asset_id = ${assetId}`}`,
  );
  if (!keyIds.length) return;
  if (!box) throw new MissingEncryptionKeyError('and read FileVault recovery keys');
  const missing = keyIds.map((k) => k.key_id).filter((id) => !box.hasKey(id));
  if (missing.length) {
    throw new AppError(
      500,
      'encryption_key_not_configured',
      `recovery keys are encrypted with key id(s) ${missing.join(', ')}, which are not configured: add the key to ENCRYPTION_KEY or ENCRYPTION_KEYS_PREVIOUS`,
    );
  }
}
