import { isIgnoredPerson } from './people';

/**
 * R23: what an admin's decision on a held assignee does. Pure: the held row and what the database
 * holds about its address and devices in, the writes (or the refusal) out; review-queue.ts reads
 * the facts and applies the outcome in one transaction.
 */

export type ReviewDecisionKind = 'approved' | 'linked' | 'ignored';

export type ReviewRequest = { kind: 'approve' } | { kind: 'link' } | { kind: 'ignore' };

export interface ReviewFacts {
  held: { email: string; normalizedEmail: string; firstName: string; lastName: string; decision: ReviewDecisionKind | null; decidedAt: string | null };
  /** The employee whose email the held address is now (an import or another decision may have made one since). */
  emailOwner: { id: string; firstName: string; lastName: string } | null;
  /** link: the employee asked for, if it exists in the organization; undefined for other decisions. */
  target?: { id: string; firstName: string; lastName: string } | null;
  ignoreList: readonly string[];
  /** The held devices and the assignee each has now. */
  devices: ReadonlyArray<{ assetId: string; assigneeId: string | null }>;
}

export type ReviewOutcome =
  | { ok: false; status: 404 | 409; code: string; message: string }
  | {
      ok: true;
      decision: ReviewDecisionKind;
      /** approve: the employee to create (named as Jamf names them, with the Jamf email). */
      createEmployee: { firstName: string; lastName: string; email: string; normalizedEmail: string } | null;
      /** link: the existing employee the devices go to; approve: null (the new one). */
      employeeId: string | null;
      /** link: add the Jamf email to that employee (false when it is already one of theirs). */
      addEmail: boolean;
      /** ignore: the address to add to the connection's ignore-list (null when an entry already matches it). */
      ignoreEntry: string | null;
      /** Held devices that get the employee as assignee: those still without one. */
      assign: string[];
      /** Held devices the inventory assigned meanwhile: R6, the inventory's assignee stays. */
      keep: string[];
    };

export function decideReview(request: ReviewRequest, facts: ReviewFacts): ReviewOutcome {
  const { held } = facts;
  if (held.decision) {
    return refuse(409, 'already_decided', `${held.email} was already ${held.decision} (${held.decidedAt ?? 'earlier'}); a decision is final`);
  }
  const assign = facts.devices.filter((d) => d.assigneeId === null).map((d) => d.assetId);
  const keep = facts.devices.filter((d) => d.assigneeId !== null).map((d) => d.assetId);
  const base = { createEmployee: null, employeeId: null, addEmail: false, ignoreEntry: null, assign, keep };
  switch (request.kind) {
    case 'approve':
      if (facts.emailOwner) {
        return refuse(409, 'email_already_employee', `${held.email} is already the email of ${fullName(facts.emailOwner)} (employee ${facts.emailOwner.id}); link to that employee instead`);
      }
      return {
        ok: true,
        ...base,
        decision: 'approved',
        createEmployee: { firstName: held.firstName, lastName: held.lastName, email: held.email, normalizedEmail: held.normalizedEmail },
      };
    case 'link': {
      const target = facts.target;
      if (!target) return refuse(404, 'employee_not_found', 'No employee of this organization has that id or email');
      if (facts.emailOwner && facts.emailOwner.id !== target.id) {
        return refuse(409, 'email_of_another_employee', `${held.email} is already the email of another employee, ${fullName(facts.emailOwner)} (${facts.emailOwner.id})`);
      }
      return { ok: true, ...base, decision: 'linked', employeeId: target.id, addEmail: !facts.emailOwner };
    }
    case 'ignore':
      // The devices stay without an assignee: an ignored address is never one (R11).
      return {
        ok: true,
        ...base,
        decision: 'ignored',
        assign: [],
        keep: [],
        ignoreEntry: isIgnoredPerson(facts.ignoreList, null, held.email) ? null : held.normalizedEmail,
      };
  }
}

function refuse(status: 404 | 409, code: string, message: string): ReviewOutcome {
  return { ok: false, status, code, message };
}

function fullName(e: { firstName: string; lastName: string }): string {
  return `${e.firstName} ${e.lastName}`;
}
