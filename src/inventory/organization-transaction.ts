import { eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import type { Executor } from '../db/query';
import { organizations } from '../db/schema';
import { ORGANIZATION_SLUG, ORGANIZATION_SLUG_RULE, ensureOrganization, type OrganizationRow } from '../connections/connection-store';
import { AppError } from '../errors/app-error';
import { InvalidInputError } from '../errors/invalid-input-error';

export function checkOrganizationSlug(slug: string): void {
  if (!ORGANIZATION_SLUG.test(slug)) throw new InvalidInputError('Invalid options', [`--org: ${ORGANIZATION_SLUG_RULE} (got "${slug}")`]);
}

/**
 * Runs `work` in one transaction for one organization (created if missing, and only if the work
 * commits), holding the organization's advisory lock that each sync batch also takes, so an import
 * never interleaves with a batch of a running sync.
 */
export async function inOrganizationTransaction<T>(
  db: AppDatabase,
  slug: string,
  work: (tx: Executor, organizationId: string) => Promise<T>,
): Promise<T> {
  checkOrganizationSlug(slug);
  return db.transaction(async (tx) => {
    const organization = await ensureOrganization(tx as unknown as AppDatabase, slug);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organization.id}))`);
    return work(tx, organization.id);
  });
}

export async function requireOrganization(db: AppDatabase, slug: string): Promise<OrganizationRow> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!row) throw new AppError(404, 'organization_not_found', `No organization "${slug}" (organizations are created by "connections add" or "import")`);
  return row;
}

/** Rows travel as one JSON parameter per statement (jsonb_to_recordset): one round trip per chunk. */
export function jsonParam(value: unknown) {
  return sql`${JSON.stringify(value)}::jsonb`;
}
