import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import { normalizeEmail } from '../planner/people';
import { ASSET_RULES, checkField, kindRule, type FieldRule, type RowValue } from './row-fields';
import { EXPORT_ONLY_ASSET_FIELDS, SECURE_ASSET_FIELDS, SETTABLE_ASSET_COLUMNS, assetExportFields, selectAssetColumns, sqlTypeOf } from './asset-fields';
import { jsonParam } from './organization-transaction';
import type { ImportProblems } from './import-problems';
import type { ColumnSpec, ImportRow } from './read-import-file';
import { chunks, runImport, type BatchOutcome, type Importer, type ImportInput, type ImportSummary } from './import-run';

interface AssetRow {
  where: string;
  position: number;
  /** False when the row has a problem already: it is still checked against the database, not written. */
  valid: boolean;
  serialNumber: string;
  /** Settable field → value (null: clear it). Absent fields keep what is stored. */
  given: Map<string, RowValue>;
  /** undefined: keep the assignee; null: no assignee; else the email of an employee. */
  assigneeEmail: string | null | undefined;
}

interface ExistingAsset {
  id: string;
  serialNumber: string;
  values: Record<string, RowValue>;
  assigneeId: string | null;
  assigneeEmail: string | null;
}

/** A Map: the keys are a file's column names, and a column "constructor" must not find Object.prototype's. */
const RULES: ReadonlyMap<string, FieldRule> = new Map(
  SETTABLE_ASSET_COLUMNS.map((c) => [c.field, ASSET_RULES[c.field] ?? kindRule(c.kind)]),
);
const IGNORED = new Set<string>([...EXPORT_ONLY_ASSET_FIELDS, ...SECURE_ASSET_FIELDS, 'secure']);
const REQUIRED_ON_CREATE = ['assetType', 'status'];
const NOT_CLEARABLE = new Set(['assetType', 'status']);

/** An export's columns, in any case with spaces or underscores ("Serial Number", "asset_type"); a column that is none of them is refused (a typo would lose data). */
const ASSET_COLUMNS: ColumnSpec = {
  fields: assetExportFields(true),
  aliases: { serial: 'serialNumber', serialno: 'serialNumber', assignee: 'assigneeEmail' },
  multi: new Set(),
  required: ['serialNumber'],
  unknownColumns: 'refuse',
  noun: 'an asset field',
};

/**
 * `import assets`: the customer's inventory (their data, so status, condition, location and
 * assignee are set here, R6). An existing serial is updated in the fields the file gives; a new one
 * is created with source "import". An assignee must be an employee of the organization; two rows
 * with one serial are an error naming both lines. Any problem → nothing of the file is written,
 * and every problem is listed. Changes go to the change log with no run id.
 */
export function importAssets(db: AppDatabase, input: ImportInput): Promise<ImportSummary> {
  return runImport(db, input, new AssetImporter(input.organizationSlug));
}

type Create = { id: string; serialNumber: string; assigneeId: string | null; data: Record<string, RowValue> };
type Update = { id: string; setAssignee: boolean; assigneeId: string | null; data: Record<string, RowValue> };
type Change = { assetId: string; field: string; old: unknown; new: unknown };

class AssetImporter implements Importer<AssetRow> {
  readonly spec = ASSET_COLUMNS;
  /** serial → where the file first has it. */
  private readonly serialSeenAt = new Map<string, string>();
  private readonly unknownKeys = new Set<string>();
  private readonly ignored = new Set<string>();

  constructor(private readonly organizationSlug: string) {}

