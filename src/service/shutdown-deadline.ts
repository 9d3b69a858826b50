/**
 * One deadline for the whole shutdown (SHUTDOWN_TIMEOUT_MS from SIGTERM), shared by its phases in
 * turn: in-flight requests, then the background work (inbox batch, nightly run, syncs started from
 * the API), then marking the runs still going interrupted and closing the database. Each phase
 * waits only for what is left, so the phases together never take longer than the whole: each with
 * a timeout of its own had made a 2 s setting take 7–9 s, past an orchestrator's SIGKILL.
 *
 * The draining phases stop a reserve short of the deadline, so that work which never finishes (a
 * sync waiting on a slow Jamf) still leaves time to record it as interrupted, close the database
 * and end the process: from the last phase to the exit took 0.3–0.4 s on a busy 2-core machine
 * (bench/shutdown.ts).
 */
export interface ShutdownDeadline {
  readonly timeoutMs: number;
  /** Time left for the draining phases (requests, background work). */
  drainLeftMs(): number;
  /** Time left for the last phases (marking runs interrupted, closing the database). */
  leftMs(): number;
  elapsedMs(): number;
}

/** Kept from the draining phases: a quarter of the budget, at most 2 s. */
export const cleanupReserveMs = (timeoutMs: number): number => Math.min(2000, Math.floor(timeoutMs / 4));
/** Kept from every phase, for the process to end: a fifth of the budget, at most 0.7 s. */
export const exitAllowanceMs = (timeoutMs: number): number => Math.min(700, Math.floor(timeoutMs / 5));

export function shutdownDeadline(timeoutMs: number, now: () => number = Date.now): ShutdownDeadline {
  const start = now();
  const end = start + timeoutMs;
  const drainEnd = end - cleanupReserveMs(timeoutMs);
  const phasesEnd = end - exitAllowanceMs(timeoutMs);
  return {
    timeoutMs,
    drainLeftMs: () => Math.max(0, drainEnd - now()),
    leftMs: () => Math.max(0, phasesEnd - now()),
    elapsedMs: () => now() - start,
  };
}
