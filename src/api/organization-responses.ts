import type { AppDatabase } from '../db/open-database';
import { AppError } from '../errors/app-error';
import { listOrganizations, ORGANIZATION_SLUG, type OrganizationSummary } from '../organizations/organization-store';
import type { RetryPolicy } from '../scheduler/retry-policy';
import { syncStatuses } from './run-responses';

type SyncStatus = Awaited<ReturnType<typeof syncStatuses>>[number];

/** An organization without a connection has no sync: these are its status fields. */
const NO_SYNC = (slug: string): SyncStatus => ({
  organization: slug,
  enabled: false,
  lastRun: null,
  lastSuccessAt: null,
  consecutiveFailures: 0,
  lastError: null,
  nextScheduledRun: null,
  nextRetryAt: null,
});

/**
 * Organizations as the API answers them: the sync status it always answered (connections list's
 * reader), then name, creation, whether it is connected, and what it holds (organizations list's
 * reader). Every organization, connected or not; `onlySlug` limits it to one.
 */
export async function organizationResponses(db: AppDatabase, retry: RetryPolicy, onlySlug?: string) {
  const [summaries, statuses] = await Promise.all([listOrganizations(db, onlySlug), syncStatuses(db, retry, onlySlug)]);
  const statusOf = new Map(statuses.map((s) => [s.organization, s]));
  return summaries.map((o) => toResponse(o, statusOf.get(o.slug) ?? NO_SYNC(o.slug)));
}

export function toResponse(o: OrganizationSummary, status: SyncStatus) {
  return { ...status, name: o.name, createdAt: o.createdAt, hasConnection: o.hasConnection, assets: o.assets, employees: o.employees, runs: o.runs };
}

/** One organization, connected or not; 404 when there is none of that slug (only ops gets this far for another organization's slug). */
export async function organizationResponse(db: AppDatabase, retry: RetryPolicy, slug: string) {
  const [found] = ORGANIZATION_SLUG.test(slug) ? await organizationResponses(db, retry, slug) : [];
  if (!found) throw new AppError(404, 'organization_not_found', `No organization "${slug.slice(0, 100)}"`);
  return found;
}
