import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import { normalizeEmail, normalizePersonName } from '../planner/people';
import { readImportRows } from './read-import-file';
import { checkField, EMPLOYEE_RULES } from './row-fields';
import { InvalidInputError } from '../errors/invalid-input-error';
import { inOrganizationTransaction, jsonParam } from './organization-transaction';

export interface ImportSummary {
  organization: string;
  format: 'json' | 'csv';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

interface EmployeeRow {
  where: string;
  firstName: string;
  lastName: string;
  /** As written (trimmed), de-duplicated by their normalized form. */
  emails: Array<{ email: string; normalized: string }>;
}

/** An employee as the import sees it: stored already, or made by an earlier row of the file. */
interface EmployeeState {
  id: string;
  firstName: string;
  lastName: string;
  normalizedName: string;
  isNew: boolean;
  namesChanged: boolean;
  addedEmails: Array<{ email: string; normalized: string }>;
}

/**
 * `import employees`: validates every row, then in one transaction matches each row to employees by
 * email (trimmed, case-insensitive, per organization): no match → a new employee; all its emails on
 * one employee → that employee, with the names of the file; an email of another employee → a row
 * error. Any problem anywhere → nothing of the file is written, and every problem is listed.
 */
export async function importEmployees(
  db: AppDatabase,
  input: { organizationSlug: string; fileName: string; text: string },
): Promise<ImportSummary> {
  const file = readImportRows(input.text, input.fileName);
  const problems = [...file.problems];
  const rows: EmployeeRow[] = [];
  const unknown = new Map<string, string>();
  for (const row of file.rows) {
    const values: Record<string, unknown> = {};
    let valid = true;
    for (const [field, rule] of Object.entries(EMPLOYEE_RULES)) {
      const checked = checkField(row.where, field, rule, row.values[field]);
      if (checked.ok) values[field] = checked.value;
      else {
        problems.push(checked.problem);
        valid = false;
      }
    }
    for (const key of Object.keys(row.values)) if (!Object.hasOwn(EMPLOYEE_RULES, key) && !unknown.has(key)) unknown.set(key, row.where);
    if (!valid) continue;
    const emails = new Map<string, string>();
    for (const email of values.emails as string[]) emails.set(normalizeEmail(email)!, email);
    rows.push({
      where: row.where,
      firstName: values.firstName as string,
      lastName: values.lastName as string,
      emails: [...emails].map(([normalized, email]) => ({ email, normalized })),
    });
  }
  for (const [key, where] of unknown) {
    problems.push(`${where}: "${key}" is not an employee field (use ${Object.keys(EMPLOYEE_RULES).join(', ')})`);
  }

  return inOrganizationTransaction(db, input.organizationSlug, async (tx, organizationId) => {
    const byEmail = await loadEmployeesByEmail(tx, organizationId, rows.flatMap((r) => r.emails.map((e) => e.normalized)));
    const touched = new Set<EmployeeState>();
    let created = 0;
    for (const row of rows) {
      const normalizedName = normalizePersonName(row.firstName, row.lastName);
      const owners = [...new Set(row.emails.map((e) => byEmail.get(e.normalized)).filter((o): o is EmployeeState => !!o))];
      if (owners.length > 1) {
        problems.push(`${row.where}: its emails belong to different employees (${owners.map(fullName).join('; ')})`);
        continue;
      }
      if (owners.length === 0) {
        const employee: EmployeeState = {
          id: randomUUID(),
          firstName: row.firstName,
          lastName: row.lastName,
          normalizedName,
          isNew: true,
          namesChanged: false,
          addedEmails: [...row.emails],
        };
        for (const e of row.emails) byEmail.set(e.normalized, employee);
        touched.add(employee);
        created++;
        continue;
      }
      const [employee] = owners;
      const newEmails = row.emails.filter((e) => !byEmail.has(e.normalized));
      if (newEmails.length && employee.normalizedName !== normalizedName) {
        // Some emails are someone's, others are not: not clearly the same person, so refuse.
        const taken = row.emails.filter((e) => byEmail.has(e.normalized)).map((e) => e.email);
        problems.push(`${row.where}: email ${taken.join(', ')} already belongs to another employee (${fullName(employee)})`);
        continue;
      }
      for (const e of newEmails) byEmail.set(e.normalized, employee);
      employee.addedEmails.push(...newEmails);
      if (employee.firstName !== row.firstName || employee.lastName !== row.lastName) {
        Object.assign(employee, { firstName: row.firstName, lastName: row.lastName, normalizedName, namesChanged: true });
      }
      touched.add(employee);
    }
    if (problems.length) {
      throw new InvalidInputError(`${input.fileName}: ${problems.length} problem(s), nothing was written`, problems);
    }

    const all = [...touched];
    const fresh = all.filter((e) => e.isNew);
    const renamed = all.filter((e) => !e.isNew && e.namesChanged);
    const emails = all.flatMap((e) => e.addedEmails.map((m) => ({ employeeId: e.id, email: m.email, normalizedEmail: m.normalized })));
    for (const part of chunks(fresh)) {
      await tx.execute(sql`insert into employees (id, organization_id, first_name, last_name, normalized_name, source)
        select id, ${organizationId}, "firstName", "lastName", "normalizedName", 'import'
        from jsonb_to_recordset(${jsonParam(part)}) as x(id uuid, "firstName" text, "lastName" text, "normalizedName" text)`);
    }
    for (const part of chunks(renamed)) {
      await tx.execute(sql`update employees e set first_name = x."firstName", last_name = x."lastName",
          normalized_name = x."normalizedName", updated_at = now()
        from jsonb_to_recordset(${jsonParam(part)}) as x(id uuid, "firstName" text, "lastName" text, "normalizedName" text)
        where e.id = x.id and e.organization_id = ${organizationId}`);
    }
    for (const [n, part] of chunks(emails).entries()) {
      // Each email a microsecond after the previous one, so exports list them in the file's order
      // (an employee's first email is the one shown as an asset's assigneeEmail).
      await tx.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email, created_at)
        select ${organizationId}, (e.doc->>'employeeId')::uuid, e.doc->>'email', e.doc->>'normalizedEmail',
          now() + make_interval(secs => (${n * 1000} + e.n) / 1e6)
        from jsonb_array_elements(${jsonParam(part)}) with ordinality as e(doc, n)`);
    }
    const updated = all.filter((e) => !e.isNew && (e.namesChanged || e.addedEmails.length)).length;
    return { organization: input.organizationSlug, format: file.format, rows: file.rows.length, created, updated, unchanged: all.length - created - updated };
  });
}

async function loadEmployeesByEmail(tx: Executor, organizationId: string, emails: string[]): Promise<Map<string, EmployeeState>> {
  const byId = new Map<string, EmployeeState>();
  const byEmail = new Map<string, EmployeeState>();
  for (const part of chunks([...new Set(emails)], 5000)) {
    const found = await selectRows<{ normalized_email: string; id: string; first_name: string; last_name: string; normalized_name: string }>(
      tx,
      sql`select ee.normalized_email, e.id, e.first_name, e.last_name, e.normalized_name
          from employee_emails ee join employees e on e.id = ee.employee_id
          where ee.organization_id = ${organizationId} and ee.normalized_email = any(${pgTextArray(part)}::text[])`,
    );
    for (const r of found) {
      let employee = byId.get(r.id);
      if (!employee) {
        employee = {
          id: r.id,
          firstName: r.first_name,
          lastName: r.last_name,
          normalizedName: r.normalized_name,
          isNew: false,
          namesChanged: false,
          addedEmails: [],
        };
        byId.set(r.id, employee);
      }
      byEmail.set(r.normalized_email, employee);
    }
  }
  return byEmail;
}

function fullName(e: { firstName: string; lastName: string }): string {
  return `${e.firstName} ${e.lastName}`;
}

export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
