import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../../src/db/open-database';
import { selectRows } from '../../src/db/query';
import { SecretBox } from '../../src/crypto/secret-box';
import type { SecretSources } from '../../src/cli/connections/connection-options';

/** Fixed keys, so tests can seal with one and open with another. */
export const KEY_A = Buffer.alloc(32, 1).toString('base64');
export const KEY_B = Buffer.alloc(32, 2).toString('base64');
export const KEY_C = Buffer.alloc(32, 3).toString('base64');
export const boxOf = (...keys: string[]) => new SecretBox(keys);

export const noSecrets = (overrides: Partial<SecretSources> = {}): SecretSources => ({
  env: {},
  readStdin: async () => '',
  ...overrides,
});

export async function count(db: AppDatabase, table: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row.n);
}

/** Rows in every table an admin command writes: proof that a refused command wrote nothing. */
export async function rowCounts(db: AppDatabase): Promise<Record<string, number>> {
  const tables = ['organizations', 'jamf_connections', 'employees', 'employee_emails', 'assets', 'asset_changes', 'asset_secure_fields', 'secure_field_reads'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(db, t);
  return out;
}

/** What an InvalidInputError (or any error) says, for assertions. */
export async function failure(promise: Promise<unknown>): Promise<Error & { problems?: string[]; code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { problems?: string[] };
  }
  throw new Error('expected the call to fail');
}
