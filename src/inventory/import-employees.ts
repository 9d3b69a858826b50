import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import { normalizeEmail, normalizePersonName, personNameKey } from '../planner/people';
import { checkField, EMPLOYEE_RULES } from './row-fields';
import { jsonParam } from './organization-transaction';
import type { ImportProblems } from './import-problems';
import type { ColumnSpec, ImportRow } from './read-import-file';
import { chunks, runImport, type BatchOutcome, type Importer, type ImportInput, type ImportSummary } from './import-run';

interface EmployeeRow {
  where: string;
  position: number;
  firstName: string;
  lastName: string;
  /** As written (trimmed), de-duplicated by their normalized form. */
  emails: Array<{ email: string; normalized: string }>;
}

/** An employee stored already, as a row of the file finds it by email. */
interface StoredEmployee {
  id: string;
  firstName: string;
  lastName: string;
  nameKey: string;
}

/** HR exports: "First Name", "Last Name", "Email", "Work Email" ... in any case, with spaces or underscores. */
const EMPLOYEE_COLUMNS: ColumnSpec = {
  fields: Object.keys(EMPLOYEE_RULES),
  aliases: {
    givenname: 'firstName',
    surname: 'lastName',
    familyname: 'lastName',
    email: 'emails',
    emailaddress: 'emails',
    workemail: 'emails',
    workemailaddress: 'emails',
    personalemail: 'emails',
    personalemailaddress: 'emails',
  },
  multi: new Set(['emails']),
  required: Object.keys(EMPLOYEE_RULES),
  unknownColumns: 'ignore',
  noun: 'an employee field',
};

/**
 * `import employees`: each row is one employee, matched by email (normalizeEmail: trimmed,
 * case-insensitive, without a plus tag; per organization): no match → a new employee; all its
 * emails on one employee → that employee, with the names of the file; an email of another
 * employee → a row error. Two rows with one email, or two rows on one employee, are errors naming
 * both lines. Any problem anywhere → nothing of the file is written, and every problem is listed.
 */
export function importEmployees(db: AppDatabase, input: ImportInput): Promise<ImportSummary> {
  return runImport(db, input, new EmployeeImporter());
}

class EmployeeImporter implements Importer<EmployeeRow> {
  readonly spec = EMPLOYEE_COLUMNS;
  /** normalized email → where the file first has it. */
  private readonly emailSeenAt = new Map<string, string>();
  /** stored employee id → the row that updates it. */
  private readonly employeeRowOf = new Map<string, string>();
  private readonly unknownKeys = new Set<string>();
  /** Emails written so far: each gets a later created_at, so exports list them in the file's order. */
  private emailsWritten = 0;

  check(row: ImportRow, problems: ImportProblems): EmployeeRow | null {
    const values: Record<string, unknown> = {};
    let valid = true;
    for (const [field, rule] of Object.entries(EMPLOYEE_RULES)) {
      const checked = checkField(row.where, field, rule, row.values[field]);
      if (checked.ok) values[field] = checked.value;
      else {
        problems.add(row, checked.problem, field);
        valid = false;
      }
    }
    for (const key of Object.keys(row.values)) {
      if (Object.hasOwn(EMPLOYEE_RULES, key) || this.unknownKeys.has(key)) continue;
      this.unknownKeys.add(key);
      problems.add(row, `${row.where}: "${key}" is not an employee field (use ${Object.keys(EMPLOYEE_RULES).join(', ')})`, key);
    }
    const emails = new Map<string, string>();
    for (const email of (values.emails as string[] | undefined) ?? []) emails.set(normalizeEmail(email)!, email);
    for (const [normalized, email] of emails) {
      const earlier = this.emailSeenAt.get(normalized);
      if (earlier) {
        problems.add(row, `${row.where}: email ${email} is also on ${earlier} (one employee per email)`, 'emails');
        valid = false;
      } else this.emailSeenAt.set(normalized, row.where);
    }
    if (!valid) return null;
    return {
      where: row.where,
      position: row.position,
      firstName: values.firstName as string,
      lastName: values.lastName as string,
      emails: [...emails].map(([normalized, email]) => ({ email, normalized })),
    };
  }

