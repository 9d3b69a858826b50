import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { isoTime, RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { requireOrganization } from '../organizations/organization-store';

const COLUMNS = ['serialNumber', 'field', 'old', 'new', 'runId', 'at'] as const;

interface ChangeRecord {
  serialNumber: string;
  field: string;
  old: unknown;
  new: unknown;
  /** null for a change made by an import. */
  runId: string | null;
  at: string;
}

/**
 * `export changes`: the field-level change log (R17), oldest first, in keyset pages by id.
 * "(created)" rows hold the facts an asset was created with. CSV writes text values as they are
 * and other values (numbers, objects) as JSON.
 */
export async function exportChanges(
  deps: { db: AppDatabase },
  sink: TextSink,
  options: { organizationSlug: string; format: ExportFormat; runId?: string | null; pageSize?: number },
): Promise<{ rows: number }> {
  const organization = await requireOrganization(deps.db, options.organizationSlug);
  const writer = new RecordWriter<ChangeRecord>(sink, options.format, COLUMNS, (r) => COLUMNS.map((c) => r[c]));
  const pageSize = options.pageSize ?? 1000;
  let after: string | null = null;
  await writer.begin();
  for (;;) {
    const page: Array<{ id: string | number; serial_number: string; field: string; old_value: unknown; new_value: unknown; run_id: string | null; changed_at: Date | string }> =
      await selectRows(
        deps.db,
        sql`select c.id, a.serial_number, c.field, c.old_value, c.new_value, c.run_id, c.changed_at
            from asset_changes c join assets a on a.id = c.asset_id
            where c.organization_id = ${organization.id}
              ${options.runId ? sql`and c.run_id = ${options.runId}::uuid` : sql``}
              ${after === null ? sql`` : sql`and c.id > ${after}::bigint`}
            order by c.id
            limit ${pageSize}`,
      );
    if (!page.length) break;
    after = String(page[page.length - 1].id);
    await writer.writePage(
      page.map((r) => ({
        serialNumber: r.serial_number,
        field: r.field,
        old: r.old_value,
        new: r.new_value,
        runId: r.run_id,
        at: isoTime(r.changed_at)!,
      })),
    );
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end() };
}
