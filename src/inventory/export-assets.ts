import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { AppError } from '../errors/app-error';
import { assetExportFields, selectAssetColumns, SETTABLE_ASSET_COLUMNS } from './asset-fields';
import { isoTime, RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { jsonParam } from './organization-transaction';
import { requireOrganization } from '../organizations/organization-store';

export interface ExportAssetsOptions {
  organizationSlug: string;
  format: ExportFormat;
  /** R12: ops-only fields, with the recovery key decrypted; each key read is audited. */
  includeSecure?: boolean;
  /** Who reads the secure fields (audit), e.g. "cli:jane". */
  actor: string;
  reason?: string | null;
  pageSize?: number;
}

export interface ExportResult {
  rows: number;
  /** Recovery keys decrypted (and audited) by this export. */
  recoveryKeysRead: number;
  /** Recovery keys that could not be decrypted: their rows were exported without them, and their reads not audited. */
  unreadableRecoveryKeys: UnreadableRecoveryKey[];
}

export interface UnreadableRecoveryKey {
  serialNumber: string;
  keyId: string;
  reason: string;
}

type AssetPageRow = Record<string, unknown> & {
  id: string;
  serialNumber: string;
  assigneeEmail: string | null;
  jamfPresence: string | null;
  jamfRemovedAt: Date | string | null;
  activationLockEnabled?: boolean | null;
  recoveryLockEnabled?: boolean | null;
  appleCareId?: string | null;
  recoveryKeyCiphertext?: string | null;
  recoveryKeyKeyId?: string | null;
};

/**
 * `export assets`: every asset of the organization under the field names `explain` prints, plus
 * the inventory's own fields. Rows are read in keyset pages by serial number and written as they
 * come, so memory does not grow with the fleet. With includeSecure, each page's recovery keys are
 * decrypted in memory, the reads of those that opened are written to secure_field_reads, and only
 * then is the page printed (R12). A key that does not open (a damaged ciphertext) is named in the
 * result, its row printed without it and its read not audited, its fingerprint cleared so the next
 * sync stores it again; the export goes on.
 */
export async function exportAssets(
  deps: { db: AppDatabase; box: SecretBox | null },
  sink: TextSink,
  options: ExportAssetsOptions,
): Promise<ExportResult> {
  const { db, box } = deps;
  const organization = await requireOrganization(db, options.organizationSlug);
  const includeSecure = Boolean(options.includeSecure);
  if (includeSecure) await checkRecoveryKeysReadable(db, organization.id, box);

  const columns = assetExportFields(includeSecure);
  const writer = new RecordWriter<Record<string, unknown>>(sink, options.format, columns, (record) => {
    const secure = (record.secure ?? {}) as Record<string, unknown>;
    return columns.map((c) => (c in record ? record[c] : secure[c]));
  });
  const pageSize = options.pageSize ?? 1000;
  let after: string | null = null;
  let recoveryKeysRead = 0;
  const unreadableRecoveryKeys: UnreadableRecoveryKey[] = [];
  await writer.begin();
  for (;;) {
    const page: AssetPageRow[] = await selectRows<AssetPageRow>(
      db,
      sql`select a.id, a.serial_number as "serialNumber", ${selectAssetColumns('a')},
            (select ee.email from employee_emails ee where ee.employee_id = a.assignee_employee_id
             order by ee.created_at, ee.email limit 1) as "assigneeEmail",
            a.jamf_presence as "jamfPresence", a.jamf_removed_at as "jamfRemovedAt"
            ${includeSecure ? SECURE_COLUMNS : sql``}
          from assets a
          ${includeSecure ? sql`left join asset_secure_fields s on s.asset_id = a.id` : sql``}
          where a.organization_id = ${organization.id} ${after === null ? sql`` : sql`and a.serial_number > ${after}`}
          order by a.serial_number
          limit ${pageSize}`,
    );
    if (!page.length) break;
    after = page[page.length - 1].serialNumber;

    let recoveryKeys = new Map<string, string>();
    if (includeSecure && box) {
      const opened = openRecoveryKeys(page, box);
      recoveryKeys = opened.keys;
      unreadableRecoveryKeys.push(...opened.unreadable.map(({ assetId: _id, ciphertext: _c, ...u }) => u));
      await forgetFingerprints(db, opened.unreadable);
      const reads = [...recoveryKeys.keys()].map((assetId) => ({ assetId, actor: options.actor, reason: options.reason ?? null }));
      if (reads.length) {
        // Audited before printing: a read that cannot be recorded does not happen.
        await db.execute(sql`insert into secure_field_reads (organization_id, asset_id, actor, field, reason)
          select ${organization.id}, "assetId", actor, 'recoveryKey', reason
          from jsonb_to_recordset(${jsonParam(reads)}) as x("assetId" uuid, actor text, reason text)`);
        recoveryKeysRead += reads.length;
      }
    }
    await writer.writePage(page.map((r) => toRecord(r, includeSecure ? recoveryKeys : undefined)));
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end(), recoveryKeysRead, unreadableRecoveryKeys };
}

/** Decrypts a page's recovery keys in memory: the keys that opened by asset id, and the ones that did not. */
type Unopened = UnreadableRecoveryKey & { assetId: string; ciphertext: string };

function openRecoveryKeys(page: readonly AssetPageRow[], box: SecretBox): { keys: Map<string, string>; unreadable: Unopened[] } {
  const keys = new Map<string, string>();
  const unreadable: Unopened[] = [];
  for (const row of page) {
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
async function forgetFingerprints(db: AppDatabase, unreadable: readonly Unopened[]): Promise<void> {
  if (!unreadable.length) return;
  await db.execute(sql`update asset_secure_fields t set recovery_key_fingerprint = null
    from jsonb_to_recordset(${jsonParam(unreadable.map((u) => ({ assetId: u.assetId, ciphertext: u.ciphertext })))}) as x("assetId" uuid, ciphertext text)
    where t.asset_id = x."assetId" and t.recovery_key_ciphertext = x.ciphertext`);
}

const SECURE_COLUMNS = sql`, s.activation_lock_enabled as "activationLockEnabled", s.recovery_lock_enabled as "recoveryLockEnabled",
  s.apple_care_id as "appleCareId", s.recovery_key_ciphertext as "recoveryKeyCiphertext", s.recovery_key_key_id as "recoveryKeyKeyId"`;

/** `recoveryKeys` undefined: no secure fields; else the page's decrypted keys by asset id. */
function toRecord(row: AssetPageRow, recoveryKeys: ReadonlyMap<string, string> | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = { serialNumber: row.serialNumber };
  for (const c of SETTABLE_ASSET_COLUMNS) record[c.field] = row[c.field] ?? null;
  record.assigneeEmail = row.assigneeEmail;
  record.jamfPresence = row.jamfPresence;
  record.jamfRemovedAt = isoTime(row.jamfRemovedAt);
  if (recoveryKeys !== undefined) {
    record.secure = {
      activationLockEnabled: row.activationLockEnabled ?? null,
      recoveryLockEnabled: row.recoveryLockEnabled ?? null,
      appleCareId: row.appleCareId ?? null,
      recoveryKey: recoveryKeys.get(row.id) ?? null,
    };
  }
  return record;
}

/** Before printing anything: every stored recovery key must be decryptable with the configured keys. */
async function checkRecoveryKeysReadable(db: AppDatabase, organizationId: string, box: SecretBox | null): Promise<void> {
  const keyIds = await selectRows<{ key_id: string }>(
    db,
    sql`select distinct recovery_key_key_id as key_id from asset_secure_fields
        where organization_id = ${organizationId} and recovery_key_ciphertext is not null`,
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
