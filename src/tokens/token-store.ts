import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectOne, selectRows } from '../db/query';
import { apiTokens } from '../db/schema';
import { AppError } from '../errors/app-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { ROLES, isRole, type Principal, type Role } from '../access/roles';
import { requireOrganization } from '../organizations/organization-store';

/**
 * API tokens (`jamf-sync tokens create|list|revoke`), stored as hashes only.
 *
 * A token is 32 random bytes (256 bits): the SHA-256 of it is enough, without a salt or a slow
 * hash. Salts and slow hashes defend low-entropy secrets (passwords) against dictionaries and
 * precomputed tables; no table or brute force covers a 2^256 space, so a stolen hash is useless,
 * and an unsalted hash can be looked up by an index on each request.
 */

const TOKEN_MARK = 'jst_';
/** The mark and 8 characters: enough to tell tokens apart in a list, nothing to guess the rest from. */
const PREFIX_LENGTH = TOKEN_MARK.length + 8;

export interface TokenSummary {
  id: string;
  prefix: string;
  role: Role;
  organization: string | null;
  name: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreateTokenInput {
  role: string;
  org?: string;
  name?: string;
}

/** Creates a token; answers it once (only its hash is kept) with what was stored. */
export async function createToken(db: AppDatabase, input: CreateTokenInput): Promise<{ token: string; summary: TokenSummary }> {
  const problems: string[] = [];
  if (!isRole(input.role)) problems.push(`--role: must be one of ${ROLES.join(', ')} (got "${input.role}")`);
  if (input.role === 'ops' && input.org !== undefined) problems.push('--org: an ops token spans every organization; leave --org out');
  if (input.role !== 'ops' && isRole(input.role) && input.org === undefined) problems.push(`--org: a ${input.role} token belongs to one organization; name it`);
  if (input.name !== undefined && !input.name.trim()) problems.push('--name: must not be empty');
  if (problems.length) throw new InvalidInputError('Invalid options for "tokens create", nothing was written', problems);
  const organization = input.org === undefined ? null : await requireOrganization(db, input.org);

  const token = TOKEN_MARK + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({ tokenHash: hashToken(token), prefix: token.slice(0, PREFIX_LENGTH), role: input.role, organizationId: organization?.id ?? null, name: input.name?.trim() || null })
    .returning({ id: apiTokens.id });
  const [summary] = await listTokens(db, row.id);
  return { token, summary };
}

/** Every token (or the one with `id`), newest first; never the token itself. */
export async function listTokens(db: AppDatabase, id?: string): Promise<TokenSummary[]> {
  const rows = await selectRows<{
    id: string;
    prefix: string;
    role: Role;
    slug: string | null;
    name: string | null;
    created_at: Date | string;
    revoked_at: Date | string | null;
    last_used_at: Date | string | null;
  }>(
    db,
    sql`select t.id, t.prefix, t.role, o.slug, t.name, t.created_at, t.revoked_at, t.last_used_at
        from api_tokens t left join organizations o on o.id = t.organization_id
        ${id === undefined ? sql`` : sql`where t.id = ${id}`} order by t.created_at desc, t.id`,
  );
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    role: r.role,
    organization: r.slug,
    name: r.name,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  }));
}

/**
 * Revokes the token named by its id or its display prefix; from then on it is answered 401.
 * A prefix that names several tokens is refused (say the id instead); revoking twice is harmless.
 */
export async function revokeToken(db: AppDatabase, idOrPrefix: string): Promise<TokenSummary> {
  const matches = (await listTokens(db)).filter((t) => t.id === idOrPrefix || t.prefix === idOrPrefix);
  if (matches.length === 0) throw new AppError(404, 'token_not_found', `No token with id or prefix "${idOrPrefix.slice(0, 100)}" (see "jamf-sync tokens list")`);
  if (matches.length > 1) {
    throw new AppError(409, 'token_ambiguous', `${matches.length} tokens have the prefix "${idOrPrefix}"; revoke one by its id (${matches.map((t) => t.id).join(', ')})`);
  }
  await db.update(apiTokens).set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` }).where(eq(apiTokens.id, matches[0].id));
  const [summary] = await listTokens(db, matches[0].id);
  return summary;
}

/** The principal of a presented token that is stored and not revoked, or null. */
export async function principalOfToken(db: AppDatabase, token: string): Promise<Principal | null> {
  const row = await selectOne<{ id: string; prefix: string; role: Role; organization_id: string | null; slug: string | null }>(
    db,
    sql`select t.id, t.prefix, t.role, t.organization_id, o.slug
        from api_tokens t left join organizations o on o.id = t.organization_id
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null`,
  );
  if (!row) return null;
  // At most one write a minute per token: "last used" is for spotting unused tokens, not an audit.
  await db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`);
  return {
    role: row.role,
    organization: row.organization_id && row.slug ? { id: row.organization_id, slug: row.slug } : null,
    via: row.prefix,
  };
}
