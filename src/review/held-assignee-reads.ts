import { sql } from 'drizzle-orm';
import { pgTextArray, selectRows, type Executor } from '../db/query';
import { normalizeEmail } from '../planner/people';

interface HeldRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  resembles: string[];
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  decision: 'approved' | 'linked' | 'ignored' | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  employee_id: string | null;
}

export type HeldAssignee = Awaited<ReturnType<typeof readHeldAssignees>>[number];

/**
 * The review queue (R23) of an organization: pending held assignees (or the decided ones, the
 * record of each decision), oldest first (then by address), each with its devices and the employees it resembles as
 * they are now. `after` is the id of the previous page's last one. Three queries per page.
 */
export async function readHeldAssignees(
  db: Executor,
  organizationId: string,
  options: { status: 'pending' | 'decided'; limit: number; after?: string; id?: string },
) {
  const rows = await selectRows<HeldRow>(
    db,
    sql`select h.* from held_assignees h
        where h.organization_id = ${organizationId}
          ${options.id ? sql`and h.id = ${options.id}` : options.status === 'pending' ? sql`and h.decision is null` : sql`and h.decision is not null`}
          ${options.after ? sql`and (h.first_seen_at, h.normalized_email, h.id) > (select p.first_seen_at, p.normalized_email, p.id from held_assignees p where p.id = ${options.after})` : sql``}
        order by h.first_seen_at, h.normalized_email, h.id limit ${options.limit}`,
  );
  if (!rows.length) return [];
  const devices = await selectRows<{
    held_assignee_id: string;
    outcome: 'assigned' | 'kept_assignee' | null;
    serial_number: string;
    asset_type: string;
    model: string | null;
    jamf_id: string | null;
    assignee_email: string | null;
  }>(
    db,
    sql`select ha.held_assignee_id, ha.outcome, a.serial_number, a.asset_type, a.model, a.jamf_id,
          (select ee.email from employee_emails ee where ee.employee_id = a.assignee_employee_id order by ee.created_at, ee.email limit 1) as assignee_email
        from held_assignee_assets ha join assets a on a.id = ha.asset_id
        where ha.held_assignee_id = any(${pgTextArray(rows.map((r) => r.id))}::uuid[])
        order by a.serial_number`,
  );
  const resembled = [...new Set(rows.flatMap((r) => r.resembles.map((e) => normalizeEmail(e)!)))];
  const employees = resembled.length
    ? await selectRows<{ normalized_email: string; id: string; first_name: string; last_name: string }>(
        db,
        sql`select ee.normalized_email, e.id, e.first_name, e.last_name
            from employee_emails ee join employees e on e.id = ee.employee_id
            where ee.organization_id = ${organizationId} and ee.normalized_email = any(${pgTextArray(resembled)}::text[])`,
      )
    : [];
  const employeeByEmail = new Map(employees.map((e) => [e.normalized_email, e]));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    resembles: r.resembles.map((email) => {
      const e = employeeByEmail.get(normalizeEmail(email)!);
      return { employeeId: e?.id ?? null, email, firstName: e?.first_name ?? null, lastName: e?.last_name ?? null };
    }),
    devices: devices
      .filter((d) => d.held_assignee_id === r.id)
      .map((d) => ({ serialNumber: d.serial_number, assetType: d.asset_type, model: d.model, jamfId: d.jamf_id, assigneeEmail: d.assignee_email, outcome: d.outcome })),
    firstSeenAt: iso(r.first_seen_at),
    lastSeenAt: iso(r.last_seen_at),
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : iso(r.decided_at),
    employeeId: r.employee_id,
  }));
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
