import type { AppDatabase } from '../db/open-database';
import { RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { readChanges, type ChangeRecord } from './change-log';
import { requireOrganization } from '../organizations/organization-store';

const COLUMNS = ['serialNumber', 'field', 'old', 'new', 'runId', 'at'] as const;

/**
 * `export changes`: the field-level change log (R17), oldest first, in keyset pages by id (change-log.ts).
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
  do {
    const page = await readChanges(deps.db, organization.id, { runId: options.runId, limit: pageSize, after });
    await writer.writePage(page.changes);
    after = page.next;
  } while (after !== null);
  return { rows: await writer.end() };
}
