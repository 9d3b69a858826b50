/**
 * A device scope as Jamf applies it: one RSQL `filter` per inventory endpoint, plus the one part
 * Jamf cannot filter on, checked on each record after fetching. Pure.
 *
 * Which part goes where (Jamf's documented filter fields, per endpoint):
 * - managed:    computers `general.remoteManagement.managed`, mobiles `managed`          → Jamf
 * - building:   computers `userAndLocation.buildingId` (an id: the name is looked up in
 *               Jamf's building list first), mobiles `building` (the name)               → Jamf
 * - department: computers `userAndLocation.departmentId` (id), mobiles `department` (name) → Jamf
 * - free filters: as written, in parentheses                                               → Jamf
 * - site:       no endpoint filters on it; computers carry `general.site.id`, mobiles
 *               `general.siteId` (GENERAL section, read anyway)                           → after fetching
 */
import { scopeIncludesKind, type DeviceScope } from './device-scope';

export type InventoryKind = 'computer' | 'mobile';

/** Jamf ids of the scope's building and department names (computers filter on ids). */
export interface ScopeIds {
  buildingId?: string | null;
  departmentId?: string | null;
}

/** A scope part names something Jamf does not have (a building renamed since it was set). */
export class ScopeNotResolvableError extends Error {
  readonly code = 'connection_config_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ScopeNotResolvableError';
  }
}

/** A value as one RSQL string: always quoted, so spaces, commas and parentheses stay data. */
export function rsqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Parts joined by `;` (and); each part parenthesized when it could hold an `or`. */
export function andFilters(parts: ReadonlyArray<string | undefined | null>): string | undefined {
  const present = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  if (!present.length) return undefined;
  if (present.length === 1) return present[0];
  return present.map((p) => (isSimpleComparison(p) ? p : `(${p})`)).join(';');
}

/**
 * The RSQL filter Jamf applies for the scope on one endpoint, joined with `extra` (a serial run's
 * filter); undefined when nothing filters. The caller asks only for kinds the scope includes.
 */
export function scopeJamfFilter(kind: InventoryKind, scope: DeviceScope, ids: ScopeIds = {}, extra?: string): string | undefined {
  const parts: Array<string | undefined> = [extra];
  if (kind === 'computer') {
    if (scope.managedOnly) parts.push('general.remoteManagement.managed==true');
    if (scope.building) parts.push(`userAndLocation.buildingId==${requireId(ids.buildingId, 'building', scope.building)}`);
    if (scope.department) parts.push(`userAndLocation.departmentId==${requireId(ids.departmentId, 'department', scope.department)}`);
    parts.push(scope.computersFilter);
  } else {
    if (scope.managedOnly) parts.push('managed==true');
    if (scope.building) parts.push(`building==${rsqlString(scope.building)}`);
    if (scope.department) parts.push(`department==${rsqlString(scope.department)}`);
    parts.push(scope.mobilesFilter);
  }
  return andFilters(parts);
}

/** Whether the scope filters this kind in Jamf (so a device Jamf did not send may still exist). */
export function scopeFiltersInJamf(kind: InventoryKind, scope: DeviceScope): boolean {
  return scopeJamfFilterParts(kind, scope) > 0;
}

function scopeJamfFilterParts(kind: InventoryKind, scope: DeviceScope): number {
  const free = kind === 'computer' ? scope.computersFilter : scope.mobilesFilter;
  return [scope.managedOnly, scope.building, scope.department, free].filter(Boolean).length;
}

/** The after-fetch part (site): true when the record is in scope, or the scope has no site. */
export function matchesAfterFetch(kind: InventoryKind, record: unknown, scope: DeviceScope): boolean {
  if (!scopeIncludesKind(scope, kind)) return false;
  if (!scope.siteId) return true;
  const general = (record as { general?: Record<string, unknown> | null } | null)?.general;
  const site = kind === 'computer' ? (general?.site as { id?: unknown } | null | undefined)?.id : general?.siteId;
  return site !== null && site !== undefined && String(site).trim() === scope.siteId;
}

function requireId(id: string | null | undefined, what: string, name: string): string {
  if (!id) {
    throw new ScopeNotResolvableError(
      `The connection's scope names the ${what} "${name}", which Jamf Pro does not have (renamed or deleted?); ` +
        `change it with "jamf-sync connections update --scope-${what} ..." (or clear it with --scope-${what} "").`,
    );
  }
  // Jamf ids are whole numbers; anything else would change the filter's meaning.
  if (!/^\d+$/.test(id)) throw new ScopeNotResolvableError(`Jamf Pro gave the ${what} "${name}" the id "${id}", which is not a number`);
  return id;
}

/** `field==value` or `field=in=(…)` with no joiner outside quotes: safe to join without parentheses. */
function isSimpleComparison(part: string): boolean {
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < part.length; i++) {
    const ch = part[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && (ch === ',' || ch === ';' || /\s/.test(ch))) return false;
  }
  return true;
}
