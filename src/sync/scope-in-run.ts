/**
 * The connection's device scope during a run: the Jamf filters it reads with, the records the
 * after-fetch part leaves out, and, after a complete pass, which unseen assets left the scope
 * (kept, marked out of scope with the time) rather than left Jamf (R14).
 *
 * Telling "outside the scope" from "gone from Jamf": after a complete scoped pass, an asset Jamf
 * did not send may be either. We list the kind's ids once more without the filter, with one small
 * section (SECURITY: no extension attributes) and large pages, and only when some unseen asset
 * needs it. An id in that list is in Jamf, so outside the scope; the rest go to the removal check
 * (guard, then a 404 by id) as before. Fetching each unseen asset by id instead would cost one
 * request per asset, and a scope change that leaves thousands would send thousands of requests
 * before the removal guard could even be decided; the list costs fleet ÷ 1000 requests, and is
 * skipped entirely when nothing is unseen.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import type { JamfClient } from '../jamf/jamf-client';
import { isEmptyScope, scopeIncludesKind, type DeviceScope } from '../scope/device-scope';
import { matchesAfterFetch, rsqlString, scopeFiltersInJamf, scopeJamfFilter, type InventoryKind, type ScopeIds } from '../scope/scope-filter';
import type { PlannedChange } from './run-report';

/** Ids only: big pages are cheap with one small section. */
const ID_LIST_PAGE_SIZE = 1000;
const ID_LIST_SECTIONS = ['SECURITY'] as const;

export interface UnseenAsset {
  id: string;
  serial_number: string;
  jamf_id: string | null;
  jamf_kind: 'computer' | 'mobile';
}

export class ScopeInRun {
  /** Jamf ids of records Jamf sent that the after-fetch part (site) left out, per kind. */
  private readonly outsideAfterFetch = { computer: new Set<string>(), mobile: new Set<string>() };

  private constructor(
    readonly scope: DeviceScope,
    private readonly ids: ScopeIds,
  ) {}

  /** Looks up the ids of the scope's building and department names (computers filter on ids). */
  static async resolve(client: JamfClient, scope: DeviceScope | undefined): Promise<ScopeInRun> {
    const s = scope ?? {};
    const ids: ScopeIds = {};
    if (scopeIncludesKind(s, 'computer')) {
      if (s.building) ids.buildingId = await client.buildingIdByName(s.building);
      if (s.department) ids.departmentId = await client.departmentIdByName(s.department);
    }
    return new ScopeInRun(s, ids);
  }

  get isEmpty(): boolean {
    return isEmptyScope(this.scope);
  }

  includes(kind: InventoryKind): boolean {
    return scopeIncludesKind(this.scope, kind);
  }

  /** The filter Jamf applies for this kind, with a serial run's own filter joined in. */
  jamfFilter(kind: InventoryKind, extra?: string): string | undefined {
    return scopeJamfFilter(kind, this.scope, this.ids, extra);
  }

  /** False (and remembered) for a record Jamf sent that the after-fetch part leaves out. */
  keep(kind: InventoryKind, record: unknown, jamfId: string | null): boolean {
    if (matchesAfterFetch(kind, record, this.scope)) return true;
    if (jamfId) this.outsideAfterFetch[kind].add(jamfId);
    return false;
  }

  /**
   * Whether Jamf's filter keeps this one device (the webhook path, which fetches devices by id):
   * a one-item page filtered by its id and the scope. True when the scope filters nothing in Jamf.
   */
  async jamfKeeps(client: JamfClient, kind: InventoryKind, jamfId: string): Promise<boolean> {
    if (!scopeFiltersInJamf(kind, this.scope)) return true;
    const filter = this.jamfFilter(kind, `${kind === 'computer' ? 'id' : 'mobileDeviceId'}==${rsqlString(jamfId)}`);
    const options = { pageSize: 1, filter, sections: ID_LIST_SECTIONS };
    const stream = kind === 'computer' ? client.streamComputers(options) : client.streamMobileDevices(options);
    for await (const record of stream) return record !== undefined;
    return false;
  }

