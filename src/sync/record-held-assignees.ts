import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import type { PossibleDuplicate } from '../planner/plan-batch';

/**
 * R23: puts the assignees a batch held (policy "hold", R10) in the review queue, in the batch's
 * transaction: one pending row per address (a later hold of the same address adds its devices and
 * moves `last_seen_at`), and the assets created without them. Once an admin decides, the address
 * is an employee's or on the ignore-list, so the planner does not hold it again.
 */
export async function recordHeldAssignees(
  tx: Executor,
  organizationId: string,
  held: readonly PossibleDuplicate[],
  assetIdBySerial: ReadonlyMap<string, string>,
): Promise<void> {
  if (!held.length) return;
  const people = new Map<string, { email: string; normalizedEmail: string; firstName: string; lastName: string; resembles: string[] }>();
  for (const h of held) {
    const person = people.get(h.normalizedEmail) ?? { email: h.email, normalizedEmail: h.normalizedEmail, firstName: h.firstName, lastName: h.lastName, resembles: [] };
    for (const e of h.resembles) if (!person.resembles.includes(e.email)) person.resembles.push(e.email);
    people.set(h.normalizedEmail, person);
  }
  const rows = await selectRows<{ id: string; normalized_email: string }>(
    tx,
    sql`insert into held_assignees (organization_id, email, normalized_email, first_name, last_name, resembles)
        select ${organizationId}, email, "normalizedEmail", "firstName", "lastName", resembles
        from jsonb_to_recordset(${json([...people.values()])}) as x(email text, "normalizedEmail" text, "firstName" text, "lastName" text, resembles jsonb)
        on conflict (organization_id, normalized_email) where decision is null do update set
          email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
          resembles = excluded.resembles, last_seen_at = now()
        returning id, normalized_email`,
  );
  const idByEmail = new Map(rows.map((r) => [r.normalized_email, r.id]));
  const links = held
    .map((h) => ({ heldId: idByEmail.get(h.normalizedEmail), assetId: assetIdBySerial.get(h.serialNumber) }))
    .filter((l) => l.heldId && l.assetId);
  if (!links.length) return;
  await tx.execute(sql`insert into held_assignee_assets (held_assignee_id, asset_id, organization_id)
    select "heldId", "assetId", ${organizationId} from jsonb_to_recordset(${json(links)}) as x("heldId" uuid, "assetId" uuid)
    on conflict do nothing`);
}

function json(value: unknown) {
  return sql`${JSON.stringify(value)}::jsonb`;
}
