import { eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { organizations } from '../db/schema';
import { AppError } from '../errors/app-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { UnknownOrganizationError } from './unknown-organization-error';

/**
 * Organizations (R20) are created on purpose only: `organizations create`, or the organization
 * `default` of the single-organization setup, which exists as soon as something is written to it
 * (JAMF_URL at start, an import, `connections add --org default`) without being created first.
 * Every other command refuses a slug that names no organization (UnknownOrganizationError), so a
 * typo in --org never starts a second, empty inventory. Shared by the CLI and, later, the HTTP API.
 */

export const DEFAULT_ORGANIZATION_SLUG = 'default';

/** Organization slugs: lower-case letters, digits and dashes; they appear in webhook URLs. */
export const ORGANIZATION_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const ORGANIZATION_SLUG_RULE = 'must be lower-case letters, digits and dashes (e.g. acme-corp), at most 63 characters';

export type OrganizationRow = typeof organizations.$inferSelect;

export interface OrganizationSummary {
  slug: string;
  name: string;
  createdAt: string;
  hasConnection: boolean;
  assets: number;
  employees: number;
  runs: number;
}

export function checkOrganizationSlug(slug: string): void {
  if (!ORGANIZATION_SLUG.test(slug)) throw new InvalidInputError('Invalid options', [`--org: ${ORGANIZATION_SLUG_RULE} (got "${slug}")`]);
}

export async function findOrganization(db: AppDatabase, slug: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row ?? null;
}

export async function knownOrganizationSlugs(db: AppDatabase): Promise<string[]> {
  const rows = await db.select({ slug: organizations.slug }).from(organizations).orderBy(organizations.slug);
  return rows.map((r) => r.slug);
}

/** The organization, or UnknownOrganizationError listing the known ones. `default` too must exist here (a read). */
export async function requireOrganization(db: AppDatabase, slug: string): Promise<OrganizationRow> {
  const row = await findOrganization(db, slug);
  if (row) return row;
  throw new UnknownOrganizationError(slug, await knownOrganizationSlugs(db));
}

/**
 * The organization something is about to be written to: an existing one, or `default`, created on
 * first use (the single-organization setup needs no `organizations create`).
 */
export async function organizationForWrite(db: AppDatabase, slug: string, name?: string): Promise<OrganizationRow> {
  checkOrganizationSlug(slug);
  if (slug === DEFAULT_ORGANIZATION_SLUG) return ensureOrganization(db, slug, name ?? 'Default organization');
  return requireOrganization(db, slug);
}

/** Creates the organization unless it exists (the environment's `default`, and `organizations create`). */
export async function ensureOrganization(db: AppDatabase, slug: string, name?: string): Promise<OrganizationRow> {
  await db.insert(organizations).values({ slug, name: name ?? slug }).onConflictDoNothing({ target: organizations.slug });
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

/** `organizations create`: a new organization; refuses a slug that is taken. */
export async function createOrganization(db: AppDatabase, input: { slug: string; name?: string }): Promise<OrganizationRow> {
  const problems: string[] = [];
  if (!ORGANIZATION_SLUG.test(input.slug)) problems.push(`<slug>: ${ORGANIZATION_SLUG_RULE} (got "${input.slug}")`);
  if (input.name !== undefined && !input.name.trim()) problems.push('--name: must not be empty');
  if (problems.length) throw new InvalidInputError('Invalid arguments for "organizations create", nothing was written', problems);
  const [row] = await db
    .insert(organizations)
    .values({ slug: input.slug, name: input.name?.trim() || input.slug })
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  if (!row) throw new AppError(409, 'organization_exists', `Organization "${input.slug}" already exists`);
  return row;
}

/** Every organization with what belongs to it, by slug. */
export async function listOrganizations(db: AppDatabase, onlySlug?: string): Promise<OrganizationSummary[]> {
  const rows = await selectRows<{ slug: string; name: string; created_at: Date | string; has_connection: boolean; assets: number; employees: number; runs: number }>(
    db,
    sql`select o.slug, o.name, o.created_at,
          exists (select 1 from jamf_connections c where c.organization_id = o.id) as has_connection,
          (select count(*)::int from assets a where a.organization_id = o.id) as assets,
          (select count(*)::int from employees e where e.organization_id = o.id) as employees,
          (select count(*)::int from sync_runs r where r.organization_id = o.id) as runs
        from organizations o ${onlySlug === undefined ? sql`` : sql`where o.slug = ${onlySlug}`} order by o.slug`,
  );
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    createdAt: new Date(r.created_at).toISOString(),
    hasConnection: Boolean(r.has_connection),
    assets: Number(r.assets),
    employees: Number(r.employees),
    runs: Number(r.runs),
  }));
}

/**
 * `organizations remove`: deletes the organization with everything that belongs to it (connection,
 * employees, runs, webhook inbox; the schema cascades). Refused while it still has assets unless
 * `force`, since those are the customer's inventory. Takes the organization's lock that each sync
 * batch and import takes, so it never interleaves with one.
 */
export async function removeOrganization(
  db: AppDatabase,
  slug: string,
  options: {
    force?: boolean;
    /** Runs in the deleting transaction once the removal is decided (the API's audit row): it fails, nothing is removed. */
    beforeDelete?: (tx: AppDatabase, summary: OrganizationSummary) => Promise<void>;
  } = {},
): Promise<OrganizationSummary> {
  return db.transaction(async (tx) => {
    const organization = await requireOrganization(tx as unknown as AppDatabase, slug);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organization.id}))`);
    const [summary] = await listOrganizations(tx as unknown as AppDatabase, slug);
    if (summary.assets > 0 && !options.force) {
      throw new AppError(
        409,
        'organization_has_assets',
        `Organization "${slug}" still has ${summary.assets} asset(s); nothing was removed. Export them first ("jamf-sync export assets --org ${slug}"), then remove it with --force.`,
      );
    }
    await options.beforeDelete?.(tx as unknown as AppDatabase, summary);
    await tx.delete(organizations).where(eq(organizations.id, organization.id));
    return summary;
  });
}
