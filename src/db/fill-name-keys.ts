import { sql } from 'drizzle-orm';
import { personNameKey } from '../planner/people';
import { selectRows, type Executor } from './query';

const PAGE = 1000;

/**
 * Fills employees.name_key where it is null: the rows stored before migration 0003 added it. The key
 * is computed in TypeScript (personNameKey: Unicode folding that SQL cannot do the same way), so it
 * is a step after the SQL migrations rather than one of them; once done it finds nothing to fill.
 */
export async function fillEmployeeNameKeys(tx: Executor): Promise<number> {
  const [column] = await selectRows<{ present: boolean }>(
    tx,
    sql`select exists (select 1 from information_schema.columns
        where table_schema = current_schema() and table_name = 'employees' and column_name = 'name_key') as present`,
  );
  if (!column?.present) return 0; // a database migrated only part of the way (tests of migrate itself)
  let filled = 0;
  for (;;) {
    const rows = await selectRows<{ id: string; first_name: string; last_name: string }>(
      tx,
      sql`select id, first_name, last_name from employees where name_key is null limit ${PAGE}`,
    );
    if (!rows.length) return filled;
    const keys = rows.map((r) => ({ id: r.id, nameKey: personNameKey(r.first_name, r.last_name) }));
    await tx.execute(sql`update employees e set name_key = x."nameKey"
      from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as x(id uuid, "nameKey" text) where e.id = x.id`);
    filled += rows.length;
  }
}
