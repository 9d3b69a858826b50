import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { RecordWriter, type ExportFormat, type TextSink } from './export-writer';
import { requireOrganization } from '../organizations/organization-store';

const COLUMNS = ['firstName', 'lastName', 'emails'] as const;

/**
 * `export employees`: name and emails of each employee, in the shape `import employees` reads
 * (CSV: emails separated by ";"), in keyset pages by (name, id).
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
  let after: { name: string; id: string } | null = null;
  await writer.begin();
  for (;;) {
    const page: Array<{ id: string; normalized_name: string; first_name: string; last_name: string; emails: string[] | null }> = await selectRows(
      deps.db,
      sql`select e.id, e.normalized_name, e.first_name, e.last_name,
            array(select ee.email from employee_emails ee where ee.employee_id = e.id order by ee.created_at, ee.email) as emails
          from employees e
          where e.organization_id = ${organization.id}
            ${after === null ? sql`` : sql`and (e.normalized_name, e.id) > (${after.name}, ${after.id}::uuid)`}
          order by e.normalized_name, e.id
          limit ${pageSize}`,
    );
    if (!page.length) break;
    const last = page[page.length - 1];
    after = { name: last.normalized_name, id: last.id };
    await writer.writePage(page.map((r) => ({ firstName: r.first_name, lastName: r.last_name, emails: r.emails ?? [] })));
    if (page.length < pageSize) break;
  }
  return { rows: await writer.end() };
}
