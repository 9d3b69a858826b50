import type { BatchPlan } from '../planner/plan-batch';

/** A dry run stands in for employees it would create with this prefix + their email (sync-session.ts). */
export const PLANNED_EMPLOYEE_PREFIX = 'planned:';

export interface PreviewPerson {
  email: string;
  firstName: string;
  lastName: string;
  /** The devices (serial numbers) that bring this person as their assignee. */
  serials: string[];
}

export interface PreviewNewEmployee extends PreviewPerson {
  /** Also listed among the possible duplicates (R10), created all the same (policy "create"). */
  possibleDuplicate: boolean;
}

export interface PreviewDuplicate extends PreviewPerson {
  /** Policy "hold": not created, no assignee set, into the review queue. */
  held: boolean;
  /** The employees of the same name: stored ones with their id, or (employeeId null) one this run would create. */
  resembles: Array<{ employeeId: string | null; email: string; firstName: string | null; lastName: string | null }>;
}

/** R10 made visible before it happens: whom a preview would create, and who looks like someone already there. */
export interface PreviewPeople {
  newEmployees: PreviewNewEmployee[];
  possibleDuplicates: PreviewDuplicate[];
}

/**
 * Gathers, batch by batch, the people of a dry run's plans: each employee it would create with the
 * devices that bring them, and each possible duplicate with the employees it resembles. Pure: plans
 * in, lists (by normalized email) out. Memory: one entry per person, never per device record.
 */
export class PreviewPeopleCollector {
  private readonly created = new Map<string, PreviewNewEmployee>();
  private readonly duplicates = new Map<string, PreviewDuplicate>();

  add(plan: BatchPlan): void {
    for (const e of plan.newEmployees) {
      this.created.set(e.normalizedEmail, { email: e.email, firstName: e.firstName, lastName: e.lastName, serials: [], possibleDuplicate: false });
    }
    for (const c of plan.creates) {
      const a = c.assignee;
      const email = !a ? null : 'newEmployeeEmail' in a ? a.newEmployeeEmail : plannedEmail(a.employeeId);
      if (email) this.created.get(email)?.serials.push(c.serialNumber);
    }
    for (const d of plan.possibleDuplicates) {
      const entry = this.duplicates.get(d.normalizedEmail) ?? { email: d.email, firstName: d.firstName, lastName: d.lastName, serials: [], held: d.held, resembles: [] };
      entry.serials.push(d.serialNumber);
      for (const r of d.resembles) {
        if (entry.resembles.some((known) => known.email === r.email)) continue;
        entry.resembles.push({ employeeId: r.employeeId ?? null, email: r.email, firstName: r.firstName ?? null, lastName: r.lastName ?? null });
      }
      this.duplicates.set(d.normalizedEmail, entry);
      if (!d.held) {
        const created = this.created.get(d.normalizedEmail);
        if (created) created.possibleDuplicate = true;
      }
    }
  }

  result(): PreviewPeople {
    return { newEmployees: sortedValues(this.created), possibleDuplicates: sortedValues(this.duplicates) };
  }
}

function plannedEmail(employeeId: string): string | null {
  return employeeId.startsWith(PLANNED_EMPLOYEE_PREFIX) ? employeeId.slice(PLANNED_EMPLOYEE_PREFIX.length) : null;
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort().map((k) => map.get(k)!);
}
