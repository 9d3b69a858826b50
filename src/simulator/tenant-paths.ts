/** Which tenant of a multi-tenant simulator a request is for, and its path as that tenant sees it. Pure. */

/** A tenant's name: it is a URL path segment and part of its default credentials. */
export const TENANT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * "/t/acme/api/v1/jamf-pro-version?x=1" → { tenant: "acme", path: "/api/v1/jamf-pro-version?x=1" };
 * "/t/acme" → path "/"; null for anything not under /t/<name>.
 */
export function tenantRequestPath(url: string): { tenant: string; path: string } | null {
  const match = /^\/t\/([^/?#]+)([/?].*)?$/.exec(url);
  if (!match) return null;
  const rest = match[2] ?? '/';
  return { tenant: match[1], path: rest.startsWith('?') ? `/${rest}` : rest };
}

/** Names of `count` tenants, in order: tenant-001, tenant-002, … (as wide as the count needs, at least 3). */
export function tenantNames(count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `tenant-${String(i + 1).padStart(width, '0')}`);
}

/**
 * Each tenant's own credentials, derived from the simulator's: `<clientId>-<tenant>` and
 * `<clientSecret>-<tenant>` (users likewise), so a connection made for one tenant is refused by
 * every other, as with separate Jamf Pro servers.
 */
export function tenantCredentials<C extends { clientId: string; clientSecret: string; username: string; password: string }>(base: C, tenant: string): C {
  return { ...base, clientId: `${base.clientId}-${tenant}`, clientSecret: `${base.clientSecret}-${tenant}`, username: `${base.username}-${tenant}`, password: `${base.password}-${tenant}` };
}
