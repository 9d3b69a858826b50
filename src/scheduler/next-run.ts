import cron from 'node-cron';

/**
 * The next time a cron expression fires in a time zone, as node-cron (which runs the schedule)
 * computes it; null for an expression node-cron refuses. The task is never started.
 */
export function nextScheduledRun(expression: string, timeZone: string): Date | null {
  if (!cron.validate(expression)) return null;
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } catch {
    return null;
  } finally {
    void task.destroy();
  }
}
