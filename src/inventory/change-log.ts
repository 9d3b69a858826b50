import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query';
import { selectRows } from '../db/query';
import { isoTime } from './export-writer';

/**
 * The one reader of the field-level change log (R17) for an organization: `export changes` pages
 * through all of it, the API filters it (`GET …/changes`) and shows one asset's history from it.
 * Oldest first, in keyset pages by the change's id.
 */

export interface ChangeRecord {
  serialNumber: string;
  field: string;
  old: unknown;
  new: unknown;
  /** null for a change made by an import. */
  runId: string | null;
  at: string;
}

export interface ChangeFilter {
  runId?: string | null;
  /** The asset's serial number as stored (upper case). */
  serial?: string;
  field?: string;
  since?: Date;
  /** Exclusive: changes before this time. */
  until?: Date;
}

interface ChangeRow {
  id: string | number;
  serial_number: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  run_id: string | null;
  changed_at: Date | string;
}

/** One page; `next` (the last change's id) is null after the last page. Ids are passed as read: callers check run ids look like UUIDs. */
export async function readChanges(
  db: Executor,
  organizationId: string,
  page: ChangeFilter & { limit: number; after?: string | null },
): Promise<{ changes: ChangeRecord[]; next: string | null }> {
  const rows = await selectRows<ChangeRow>(
    db,
    sql`select c.id, a.serial_number, c.field, c.old_value, c.new_value, c.run_id, c.changed_at
        from asset_changes c join assets a on a.id = c.asset_id
        where c.organization_id = ${organizationId}
          ${page.runId ? sql`and c.run_id = ${page.runId}::uuid` : sql``}
          ${page.serial ? sql`and a.serial_number = ${page.serial}` : sql``}
          ${page.field ? sql`and c.field = ${page.field}` : sql``}
          ${page.since ? sql`and c.changed_at >= ${page.since.toISOString()}::timestamptz` : sql``}
          ${page.until ? sql`and c.changed_at < ${page.until.toISOString()}::timestamptz` : sql``}
          ${page.after ? sql`and c.id > ${page.after}::bigint` : sql``}
        order by c.id
        limit ${page.limit}`,
  );
  const last = rows[rows.length - 1];
  return {
    changes: rows.map((r) => ({
      serialNumber: r.serial_number,
      field: r.field,
      old: r.old_value,
      new: r.new_value,
      runId: r.run_id,
      at: isoTime(r.changed_at)!,
    })),
    next: last && rows.length === page.limit ? String(last.id) : null,
  };
}
