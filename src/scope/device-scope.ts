/**
 * A connection's device scope: which of the Jamf Pro tenant's devices the connection syncs. Pure:
 * the shape, its rules (checked before it is saved) and how it reads to a person.
 *
 * Every part narrows: a device is in scope when it matches all the parts given. No part (the
 * default) means every device. Site is a Jamf site id (mobile inventory records carry the site id
 * only, not its name); building and department are names (as an admin sees them in Jamf Pro).
 */
import { parseRsql, RsqlSyntaxError } from './rsql-parser';

export type ScopeKind = 'computers' | 'mobiles';
export const SCOPE_KINDS: readonly ScopeKind[] = ['computers', 'mobiles'];

export interface DeviceScope {
  /** Jamf site id, e.g. "3" (Settings → Sites shows it in the address of the site). */
  siteId?: string;
  /** Building name, exactly as in Jamf Pro (case-insensitive, as Jamf compares). */
  building?: string;
  department?: string;
  /** Only devices Jamf manages (unmanaged ones are never created as assets anyway, R1). */
  managedOnly?: boolean;
  /** Device kinds synced; absent means both. */
  kinds?: ScopeKind[];
  /** Free RSQL for `computers-inventory` (dotted fields, e.g. `general.platform==Mac`). */
  computersFilter?: string;
  /** Free RSQL for `mobile-devices/detail` (flat fields, e.g. `model=="iPad*"`). */
  mobilesFilter?: string;
}

/** Long names and filters make long URLs; Jamf Pro's proxy limits sit far above these. */
const NAME_MAX = 100;
const FILTER_MAX = 2000;
const SITE_ID = /^[1-9]\d{0,9}$/;

export function isEmptyScope(scope: DeviceScope | null | undefined): boolean {
  return !scope || Object.values(scope).every((v) => v === undefined);
}

/** The scope without its empty parts, so `{}` is stored for "everything". */
export function normalizeScope(scope: DeviceScope): DeviceScope {
  const out: DeviceScope = {};
  if (scope.siteId?.trim()) out.siteId = scope.siteId.trim();
  if (scope.building?.trim()) out.building = scope.building.trim();
  if (scope.department?.trim()) out.department = scope.department.trim();
  if (scope.managedOnly) out.managedOnly = true;
  if (scope.kinds?.length && scope.kinds.length < SCOPE_KINDS.length) out.kinds = SCOPE_KINDS.filter((k) => scope.kinds!.includes(k));
  if (scope.computersFilter?.trim()) out.computersFilter = scope.computersFilter.trim();
  if (scope.mobilesFilter?.trim()) out.mobilesFilter = scope.mobilesFilter.trim();
  return out;
}

/** Whether the scope syncs this device kind. */
export function scopeIncludesKind(scope: DeviceScope, kind: 'computer' | 'mobile'): boolean {
  return !scope.kinds?.length || scope.kinds.includes(kind === 'computer' ? 'computers' : 'mobiles');
}

/**
 * Every problem with a scope (empty when it can be saved), each starting with the option it came
 * from. Filters are checked for syntax here; whether Jamf knows their fields is Jamf's to say
 * (its lists differ by version), which `connections add|update` asks unless --no-verify.
 */
export function scopeProblems(scope: DeviceScope): string[] {
  const problems: string[] = [];
  if (scope.siteId !== undefined && !SITE_ID.test(scope.siteId.trim())) {
    problems.push(`--scope-site: "${printable(scope.siteId)}" is not a Jamf site id (a whole number such as 3)`);
  }
  for (const [flag, value] of [['--scope-building', scope.building], ['--scope-department', scope.department]] as const) {
    if (value === undefined) continue;
    if (value.trim().length > NAME_MAX) problems.push(`${flag}: at most ${NAME_MAX} characters`);
    // `*` would make the name a wildcard pattern in Jamf's filter; control characters are typos.
    if (/[*\u0000-\u001f\u007f]/.test(value)) problems.push(`${flag}: "${printable(value)}" must not contain * or control characters`);
  }
  if (scope.kinds !== undefined) {
    const unknown = scope.kinds.filter((k) => !SCOPE_KINDS.includes(k));
    if (unknown.length) problems.push(`--scope-kinds: "${unknown.join(', ')}" is not a device kind (computers, mobiles)`);
    else if (!scope.kinds.length) problems.push('--scope-kinds: give computers, mobiles or both');
  }
  for (const [flag, value] of [['--scope-computers-filter', scope.computersFilter], ['--scope-mobiles-filter', scope.mobilesFilter]] as const) {
    const problem = value === undefined ? null : rsqlProblem(value);
    if (problem) problems.push(`${flag}: ${problem}`);
  }
  return problems;
}

/** Why a filter is not RSQL Jamf would parse, or null when it is. */
export function rsqlProblem(filter: string): string | null {
  if (filter.trim() === '') return null;
  if (filter.length > FILTER_MAX) return `at most ${FILTER_MAX} characters`;
  try {
    parseRsql(filter);
    return null;
  } catch (err) {
    if (err instanceof RsqlSyntaxError) return `not a valid RSQL filter: ${err.message} in ${JSON.stringify(filter)}`;
    throw err;
  }
}

/** One line for people: `connections list`, the run report, the dry run. */
export function describeScope(scope: DeviceScope | null | undefined): string {
  if (!scope || isEmptyScope(scope)) return 'all devices';
  const parts: string[] = [];
  if (scope.kinds?.length) parts.push(`${scope.kinds.join(' and ')} only`);
  if (scope.managedOnly) parts.push('managed only');
  if (scope.siteId) parts.push(`site id ${scope.siteId}`);
  if (scope.building) parts.push(`building "${scope.building}"`);
  if (scope.department) parts.push(`department "${scope.department}"`);
  if (scope.computersFilter) parts.push(`computers where ${scope.computersFilter}`);
  if (scope.mobilesFilter) parts.push(`mobiles where ${scope.mobilesFilter}`);
  return parts.join('; ');
}

function printable(value: string): string {
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return shown.length > 50 ? `${shown.slice(0, 50)}…` : shown;
}
