import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectOne } from '../db/query';
import type { SecretBox } from '../crypto/secret-box';
import type { Principal } from '../access/roles';
import { AppError, notFound } from '../errors/app-error';
import { recordAudit } from '../audit/audit-log';
import { SECURE_ASSET_FIELDS } from '../inventory/asset-fields';
import { forgetFingerprints, openRecoveryKeys, recordRecoveryKeyReads, SECURE_COLUMNS, type SecureColumns } from '../inventory/secure-fields';

export const SECURE_READ_ACTION = 'secure_fields.read';

/**
 * One asset's R12 fields for ops, with the recovery key decrypted in memory. Everything that can
 * refuse (no such asset, no key to decrypt with, a key that does not open) does so before the
 * audit row is written; the row (and the recovery key read, as `export assets --include-secure`
 * records it) is written before the fields are returned, so no answer goes out unrecorded.
 */
export async function readSecureFieldsAudited(
  deps: { db: AppDatabase; box: SecretBox | null },
  principal: Principal,
  target: { organizationId: string; organizationSlug: string; serial: string; reason: string },
) {
  const serial = target.serial.trim().toUpperCase();
  const row = await selectOne<SecureColumns & { id: string; serialNumber: string }>(
    deps.db,
    sql`select a.id, a.serial_number as "serialNumber" ${SECURE_COLUMNS}
        from assets a left join asset_secure_fields s on s.asset_id = a.id
        where a.organization_id = ${target.organizationId} and a.serial_number = ${serial}`,
  );
  if (!row) throw notFound(`No asset with serial number ${serial}`);
  const recoveryKey = openRecoveryKey(deps, row);
  if (recoveryKey.unreadable) {
    await forgetFingerprints(deps.db, [recoveryKey.unreadable]);
    throw new AppError(
      409,
      'recovery_key_unreadable',
      `The stored FileVault recovery key of ${serial} does not decrypt with key id ${recoveryKey.unreadable.keyId}: it is damaged or was not made with that key. ` +
        'The next sync that fetches FileVault keys from Jamf stores it again; nothing was read or recorded.',
    );
  }
  const auditId = await deps.db.transaction(async (tx) => {
    const id = await recordAudit(tx, principal, {
      action: SECURE_READ_ACTION,
      organizationSlug: target.organizationSlug,
      target: serial,
      fields: [...SECURE_ASSET_FIELDS],
      reason: target.reason,
    });
    if (recoveryKey.value !== null) {
      await recordRecoveryKeyReads(tx, target.organizationId, [{ assetId: row.id, actor: `api:${principal.via}`, reason: target.reason }]);
    }
    return id;
  });
  return {
    serialNumber: serial,
    recoveryKey: recoveryKey.value,
    activationLockEnabled: row.activationLockEnabled ?? null,
    recoveryLockEnabled: row.recoveryLockEnabled ?? null,
    appleCareId: row.appleCareId ?? null,
    auditId,
  };
}

/** The asset's recovery key in memory (null when none is stored), or why it cannot be: 503 without the key it was sealed with. */
function openRecoveryKey(deps: { box: SecretBox | null }, row: SecureColumns & { id: string; serialNumber: string }) {
  if (!row.recoveryKeyCiphertext || !row.recoveryKeyKeyId) return { value: null, unreadable: null };
  if (!deps.box) {
    throw new AppError(503, 'encryption_key_missing', 'ENCRYPTION_KEY is not set on this server, so FileVault recovery keys cannot be decrypted: set the key they were stored with and restart.');
  }
  if (!deps.box.hasKey(row.recoveryKeyKeyId)) {
    throw new AppError(
      503,
      'encryption_key_not_configured',
      `This recovery key is encrypted with key id ${row.recoveryKeyKeyId}, which is not configured: add that key to ENCRYPTION_KEY or ENCRYPTION_KEYS_PREVIOUS.`,
    );
  }
  const opened = openRecoveryKeys([row], deps.box);
  return { value: opened.keys.get(row.id) ?? null, unreadable: opened.unreadable[0] ?? null };
}
