import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import type { Executor } from '../db/query';
import { organizationForWrite } from '../organizations/organization-store';

/**
 * Runs `work` in one transaction for one organization (an existing one, or `default`, created if
 * missing and only if the work commits; see organization-store.ts), holding the organization's advisory lock that each sync batch also takes, so an import
 * never interleaves with a batch of a running sync.
 */
export async function inOrganizationTransaction<T>(
  db: AppDatabase,
  slug: string,
  work: (tx: Executor, organizationId: string) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const organization = await organizationForWrite(tx as unknown as AppDatabase, slug);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organization.id}))`);
    return work(tx, organization.id);
  });
}

/** Rows travel as one JSON parameter per statement (jsonb_to_recordset): one round trip per chunk. */
export function jsonParam(value: unknown) {
  return sql`${JSON.stringify(value)}::jsonb`;
}
