import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query';
import { selectRows } from '../db/query';

/**
 * The one reader of an organization's employees: `export employees` pages through all of them, the
 * API lists them with filters. In keyset pages by (normalized name, id), the order exports list them in.
 */

export interface StoredEmployee {
  id: string;
  firstName: string;
  lastName: string;
  /** Oldest first: the first is the one an asset's assignee shows. */
  emails: string[];
  /** Assets assigned to the employee. */
  assetCount: number;
}

export interface EmployeeCursor {
  name: string;
  id: string;
}

export interface EmployeeFilter {
  /** Employees with an email starting with this (compared case-insensitively). */
  emailPrefix?: string;
  /** Employees whose "first last" name starts with this (case-insensitive). */
  namePrefix?: string;
  /** Only this employee (an id checked to be a UUID by the caller). */
  id?: string;
}

interface EmployeeRow {
  id: string;
  normalized_name: string;
  first_name: string;
  last_name: string;
  emails: string[] | null;
  asset_count: number | string;
}

/** One page; `next` is null after the last page. */
export async function readEmployees(
  db: Executor,
  organizationId: string,
  page: EmployeeFilter & { limit: number; after?: EmployeeCursor | null },
): Promise<{ employees: StoredEmployee[]; next: EmployeeCursor | null }> {
  const after = page.after ?? null;
  // Names are stored lower case with whitespace collapsed (normalizePersonName); the prefix is compared alike.
  const namePrefix = page.namePrefix?.trim().toLowerCase().replace(/\s+/g, ' ');
  const emailPrefix = page.emailPrefix?.trim().toLowerCase();
  const rows = await selectRows<EmployeeRow>(
    db,
    sql`select e.id, e.normalized_name, e.first_name, e.last_name,
          array(select ee.email from employee_emails ee where ee.employee_id = e.id order by ee.created_at, ee.email) as emails,
          (select count(*) from assets a where a.assignee_employee_id = e.id)::int as asset_count
        from employees e
        where e.organization_id = ${organizationId}
          ${page.id ? sql`and e.id = ${page.id}::uuid` : sql``}
          ${namePrefix ? sql`and starts_with(e.normalized_name, ${namePrefix})` : sql``}
          ${emailPrefix ? sql`and exists (select 1 from employee_emails ee where ee.employee_id = e.id and starts_with(lower(ee.email), ${emailPrefix}))` : sql``}
          ${after === null ? sql`` : sql`and (e.normalized_name, e.id) > (${after.name}, ${after.id}::uuid)`}
        order by e.normalized_name, e.id
        limit ${page.limit}`,
  );
  const last = rows[rows.length - 1];
  return {
    employees: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, emails: r.emails ?? [], assetCount: Number(r.asset_count) })),
    next: last && rows.length === page.limit ? { name: last.normalized_name, id: last.id } : null,
  };
}
