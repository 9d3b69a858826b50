/**
 * The `--scope-…` options of `connections add|update` as a change to the stored scope. Pure.
 * Each option replaces its part; "" clears that part; --scope-clear starts from "every device"
 * (other --scope-… options given with it then build the new scope).
 */
import { normalizeScope, scopeProblems, SCOPE_KINDS, type DeviceScope, type ScopeKind } from './device-scope';

/** The options as commander gives them (strings and flags). */
export interface RawScopeOptions {
  scopeSite?: string;
  scopeBuilding?: string;
  scopeDepartment?: string;
  /** true with --scope-managed-only, false with --no-scope-managed-only. */
  scopeManagedOnly?: boolean;
  /** "computers", "mobiles", "computers,mobiles" or "all". */
  scopeKinds?: string;
  scopeComputersFilter?: string;
  scopeMobilesFilter?: string;
  scopeClear?: boolean;
}

export interface ScopeChange {
  clear: boolean;
  /** The parts given ("" or [] clears a part). */
  parts: DeviceScope;
}

/** null when no scope option was given; else the change and every problem with it. */
export function parseScopeOptions(raw: RawScopeOptions): { change: ScopeChange; problems: string[] } | null {
  const given = [raw.scopeSite, raw.scopeBuilding, raw.scopeDepartment, raw.scopeManagedOnly, raw.scopeKinds, raw.scopeComputersFilter, raw.scopeMobilesFilter];
  if (!raw.scopeClear && given.every((v) => v === undefined)) return null;
  const parts: DeviceScope = {
    siteId: raw.scopeSite,
    building: raw.scopeBuilding,
    department: raw.scopeDepartment,
    managedOnly: raw.scopeManagedOnly,
    kinds: raw.scopeKinds === undefined ? undefined : parseKinds(raw.scopeKinds),
    computersFilter: raw.scopeComputersFilter,
    mobilesFilter: raw.scopeMobilesFilter,
  };
  // Empty values clear a part: nothing to check for them.
  const cleared = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const toCheck = Object.fromEntries(Object.entries(parts).filter(([, v]) => !cleared(v))) as DeviceScope;
  const problems = scopeProblems(toCheck);
  return { change: { clear: raw.scopeClear === true, parts }, problems };
}

/** The scope once the change is applied to the stored one (normalized: {} is every device). */
export function applyScopeChange(stored: DeviceScope | null | undefined, change: ScopeChange): DeviceScope {
  const base: DeviceScope = change.clear ? {} : { ...(stored ?? {}) };
  for (const [key, value] of Object.entries(change.parts) as Array<[keyof DeviceScope, DeviceScope[keyof DeviceScope]]>) {
    if (value === undefined) continue;
    (base as Record<string, unknown>)[key] = value;
  }
  return normalizeScope(base);
}

/** "all" (or "") means both kinds: no kind part. Unknown words are kept for scopeProblems to name. */
function parseKinds(value: string): ScopeKind[] {
  const words = value.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (!words.length || words.includes('all')) return [];
  return [...new Set(words)] as ScopeKind[];
}

export const SCOPE_KIND_HELP = `${SCOPE_KINDS.join(', ')} or all`;
