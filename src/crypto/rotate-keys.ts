import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { MissingEncryptionKeyError, type SecretBox } from './secret-box';
import { fingerprintPrefix } from './recovery-key-fingerprint';

/**
 * `jamf-sync keys rotate`: re-encrypts every stored ciphertext that is not under the current key
 * (ENCRYPTION_KEY) with it, reading the old ones with ENCRYPTION_KEYS_PREVIOUS, and recomputes
 * every recovery-key fingerprint not made under it (its HMAC key derives from ENCRYPTION_KEY, so an
 * old key's fingerprints go with the old key). Works in batches,
 * each in its own transaction with its rows locked, so a failure leaves every batch either fully
 * rotated or untouched. Plaintexts live only in memory, for the moment of re-encryption.
 */

/** One kind of ciphertext: where it lives and how to name a row in an error. */
interface CiphertextTable {
  label: string;
  table: string;
  key: string;
  ciphertext: string;
  keyId: string;
  /** The column of the plaintext's fingerprint under the current key, when the table keeps one. */
  fingerprint?: string;
  /** SQL naming a row for messages (never the secret). */
  describe: string;
}

const TABLES: Record<'connectionSecrets' | 'recoveryKeys' | 'notifySecrets', CiphertextTable> = {
  connectionSecrets: {
    label: 'Jamf connection secret',
    table: 'jamf_connections',
    key: 'id',
    ciphertext: 'auth_secret_ciphertext',
    keyId: 'auth_secret_key_id',
    describe: `(select 'organization ' || o.slug from organizations o where o.id = t.organization_id)`,
  },
  recoveryKeys: {
    label: 'FileVault recovery key',
    table: 'asset_secure_fields',
    key: 'asset_id',
    ciphertext: 'recovery_key_ciphertext',
    keyId: 'recovery_key_key_id',
    fingerprint: 'recovery_key_fingerprint',
    describe: `(select 'asset ' || a.serial_number from assets a where a.id = t.asset_id)`,
  },
  notifySecrets: {
    label: 'notification signing secret',
    table: 'notification_targets',
    key: 'connection_id',
    ciphertext: 'secret_ciphertext',
    keyId: 'secret_key_id',
    describe: `(select 'organization ' || o.slug from organizations o where o.id = t.organization_id)`,
  },
};

type CiphertextKind = keyof typeof TABLES;

export interface RotationResult {
  currentKeyId: string;
  /** Ciphertexts re-encrypted or re-fingerprinted (or, for a dry run, to be), by kind. */
  rotated: Record<CiphertextKind, number>;
  /** Ciphertexts (and fingerprints) already under the current key, by kind. */
  alreadyCurrent: Record<CiphertextKind, number>;
  dryRun: boolean;
}

export class EncryptionKeyNotConfiguredError extends Error {
  readonly code = 'encryption_key_not_configured';
  constructor(readonly keyIds: string[], detail: string) {
    super(
      `${detail} encrypted with key id ${keyIds.join(', ')}, which is not configured: put that key in ENCRYPTION_KEYS_PREVIOUS ` +
        '(comma-separated) next to the new ENCRYPTION_KEY, then run "jamf-sync keys rotate" again. Nothing of the batch was changed.',
    );
    this.name = 'EncryptionKeyNotConfiguredError';
  }
}

export async function rotateKeys(
  db: AppDatabase,
  box: SecretBox | null,
  options: { batchSize?: number; dryRun?: boolean } = {},
): Promise<RotationResult> {
  if (!box) throw new MissingEncryptionKeyError('and re-encrypt secrets (it is the new key; old keys go in ENCRYPTION_KEYS_PREVIOUS)');
  const batchSize = options.batchSize ?? 500;
  const census = await countByKeyId(db, box.currentKeyId);

  // Refuse before touching anything when some ciphertext's key is not configured.
  const unknown = census.filter((c) => !c.current && !box.hasKey(c.key_id));
  if (unknown.length) {
    const detail = unknown.map((c) => `${c.n} ${TABLES[c.kind].label}(s)`).join(' and ');
    throw new EncryptionKeyNotConfiguredError([...new Set(unknown.map((c) => c.key_id))], `${detail} are`);
  }
  const sum = (kind: CiphertextKind, current: boolean) => census.filter((c) => c.kind === kind && c.current === current).reduce((n, c) => n + c.n, 0);
  const result: RotationResult = {
    currentKeyId: box.currentKeyId,
    rotated: { connectionSecrets: sum('connectionSecrets', false), recoveryKeys: sum('recoveryKeys', false), notifySecrets: sum('notifySecrets', false) },
    alreadyCurrent: { connectionSecrets: sum('connectionSecrets', true), recoveryKeys: sum('recoveryKeys', true), notifySecrets: sum('notifySecrets', true) },
    dryRun: Boolean(options.dryRun),
  };
  if (options.dryRun) return result;

  for (const kind of Object.keys(TABLES) as CiphertextKind[]) {
    let rotated = 0;
    for (;;) {
      const n = await rotateBatch(db, box, TABLES[kind], batchSize);
      if (n === 0) break;
      rotated += n;
    }
    result.rotated[kind] = rotated;
  }
  return result;
}