  check(row: ImportRow, problems: ImportProblems): AssetRow {
    let valid = true;
    const fail = (problem: string, field: string | null = null) => {
      problems.add(row, problem, field);
      valid = false;
    };
    const serial = checkField(row.where, 'serialNumber', ASSET_RULES.serialNumber, row.values.serialNumber);
    if (!serial.ok) fail(serial.problem, 'serialNumber');
    const given = new Map<string, RowValue>();
    let assigneeEmail: string | null | undefined;
    for (const [key, raw] of Object.entries(row.values)) {
      if (key === 'serialNumber') continue;
      if (IGNORED.has(key)) {
        this.ignored.add(key);
        continue;
      }
      const rule = key === 'assigneeEmail' ? ASSET_RULES.assigneeEmail : RULES.get(key);
      if (!rule) {
        if (!this.unknownKeys.has(key)) {
          this.unknownKeys.add(key);
          fail(`${row.where}: "${key}" is not an asset field (use serialNumber, ${[...RULES.keys()].join(', ')}, assigneeEmail)`, key);
        }
        continue;
      }
      const checked = checkField(row.where, key, rule, raw);
      if (!checked.ok) fail(checked.problem, key);
      else if (key === 'assigneeEmail') assigneeEmail = checked.value as string | null;
      else given.set(key, checked.value as RowValue);
    }
    for (const field of NOT_CLEARABLE) {
      if (given.has(field) && given.get(field) === null) fail(`${row.where}: ${field} cannot be empty`, field);
    }
    const serialNumber = serial.ok ? (serial.value as string) : '';
    const earlier = this.serialSeenAt.get(serialNumber);
    if (earlier) fail(`${row.where}: serialNumber "${serialNumber}" is also on ${earlier}`, 'serialNumber');
    else if (serialNumber) this.serialSeenAt.set(serialNumber, row.where);
    return { where: row.where, position: row.position, valid, serialNumber, given, assigneeEmail };
  }

  async apply(tx: Executor, organizationId: string, rows: AssetRow[], problems: ImportProblems, mayWrite: () => boolean): Promise<BatchOutcome> {
    const existing = await loadAssetsBySerial(tx, organizationId, rows.filter((r) => r.valid).map((r) => r.serialNumber));
    const employeeIds = await loadEmployeeIdsByEmail(
      tx,
      organizationId,
      rows.map((r) => normalizeEmail(r.assigneeEmail)).filter((e): e is string => !!e),
    );
    const creates: Create[] = [];
    const updates: Update[] = [];
    const changeLog: Change[] = [];
    let unchanged = 0;

    for (const row of rows) {
      let assigneeId: string | null | undefined;
      if (row.assigneeEmail) {
        assigneeId = employeeIds.get(normalizeEmail(row.assigneeEmail)!);
        if (!assigneeId) {
          problems.add(
            row,
            `${row.where}: assigneeEmail "${row.assigneeEmail}" is not an employee of organization "${this.organizationSlug}" (import employees first)`,
            'assigneeEmail',
          );
          continue;
        }
      } else if (row.assigneeEmail === null) assigneeId = null;
      if (!row.valid) continue;

      const current = existing.get(row.serialNumber);
      if (!current) {
        const missing = REQUIRED_ON_CREATE.filter((f) => !row.given.has(f));
        if (missing.length) {
          problems.add(row, `${row.where}: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required for a new asset ("${row.serialNumber}")`, missing[0]);
          continue;
        }
        const id = randomUUID();
        const data = Object.fromEntries(row.given);
        creates.push({ id, serialNumber: row.serialNumber, assigneeId: assigneeId ?? null, data });
        changeLog.push({
          assetId: id,
          field: '(created)',
          old: null,
          new: { serialNumber: row.serialNumber, ...dropNulls(data), ...(row.assigneeEmail ? { assigneeEmail: row.assigneeEmail } : {}) },
        });
        continue;
      }

      const data: Record<string, RowValue> = {};
      for (const [field, value] of row.given) {
        const old = current.values[field] ?? null;
        if (sameValue(old, value)) continue;
        data[field] = value;
        changeLog.push({ assetId: current.id, field, old, new: value });
      }
      const setAssignee = assigneeId !== undefined && assigneeId !== current.assigneeId;
      if (setAssignee) {
        changeLog.push({ assetId: current.id, field: 'assigneeEmail', old: current.assigneeEmail, new: row.assigneeEmail ?? null });
      }
      if (!setAssignee && !Object.keys(data).length) {
        unchanged++;
        continue;
      }
      updates.push({ id: current.id, setAssignee, assigneeId: assigneeId ?? null, data });
    }
    if (mayWrite()) await write(tx, organizationId, creates, updates, changeLog);
    return { created: creates.length, updated: updates.length, unchanged };
  }

