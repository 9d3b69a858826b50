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
 * come, so memory does not grow with the fleet. With includeSecure, each page's recovery-key reads
 * are written to secure_field_reads before the keys are decrypted and printed (R12).
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

    if (includeSecure) {
      const reads = page
        .filter((r) => r.recoveryKeyCiphertext)
        .map((r) => ({ assetId: r.id, actor: options.actor, reason: options.reason ?? null }));
      if (reads.length) {
        // Audited before decrypting: a read that cannot be recorded does not happen.
        await db.execute(sql`insert into secure_field_reads (organization_id, asset_id, actor, field, reason)
          select ${organization.id}, "assetId", actor, 'recoveryKey', reason
          from jsonb_to_recordset(${jsonParam(reads)}) as x("assetId" uuid, actor text, reason text)`);
        recoveryKeysRead += reads.length;
      }
    }
    await writer.writePage(page.map((r) => toRecord(r, includeSecure ? box : undefined)));
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end(), recoveryKeysRead };
}

const SECURE_COLUMNS = sql`, s.activation_lock_enabled as "activationLockEnabled", s.recovery_lock_enabled as "recoveryLockEnabled",
  s.apple_care_id as "appleCareId", s.recovery_key_ciphertext as "recoveryKeyCiphertext", s.recovery_key_key_id as "recoveryKeyKeyId"`;

/** `box` undefined: no secure fields; null: none configured (then no keys exist, checked first). */
function toRecord(row: AssetPageRow, box: SecretBox | null | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = { serialNumber: row.serialNumber };
  for (const c of SETTABLE_ASSET_COLUMNS) record[c.field] = row[c.field] ?? null;
  record.assigneeEmail = row.assigneeEmail;
  record.jamfPresence = row.jamfPresence;
  record.jamfRemovedAt = isoTime(row.jamfRemovedAt);
  if (box !== undefined) {
    record.secure = {
      activationLockEnabled: row.activationLockEnabled ?? null,
      recoveryLockEnabled: row.recoveryLockEnabled ?? null,
      appleCareId: row.appleCareId ?? null,
      recoveryKey:
        row.recoveryKeyCiphertext && row.recoveryKeyKeyId && box
          ? box.open({ ciphertext: row.recoveryKeyCiphertext, keyId: row.recoveryKeyKeyId })
          : null,
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
