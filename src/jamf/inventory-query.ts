/**
 * Query strings for Jamf's paged inventory endpoints. Pure.
 * `section` repeats (`section=GENERAL&section=HARDWARE`); sections not asked for come back as null.
 */

export const DEFAULT_COMPUTER_SECTIONS = [
  'GENERAL',
  'HARDWARE',
  'OPERATING_SYSTEM',
  'USER_AND_LOCATION',
  'SECURITY',
  'STORAGE',
  'PURCHASING',
  'EXTENSION_ATTRIBUTES',
] as const;

export const DEFAULT_MOBILE_SECTIONS = [
  'GENERAL',
  'HARDWARE',
  'USER_AND_LOCATION',
  'SECURITY',
  'NETWORK',
  'PURCHASING',
  'EXTENSION_ATTRIBUTES',
] as const;

/** Jamf silently clamps `page-size` to this; asking for more only hides the real page size. */
export const MAX_PAGE_SIZE = 2000;
export const DEFAULT_PAGE_SIZE = 200;

/** Ascending id keeps page boundaries stable while devices are renamed during a run. */
export const COMPUTER_SORT = 'id:asc';
export const MOBILE_SORT = 'mobileDeviceId:asc';

export interface InventoryPageQuery {
  sections: readonly string[];
  page: number;
  pageSize: number;
  sort: string;
  /** RSQL, e.g. `general.remoteManagement.managed==true`. */
  filter?: string;
}

export function inventoryPageParams(query: InventoryPageQuery): URLSearchParams {
  const params = sectionParams(query.sections);
  params.set('page', String(query.page));
  params.set('page-size', String(query.pageSize));
  if (query.sort) params.set('sort', query.sort);
  if (query.filter && query.filter.trim() !== '') params.set('filter', query.filter);
  return params;
}

export function sectionParams(sections: readonly string[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const section of sections) params.append('section', section);
  return params;
}

/** A usable page size: a positive integer no larger than Jamf's clamp. */
export function effectivePageSize(requested: number | undefined, fallback: number = DEFAULT_PAGE_SIZE): number {
  const size = requested ?? fallback;
  if (!Number.isFinite(size) || size < 1) return fallback;
  return Math.min(Math.floor(size), MAX_PAGE_SIZE);
}
