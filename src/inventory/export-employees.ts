import type { AppDatabase } from '../db/open-database';
import { readEmployees, type EmployeeCursor } from './employee-reader';
import { RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { requireOrganization } from '../organizations/organization-store';

const COLUMNS = ['firstName', 'lastName', 'emails'] as const;

/**
 * `export employees`: name and emails of each employee, in the shape `import employees` reads
 * (CSV: emails separated by ";"), in keyset pages by (name, id) (employee-reader.ts).
 */
export async function exportEmployees(
  deps: { db: AppDatabase },
  sink: TextSink,
  options: { organizationSlug: string; format: ExportFormat; pageSize?: number },
): Promise<{ rows: number }> {
  const organization = await requireOrganization(deps.db, options.organizationSlug);
  const writer = new RecordWriter<{ firstName: string; lastName: string; emails: string[] }>(sink, options.format, COLUMNS, (r) => [
    r.firstName,
    r.lastName,
    r.emails.join(';'),
  ]);
  const pageSize = options.pageSize ?? 1000;
  let after: EmployeeCursor | null = null;
  await writer.begin();
  do {
    const page = await readEmployees(deps.db, organization.id, { limit: pageSize, after });
    await writer.writePage(page.employees.map((e) => ({ firstName: e.firstName, lastName: e.lastName, emails: e.emails })));
    after = page.next;
  } while (after !== null);
  return { rows: await writer.end() };
}
