import type { RunCounts } from '../db/schema';
import type { BatchPlan, RunIssue } from '../planner/plan-batch';

export function emptyCounts(): RunCounts {
  return {
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: {},
    employeesCreated: 0,
    employeesLinked: 0,
    removed: 0,
    warnings: 0,
    errors: 0,
  };
}

/** Adds one planned (and, outside a dry run, applied) batch to the run's counts. */
export function addPlanToCounts(counts: RunCounts, plan: BatchPlan): void {
  counts.created += plan.creates.length;
  // An update that only moved bookkeeping (report date, managed flag) changed no asset field.
  const fieldUpdates = plan.updates.filter((u) => u.changes.length > 0 || u.secure).length;
  counts.updated += fieldUpdates;
  counts.unchanged += plan.unchanged.length + (plan.updates.length - fieldUpdates);
  for (const skip of plan.skips) counts.skipped[skip.reason] = (counts.skipped[skip.reason] ?? 0) + 1;
  counts.employeesCreated += plan.newEmployees.length;
  counts.employeesLinked += plan.employeesLinked;
  counts.warnings += plan.warnings.length;
}