  /**
   * Of the assets a complete pass did not see, the ids of those still in Jamf but outside the
   * scope. Kinds the scope leaves out are not read at all: their assets are outside the scope.
   */
  async outsideScope(client: JamfClient, unseen: readonly UnseenAsset[]): Promise<Set<string>> {
    const outside = new Set<string>();
    if (this.isEmpty) return outside;
    for (const kind of ['computer', 'mobile'] as const) {
      const ofKind = unseen.filter((a) => a.jamf_kind === kind);
      if (!ofKind.length) continue;
      if (!this.includes(kind)) {
        for (const a of ofKind) outside.add(a.id);
        continue;
      }
      const rest: UnseenAsset[] = [];
      for (const a of ofKind) {
        if (a.jamf_id && this.outsideAfterFetch[kind].has(a.jamf_id)) outside.add(a.id);
        else if (a.jamf_id) rest.push(a);
      }
      // Without a Jamf-side filter Jamf sent every device of the kind: the rest are not in Jamf.
      if (!rest.length || !scopeFiltersInJamf(kind, this.scope)) continue;
      const inJamf = await allJamfIds(client, kind);
      for (const a of rest) if (inJamf.has(a.jamf_id!)) outside.add(a.id);
    }
    return outside;
  }
}

/** Every id Jamf has of one kind, unfiltered. */
async function allJamfIds(client: JamfClient, kind: InventoryKind): Promise<Set<string>> {
  const ids = new Set<string>();
  const options = { pageSize: ID_LIST_PAGE_SIZE, sections: ID_LIST_SECTIONS };
  if (kind === 'computer') for await (const r of client.streamComputers(options)) ids.add(String(r.id));
  else for await (const r of client.streamMobileDevices(options)) ids.add(String(r.mobileDeviceId));
  return ids;
}

/**
 * Marks assets out of scope (keeps the first time it was seen so), with a change row each; a dry
 * run only lists them. Returns the changes for the report.
 */
export async function markOutOfScope(
  db: AppDatabase,
  organizationId: string,
  assets: readonly UnseenAsset[],
  options: { dryRun: boolean; runId: string | null },
): Promise<PlannedChange[]> {
  if (!assets.length) return [];
  const ids = JSON.stringify(assets.map((a) => ({ id: a.id })));
  const newly = await selectRows<{ id: string }>(
    db,
    sql`select a.id from assets a join jsonb_to_recordset(${ids}::jsonb) as x(id uuid) on a.id = x.id where a.out_of_scope_at is null`,
  );
  const newIds = new Set(newly.map((r) => r.id));
  if (!options.dryRun && newIds.size) {
    const json = JSON.stringify([...newIds].map((id) => ({ id })));
    await db.transaction(async (tx) => {
      await tx.execute(sql`update assets a set out_of_scope_at = now(), updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid) where a.id = x.id and a.out_of_scope_at is null`);
      await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
        select ${organizationId}, id, ${options.runId}, 'jamfScope', '"in"'::jsonb, '"out"'::jsonb
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid)`);
    });
  }
  return assets
    .filter((a) => newIds.has(a.id))
    .sort((x, y) => x.serial_number.localeCompare(y.serial_number))
    .map((a) => ({ action: 'leave_scope', serialNumber: a.serial_number, jamfId: a.jamf_id, field: 'jamfScope', old: 'in', new: 'out' }));
}

/** Assets this run saw that were out of scope: back in scope (cleared); a dry run only lists them. */
export async function clearBackInScope(
  db: AppDatabase,
  organizationId: string,
  seenSerials: Iterable<string>,
  options: { dryRun: boolean; runId: string | null },
): Promise<PlannedChange[]> {
  // Most organizations have none: then the run's serials are not even sent.
  const any = await selectRows<{ one: number }>(
    db,
    sql`select 1 as one from assets where organization_id = ${organizationId} and out_of_scope_at is not null limit 1`,
  );
  if (!any.length) return [];
  const serials = JSON.stringify([...seenSerials].map((serial) => ({ serial })));
  const back = await selectRows<{ id: string; serial_number: string; jamf_id: string | null }>(
    db,
    sql`select a.id, a.serial_number, a.jamf_id from assets a join jsonb_to_recordset(${serials}::jsonb) as x(serial text)
        on a.serial_number = x.serial where a.organization_id = ${organizationId} and a.out_of_scope_at is not null`,
  );
  if (!back.length) return [];
  if (!options.dryRun) {
    const json = JSON.stringify(back.map((a) => ({ id: a.id })));
    await db.transaction(async (tx) => {
      await tx.execute(sql`update assets a set out_of_scope_at = null, updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid) where a.id = x.id`);
      await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
        select ${organizationId}, id, ${options.runId}, 'jamfScope', '"out"'::jsonb, '"in"'::jsonb
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid)`);
    });
  }
  return back.sort((x, y) => x.serial_number.localeCompare(y.serial_number)).map((a) => ({ action: 'enter_scope', serialNumber: a.serial_number, jamfId: a.jamf_id, field: 'jamfScope', old: 'out', new: 'in' }));
}
