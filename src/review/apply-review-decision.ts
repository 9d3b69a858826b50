import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../db/open-database';
import { isUuid, pgTextArray, selectOne, selectRows, type Executor } from '../db/query';
import { AppError } from '../errors/app-error';
import type { Principal } from '../access/roles';
import { normalizeEmail, normalizePersonName, personNameKey } from '../planner/people';
import { decideReview, type ReviewFacts, type ReviewRequest } from '../planner/review-decision';
import { readHeldAssignees, type HeldAssignee } from './held-assignee-reads';

/** Whom `link` links to: an employee by id, or by one of their emails. */
export type LinkTarget = { employeeId: string } | { email: string };

/**
 * R23: an admin's decision on a held assignee, applied at once and recorded, in one transaction
 * under the organization's lock (the one each sync batch takes, so a sync never plans against a
 * half-applied decision). approve: create the employee and assign the held devices; link: add the
 * Jamf email to an existing employee and assign them; ignore: add the address to the connection's
 * ignore-list. A device the inventory assigned meanwhile keeps its assignee (R6). The decision is
 * what review-decision.ts says; this file reads its facts and writes its outcome.
 */
export async function applyReviewDecision(
  db: AppDatabase,
  input: { organizationId: string; heldId: string; request: ReviewRequest; linkTo?: LinkTarget; principal: Principal },
): Promise<HeldAssignee> {
  const { organizationId } = input;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}))`);
    const held = isUuid(input.heldId)
      ? await selectOne<{ email: string; normalized_email: string; first_name: string; last_name: string; decision: ReviewFacts['held']['decision']; decided_at: Date | string | null }>(
          tx,
          sql`select email, normalized_email, first_name, last_name, decision, decided_at from held_assignees
              where id = ${input.heldId} and organization_id = ${organizationId} for update`,
        )
      : null;
    if (!held) throw new AppError(404, 'held_assignee_not_found', `No held assignee ${input.heldId.slice(0, 100)} in this organization's review queue`);
    const connection = await selectOne<{ ignore_list: string[] }>(tx, sql`select ignore_list from jamf_connections where organization_id = ${organizationId}`);
    const facts: ReviewFacts = {
      held: {
        email: held.email,
        normalizedEmail: held.normalized_email,
        firstName: held.first_name,
        lastName: held.last_name,
        decision: held.decision,
        decidedAt: held.decided_at === null ? null : new Date(held.decided_at).toISOString(),
      },
      emailOwner: await employeeBy(tx, organizationId, { email: held.normalized_email }),
      target: input.linkTo ? await employeeBy(tx, organizationId, input.linkTo) : undefined,
      ignoreList: connection?.ignore_list ?? [],
      devices: await selectRows<{ assetId: string; assigneeId: string | null }>(
        tx,
        sql`select a.id as "assetId", a.assignee_employee_id as "assigneeId"
            from held_assignee_assets ha join assets a on a.id = ha.asset_id where ha.held_assignee_id = ${input.heldId} for update of a`,
      ),
    };
    const outcome = decideReview(input.request, facts);
    if (!outcome.ok) throw new AppError(outcome.status, outcome.code, outcome.message);
    if (outcome.ignoreEntry && !connection) {
      throw new AppError(409, 'connection_not_found', 'The organization has no Jamf connection, so no ignore-list to add the address to');
    }

    let employeeId = outcome.employeeId;
    if (outcome.createEmployee) {
      const e = outcome.createEmployee;
      employeeId = randomUUID();
      await tx.execute(sql`insert into employees (id, organization_id, first_name, last_name, normalized_name, name_key, source)
        values (${employeeId}, ${organizationId}, ${e.firstName}, ${e.lastName}, ${normalizePersonName(e.firstName, e.lastName)}, ${personNameKey(e.firstName, e.lastName)}, 'jamf')`);
    }
    if (outcome.createEmployee || outcome.addEmail) {
      await tx.execute(sql`insert into employee_emails (organization_id, employee_id, email, normalized_email)
        values (${organizationId}, ${employeeId}, ${held.email}, ${held.normalized_email})`);
    }
    if (outcome.ignoreEntry) {
      await tx.execute(sql`update jamf_connections set ignore_list = ignore_list || jsonb_build_array(${outcome.ignoreEntry}::text), updated_at = now()
        where organization_id = ${organizationId}`);
    }
    if (outcome.assign.length) {
      const ids = pgTextArray(outcome.assign);
      await tx.execute(sql`update assets set assignee_employee_id = ${employeeId}, updated_at = now() where id = any(${ids}::uuid[]) and organization_id = ${organizationId}`);
      // Like an import's assignee change: in the change log, with no run.
      await tx.execute(sql`insert into asset_changes (organization_id, asset_id, run_id, field, old_value, new_value)
        select ${organizationId}, id, null, 'assigneeEmail', 'null'::jsonb, to_jsonb(${held.email}::text) from assets where id = any(${ids}::uuid[])`);
      await setOutcome(tx, input.heldId, outcome.assign, 'assigned');
    }
    if (outcome.keep.length) await setOutcome(tx, input.heldId, outcome.keep, 'kept_assignee');
    await tx.execute(sql`update held_assignees set decision = ${outcome.decision}, decided_by = ${input.principal.via}, decided_at = now(), employee_id = ${employeeId}
      where id = ${input.heldId}`);
    const [answer] = await readHeldAssignees(tx, organizationId, { status: 'decided', limit: 1, id: input.heldId });
    return answer;
  });
}

async function setOutcome(tx: Executor, heldId: string, assetIds: string[], outcome: 'assigned' | 'kept_assignee'): Promise<void> {
  await tx.execute(sql`update held_assignee_assets set outcome = ${outcome} where held_assignee_id = ${heldId} and asset_id = any(${pgTextArray(assetIds)}::uuid[])`);
}

async function employeeBy(tx: Executor, organizationId: string, by: LinkTarget): Promise<{ id: string; firstName: string; lastName: string } | null> {
  if ('employeeId' in by && !isUuid(by.employeeId)) return null;
  const email = 'email' in by ? normalizeEmail(by.email) : null;
  return selectOne(
    tx,
    sql`select e.id, e.first_name as "firstName", e.last_name as "lastName" from employees e
        where e.organization_id = ${organizationId}
          and ${'employeeId' in by ? sql`e.id = ${by.employeeId}` : sql`e.id = (select ee.employee_id from employee_emails ee where ee.organization_id = ${organizationId} and ee.normalized_email = ${email})`}`,
  );
}