  async apply(tx: Executor, organizationId: string, batch: EmployeeRow[], problems: ImportProblems, mayWrite: () => boolean): Promise<BatchOutcome> {
    const byEmail = await loadEmployeesByEmail(tx, organizationId, batch.flatMap((r) => r.emails.map((e) => e.normalized)));
    const fresh: Array<{ id: string; firstName: string; lastName: string; normalizedName: string; nameKey: string }> = [];
    const renamed: typeof fresh = [];
    const emails: Array<{ employeeId: string; email: string; normalizedEmail: string }> = [];
    let unchanged = 0;
    for (const row of batch) {
      const nameKey = personNameKey(row.firstName, row.lastName);
      const named = { firstName: row.firstName, lastName: row.lastName, normalizedName: normalizePersonName(row.firstName, row.lastName), nameKey };
      const owners = [...new Set(row.emails.map((e) => byEmail.get(e.normalized)).filter((o): o is StoredEmployee => !!o))];
      if (owners.length > 1) {
        problems.add(row, `${row.where}: its emails belong to different employees (${owners.map(fullName).join('; ')})`, 'emails');
        continue;
      }
      if (owners.length === 0) {
        const id = randomUUID();
        fresh.push({ id, ...named });
        emails.push(...row.emails.map((e) => ({ employeeId: id, email: e.email, normalizedEmail: e.normalized })));
        continue;
      }
      const [employee] = owners;
      const earlierRow = this.employeeRowOf.get(employee.id);
      if (earlierRow) {
        problems.add(row, `${row.where}: is the same employee (${fullName(employee)}, by email) as ${earlierRow}`);
        continue;
      }
      this.employeeRowOf.set(employee.id, row.where);
      const newEmails = row.emails.filter((e) => !byEmail.has(e.normalized));
      if (newEmails.length && employee.nameKey !== nameKey) {
        // Some emails are someone's, others are not: not clearly the same person, so refuse.
        const taken = row.emails.filter((e) => byEmail.has(e.normalized)).map((e) => e.email);
        problems.add(row, `${row.where}: email ${taken.join(', ')} already belongs to another employee (${fullName(employee)})`, 'emails');
        continue;
      }
      emails.push(...newEmails.map((e) => ({ employeeId: employee.id, email: e.email, normalizedEmail: e.normalized })));
      const namesChanged = employee.firstName !== row.firstName || employee.lastName !== row.lastName;
      if (namesChanged) renamed.push({ id: employee.id, ...named });
      if (!namesChanged && !newEmails.length) unchanged++;
    }
    const updated = new Set([...renamed.map((e) => e.id), ...emails.map((e) => e.employeeId)]).size - fresh.length;
    if (mayWrite()) await this.write(tx, organizationId, fresh, renamed, emails);
    return { created: fresh.length, updated, unchanged };
  }

  private async write(
    tx: Executor,
    organizationId: string,
    fresh: Array<{ id: string }>,
    renamed: Array<{ id: string }>,
    emails: Array<{ employeeId: string; email: string; normalizedEmail: string }>,
  ): Promise<void> {
    if (fresh.length) {
      await tx.execute(sql`insert into employees (id, organization_id, first_name, last_name, normalized_name, name_key, source)
        select id, ${organizationId}, "firstName", "lastName", "normalizedName", "nameKey", 'import'
        from jsonb_to_recordset(${jsonParam(fresh)}) as x(id uuid, "firstName" text, "lastName" text, "normalizedName" text, "nameKey" text)`);
    }
    if (renamed.length) {
      await tx.execute(sql`update employees e set first_name = x."firstName", last_name = x."lastName",
          normalized_name = x."normalizedName", name_key = x."nameKey", updated_at = now()
        from jsonb_to_recordset(${jsonParam(renamed)}) as x(id uuid, "firstName" text, "lastName" text, "normalizedName" text, "nameKey" text)
        where e.id = x.id and e.organization_id = ${organizationId}`);
    }
    if (emails.length) {
      // Each email a microsecond after the previous one (now() is the transaction's start), so
      // exports list them in the file's order (an employee's first email is the one shown as an
      // asset's assigneeEmail).
      await tx.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email, created_at)
        select ${organizationId}, (e.doc->>'employeeId')::uuid, e.doc->>'email', e.doc->>'normalizedEmail',
          now() + make_interval(secs => (${this.emailsWritten} + e.n) / 1e6)
        from jsonb_array_elements(${jsonParam(emails)}) with ordinality as e(doc, n)`);
      this.emailsWritten += emails.length;
    }
  }

  ignoredFields(): string[] {
    return [];
  }
}

async function loadEmployeesByEmail(tx: Executor, organizationId: string, emails: string[]): Promise<Map<string, StoredEmployee>> {
  const byId = new Map<string, StoredEmployee>();
  const byEmail = new Map<string, StoredEmployee>();
  for (const part of chunks([...new Set(emails)], 5000)) {
    const found = await selectRows<{ normalized_email: string; id: string; first_name: string; last_name: string; name_key: string | null }>(
      tx,
      sql`select ee.normalized_email, e.id, e.first_name, e.last_name, e.name_key
          from employee_emails ee join employees e on e.id = ee.employee_id
          where ee.organization_id = ${organizationId} and ee.normalized_email = any(${pgTextArray(part)}::text[])`,
    );
    for (const r of found) {
      let employee = byId.get(r.id);
      if (!employee) {
        employee = { id: r.id, firstName: r.first_name, lastName: r.last_name, nameKey: r.name_key ?? personNameKey(r.first_name, r.last_name) };
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