/**
 * SQL: the row is not wholly under the current key (its ciphertext, or its fingerprint when it has
 * one). A missing fingerprint is not stale: an export cleared it because the key would not decrypt,
 * and the next sync stores the key anew (rotating it would only fail on it).
 */
function notCurrent(t: CiphertextTable, currentKeyId: string) {
  const staleFingerprint = t.fingerprint
    ? sql` or t.${sql.raw(t.fingerprint)} not like ${`${fingerprintPrefix(currentKeyId)}%`}`
    : sql``;
  return sql`(t.${sql.raw(t.keyId)} is distinct from ${currentKeyId}${staleFingerprint})`;
}

/** Re-encrypts (and re-fingerprints) up to `limit` rows of one table in one transaction; returns how many. */
async function rotateBatch(db: AppDatabase, box: SecretBox, t: CiphertextTable, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await selectRows<{ key: string; ciphertext: string; key_id: string; what: string | null }>(
      tx,
      sql`select t.${sql.raw(t.key)} as key, t.${sql.raw(t.ciphertext)} as ciphertext, t.${sql.raw(t.keyId)} as key_id,
            ${sql.raw(t.describe)} as what
          from ${sql.raw(t.table)} t
          where t.${sql.raw(t.ciphertext)} is not null and ${notCurrent(t, box.currentKeyId)}
          order by t.${sql.raw(t.key)}
          limit ${limit}
          for update of t`,
    );
    if (!rows.length) return 0;
    const resealed = rows.map((r) => {
      if (!box.hasKey(r.key_id)) throw new EncryptionKeyNotConfiguredError([r.key_id], `the ${t.label} of ${r.what ?? r.key} is`);
      let plaintext: string;
      try {
        plaintext = box.open({ ciphertext: r.ciphertext, keyId: r.key_id });
      } catch (err) {
        // The cause never holds the plaintext (it failed to decrypt); say which row, not what it holds.
        throw new Error(`cannot decrypt the ${t.label} of ${r.what ?? r.key} (key id ${r.key_id}): ${(err as Error).message}. Nothing of the batch was changed.`);
      }
      // Already under the current key (only its fingerprint was stale): the ciphertext stays.
      const sealed = r.key_id === box.currentKeyId ? { ciphertext: r.ciphertext, keyId: r.key_id } : box.seal(plaintext);
      return { key: r.key, oldKeyId: r.key_id, ciphertext: sealed.ciphertext, keyId: sealed.keyId, fingerprint: t.fingerprint ? box.fingerprint(plaintext) : null };
    });
    await tx.execute(sql`update ${sql.raw(t.table)} t
        set ${sql.raw(t.ciphertext)} = x.ciphertext, ${sql.raw(t.keyId)} = x."keyId"
          ${t.fingerprint ? sql`, ${sql.raw(t.fingerprint)} = x.fingerprint` : sql``}
        from jsonb_to_recordset(${JSON.stringify(resealed)}::jsonb) as x(key uuid, "oldKeyId" text, ciphertext text, "keyId" text, fingerprint text)
        where t.${sql.raw(t.key)} = x.key and t.${sql.raw(t.keyId)} = x."oldKeyId"`);
    return rows.length;
  });
}

async function countByKeyId(db: AppDatabase, currentKeyId: string): Promise<Array<{ kind: CiphertextKind; key_id: string; current: boolean; n: number }>> {
  const out: Array<{ kind: CiphertextKind; key_id: string; current: boolean; n: number }> = [];
  for (const kind of Object.keys(TABLES) as CiphertextKind[]) {
    const t = TABLES[kind];
    const rows = await selectRows<{ key_id: string | null; stale: boolean; n: number | string }>(
      db,
      sql`select t.${sql.raw(t.keyId)} as key_id, ${notCurrent(t, currentKeyId)} as stale, count(*)::int as n from ${sql.raw(t.table)} t
          where t.${sql.raw(t.ciphertext)} is not null group by 1, 2`,
    );
    for (const r of rows) out.push({ kind, key_id: r.key_id ?? '(none)', current: !r.stale, n: Number(r.n) });
  }
  return out;
}
