import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { SecretBox } from '../crypto/secret-box';
import { assetExportFields, selectAssetColumns, SETTABLE_ASSET_COLUMNS } from './asset-fields';
import { isoTime, RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import {
  checkRecoveryKeysReadable,
  forgetFingerprints,
  openRecoveryKeys,
  recordRecoveryKeyReads,
  SECURE_COLUMNS,
  type SecureColumns,
  type UnreadableRecoveryKey,
} from './secure-fields';
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

export type { UnreadableRecoveryKey } from './secure-fields';

type AssetPageRow = Record<string, unknown> &
  SecureColumns & {
    id: string;
    serialNumber: string;
    assigneeEmail: string | null;
    jamfPresence: string | null;
    jamfRemovedAt: Date | string | null;
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
      // Audited before printing: a read that cannot be recorded does not happen.
      await recordRecoveryKeyReads(db, organization.id, reads);
      recoveryKeysRead += reads.length;
    }
    await writer.writePage(page.map((r) => toRecord(r, includeSecure ? recoveryKeys : undefined)));
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end(), recoveryKeysRead, unreadableRecoveryKeys };
}

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