  ignoredFields(): string[] {
    return [...this.ignored];
  }
}

async function write(tx: Executor, organizationId: string, creates: Create[], updates: Update[], changeLog: Change[]): Promise<void> {
  for (const part of chunks(creates)) {
    await tx.execute(sql`insert into assets (id, organization_id, serial_number, assignee_employee_id, source, ${COLUMN_LIST})
      select x.id, ${organizationId}, x."serialNumber", x."assigneeId", 'import', ${VALUES_FROM_DATA}
      from jsonb_to_recordset(${jsonParam(part)}) as x(id uuid, "serialNumber" text, "assigneeId" uuid, data jsonb)`);
  }
  for (const part of chunks(updates)) {
    await tx.execute(sql`update assets a set ${SET_FROM_DATA},
        assignee_employee_id = case when x."setAssignee" then x."assigneeId" else a.assignee_employee_id end,
        updated_at = now()
      from jsonb_to_recordset(${jsonParam(part)}) as x(id uuid, "setAssignee" boolean, "assigneeId" uuid, data jsonb)
      where a.id = x.id and a.organization_id = ${organizationId}`);
  }
  for (const part of chunks(changeLog)) {
    await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
      select ${organizationId}, "assetId", null, field, old, new
      from jsonb_to_recordset(${jsonParam(part)}) as x("assetId" uuid, field text, old jsonb, new jsonb)`);
  }
}

// Static SQL built from the field table (no user input): a value is read from the row's JSON document.
const valueOf = (c: (typeof SETTABLE_ASSET_COLUMNS)[number]) =>
  c.kind === 'text' ? `x.data->>'${c.field}'` : `(x.data->>'${c.field}')::${sqlTypeOf(c.kind)}`;
const COLUMN_LIST = sql.raw(SETTABLE_ASSET_COLUMNS.map((c) => c.column).join(', '));
const VALUES_FROM_DATA = sql.raw(SETTABLE_ASSET_COLUMNS.map(valueOf).join(', '));
const SET_FROM_DATA = sql.raw(
  SETTABLE_ASSET_COLUMNS.map((c) => `${c.column} = case when x.data ? '${c.field}' then ${valueOf(c)} else a.${c.column} end`).join(',\n'),
);

async function loadAssetsBySerial(tx: Executor, organizationId: string, serials: string[]): Promise<Map<string, ExistingAsset>> {
  const found = new Map<string, ExistingAsset>();
  for (const part of chunks(serials, 5000)) {
    const rows = await selectRows<Record<string, RowValue> & { id: string; serial_number: string; assignee_id: string | null; assignee_email: string | null }>(
      tx,
      sql`select a.id, a.serial_number, a.assignee_employee_id as assignee_id, ${selectAssetColumns('a')},
            (select ee.email from employee_emails ee where ee.employee_id = a.assignee_employee_id
             order by ee.created_at, ee.email limit 1) as assignee_email
          from assets a
          where a.organization_id = ${organizationId} and a.serial_number = any(${pgTextArray(part)}::text[])`,
    );
    for (const r of rows) {
      const values = Object.fromEntries(SETTABLE_ASSET_COLUMNS.map((c) => [c.field, r[c.field] ?? null]));
      found.set(r.serial_number, { id: r.id, serialNumber: r.serial_number, values, assigneeId: r.assignee_id, assigneeEmail: r.assignee_email });
    }
  }
  return found;
}

async function loadEmployeeIdsByEmail(tx: Executor, organizationId: string, emails: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks([...new Set(emails)], 5000)) {
    const rows = await selectRows<{ normalized_email: string; employee_id: string }>(
      tx,
      sql`select normalized_email, employee_id from employee_emails
          where organization_id = ${organizationId} and normalized_email = any(${pgTextArray(part)}::text[])`,
    );
    for (const r of rows) ids.set(r.normalized_email, r.employee_id);
  }
  return ids;
}

function sameValue(a: RowValue, b: RowValue): boolean {
  // Display sizes are float4: compare to a hundredth of an inch.
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  return a === b;
}

function dropNulls(values: Record<string, RowValue>): Record<string, RowValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
}
