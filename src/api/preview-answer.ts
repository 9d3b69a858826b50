import type { RunReport } from '../sync/run-report';
import { normalizeEmail } from '../planner/people';

const DEFAULT_PEOPLE_PAGE = 100;

/**
 * A preview as the API answers it: the dry run's report as before, and its people lists paged by
 * email. Each page is a new preview (a preview stores nothing, R21), so `next` is an email, stable
 * between previews as long as Jamf's users are.
 */
export function previewAnswer(report: RunReport, paging: { employeesLimit?: number; employeesAfter?: string; duplicatesAfter?: string }) {
  const { people, ...rest } = report;
  const limit = paging.employeesLimit ?? DEFAULT_PEOPLE_PAGE;
  return {
    ...rest,
    newEmployees: pageByEmail(people?.newEmployees ?? [], paging.employeesAfter, limit),
    possibleDuplicates: pageByEmail(people?.possibleDuplicates ?? [], paging.duplicatesAfter, limit),
  };
}

/** `items` are sorted by normalized email (preview-people.ts); the page after `after`. */
export function pageByEmail<T extends { email: string }>(items: readonly T[], after: string | undefined, limit: number) {
  const cursor = normalizeEmail(after);
  const rest = cursor ? items.filter((i) => normalizeEmail(i.email)! > cursor) : items;
  const page = rest.slice(0, limit);
  return { total: items.length, items: page, next: rest.length > limit ? normalizeEmail(page[page.length - 1].email) : null };
}
