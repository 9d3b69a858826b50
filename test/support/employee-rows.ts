import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { normalizeEmail, normalizePersonName, personNameKey } from '../../src/planner/people';

/** Stores an employee as an import does (the same keys), for tests that need one before a sync. */
export async function insertEmployee(db: AppDatabase, organizationId: string, first: string, last: string, emails: string[]): Promise<string> {
  const [{ id }] = await selectRows<{ id: string }>(db, sql`insert into employees (organization_id, first_name, last_name, normalized_name, name_key, source)
    values (${organizationId}, ${first}, ${last}, ${normalizePersonName(first, last)}, ${personNameKey(first, last)}, 'import') returning id`);
  for (const email of emails) {
    await db.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email)
      values (${organizationId}, ${id}, ${email}, ${normalizeEmail(email)})`);
  }
  return id;
}
