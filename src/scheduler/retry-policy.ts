/**
 * When `serve` tries a connection's full sync again after it did not succeed (failed, or cut
 * short by a crash or deploy), rather than waiting for the next nightly window. Pure.
 *
 * The wait doubles with each unsuccessful run in a row: base, 2 × base, 4 × base, … up to max
 * (defaults 1 min, then 2, 4, … 60 min: JAMF_SYNC_RETRY_MIN_SECONDS, JAMF_SYNC_RETRY_MAX_SECONDS).
 * A max of 0 turns retries off. A run stopped by the removal guard (R14) is not retried: the same
 * Jamf data gives the same answer until a person looks (see the README's error codes).
 */
export interface RetryPolicy {
  baseSeconds: number;
  maxSeconds: number;
}

export function retryPolicyFromConfig(config: { JAMF_SYNC_RETRY_MIN_SECONDS: number; JAMF_SYNC_RETRY_MAX_SECONDS: number }): RetryPolicy {
  return { baseSeconds: config.JAMF_SYNC_RETRY_MIN_SECONDS, maxSeconds: config.JAMF_SYNC_RETRY_MAX_SECONDS };
}

/** The wait after the `attempts`-th unsuccessful run in a row (1 for the first). */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy): number {
  const doublings = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(policy.baseSeconds * 2 ** doublings, policy.maxSeconds);
}

/**
 * When the last full run (ended at `finishedAt`, `attempts` unsuccessful runs in a row) is to be
 * tried again; null when it need not be (it succeeded, is still running, tripped the removal
 * guard, or retries are off).
 */
export function nextRetryAt(
  lastRun: { status: string; finishedAt: string | null; errorCode: string | null } | null,
  attempts: number,
  policy: RetryPolicy,
): Date | null {
  if (!lastRun || policy.maxSeconds <= 0 || !lastRun.finishedAt) return null;
  if (lastRun.status !== 'failed' && lastRun.status !== 'interrupted') return null;
  if (lastRun.errorCode === 'removal_guard_tripped') return null;
  return new Date(Date.parse(lastRun.finishedAt) + retryDelaySeconds(Math.max(attempts, 1), policy) * 1000);
}
