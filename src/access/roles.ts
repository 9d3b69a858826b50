/**
 * Who may do what on which organization: the API's role decision, from plain values only (no
 * request, no database), so every route asks the same question and the rules are tested alone.
 *
 * - reader (one organization): reads its assets, employees, changes, runs and connection status.
 * - admin (one organization): what a reader may, and manages its connection, webhook credentials,
 *   imports, previews, syncs and review queue.
 * - ops (every organization): what an admin may anywhere, what spans organizations (creating and
 *   deleting them, the audit list), and the secure fields (R12).
 * API_TOKEN, the single-organization setup's token, acts as ops.
 */

export const ROLES = ['reader', 'admin', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** Each role may do everything a lower one may. */
const RANK: Record<Role, number> = { reader: 0, admin: 1, ops: 2 };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who a request acts as: API_TOKEN, or a stored token with its role and organization. */
export interface Principal {
  role: Role;
  /** The organization of a reader or admin token; null for ops (every organization). */
  organization: { id: string; slug: string } | null;
  /** 'API_TOKEN', or the stored token's display prefix (for logs: never the token). */
  via: string;
}

export type AccessDecision = { allowed: true } | { allowed: false; code: 'forbidden'; reason: string };

/**
 * Whether `principal` may act with `needed`'s rights on `organization` (null: something that spans
 * organizations, such as listing them all; only ops may). A reader or admin token acts on its own
 * organization only; comparing the slug lets a route refuse another organization before looking it
 * up, so a scoped token cannot tell which other organizations exist.
 */
export function decideAccess(principal: Principal, needed: Role, organization: { slug: string } | null): AccessDecision {
  if (RANK[principal.role] < RANK[needed]) {
    return { allowed: false, code: 'forbidden', reason: `This needs a token of role ${needed} or higher; this one is ${principal.role}` };
  }
  if (principal.role === 'ops') return { allowed: true };
  if (!organization) return { allowed: false, code: 'forbidden', reason: 'This needs an ops token (it spans every organization)' };
  if (principal.organization?.slug !== organization.slug) {
    return { allowed: false, code: 'forbidden', reason: 'This token belongs to another organization' };
  }
  return { allowed: true };
}

/**
 * The organization a principal's lists are limited to: none (null, every organization) for ops,
 * else its own slug; a scoped principal without one sees nothing ('' names no organization).
 */
export function visibleOrganization(principal: Principal): string | null {
  return principal.role === 'ops' ? null : (principal.organization?.slug ?? '');
}
