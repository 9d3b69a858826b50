import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { selectRows, type Executor } from '../db/query';
import type { Principal } from '../access/roles';

/** What an audit row records; the actor and role come from the request's principal. */
export interface AuditEntry {
  action: string;
  organizationSlug: string | null;
  target: string | null;
  fields?: string[];
  reason?: string | null;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  organization: string | null;
  target: string | null;
  fields: string[];
  reason: string | null;
}

/** Writes the row before the action answers (a failure here refuses the action: no trail, no answer); returns its id. */
export async function recordAudit(db: Executor, principal: Principal, entry: AuditEntry): Promise<string> {
  const [row] = await selectRows<{ id: string }>(
    db,
    sql`insert into audit_log (actor, role, action, organization_slug, target, fields, reason)
        values (${principal.via}, ${principal.role}, ${entry.action}, ${entry.organizationSlug}, ${entry.target},
                ${JSON.stringify(entry.fields ?? [])}::jsonb, ${entry.reason ?? null})
        returning id`,
  );
  return row.id;
}

interface StoredAuditRow {
  id: string;
  at: Date | string;
  at_cursor: string;
  actor: string;
  role: string;
  action: string;
  organization_slug: string | null;
  target: string | null;
  fields: string[];
  reason: string | null;
}

/** Where the next page starts: the last row's `at` as PostgreSQL text (microseconds kept; an ISO time has milliseconds only) and id. */
export interface AuditCursor {
  at: string;
  id: string;
}

type AuditQuery = { limit: number; organizationSlug?: string; action?: string; before?: AuditCursor };

/** Newest first; `before` is the `at` + id cursor of the previous page's last row. */
export async function readAudit(db: AppDatabase, options: AuditQuery): Promise<AuditRow[]> {
  return (await readAuditPage(db, options)).rows;
}

/** One page, newest first, with the cursor of the next (null after the last page). */
export async function readAuditPage(db: AppDatabase, options: AuditQuery): Promise<{ rows: AuditRow[]; next: AuditCursor | null }> {
  const rows = await selectRows<StoredAuditRow>(
    db,
    sql`select *, at::text as at_cursor from audit_log
        where true
          ${options.organizationSlug ? sql`and organization_slug = ${options.organizationSlug}` : sql``}
          ${options.action ? sql`and action = ${options.action}` : sql``}
          ${options.before ? sql`and (at, id) < (${options.before.at}::timestamptz, ${options.before.id}::uuid)` : sql``}
        order by at desc, id desc limit ${options.limit}`,
  );
  const last = rows[rows.length - 1];
  const next = last && rows.length === options.limit ? { at: last.at_cursor, id: last.id } : null;
  return {
    next,
    rows: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      role: r.role,
      action: r.action,
      organization: r.organization_slug,
      target: r.target,
      fields: r.fields,
      reason: r.reason,
    })),
  };
}
