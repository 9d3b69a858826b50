import type { SQL } from 'drizzle-orm';
import type { AppDatabase } from './open-database';

/**
 * Anything that runs a statement: the database handle or a transaction. Readers and writers take
 * this rather than `AppDatabase`, so the same function works inside and outside a transaction.
 */
export type Executor = Pick<AppDatabase, 'execute'>;

/**
 * The rows of a raw SQL query, typed by the caller's declared row interface. `execute` returns
 * `{rows}` on both drivers (node-postgres and PGlite); the row type is the caller's promise about
 * the selected columns, as nothing checks it at run time.
 */
export async function selectRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** The first row of a raw SQL query, or null when it returns none. */
export async function selectOne<Row>(executor: Executor, query: SQL): Promise<Row | null> {
  const [row] = await selectRows<Row>(executor, query);
  return row ?? null;
}

/** A text[] literal passed as one parameter, so the query has the same shape for any batch size. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** The text form of a PostgreSQL uuid; anything else given to a uuid column is an error, not "no row". */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
