// How much trouble an organization's sync is in, from its status (GET /api/v1/organizations):
// pure, so the overview sorts by it and shows the same label everywhere.

/** A full run older than this with no success since is "stale" (the nightly run has not worked). */
const STALE_AFTER_MS = 36 * 3600 * 1000;

/**
 * { key, label, tone, severity }: failing > interrupted > never synced > stale > syncing > healthy
 * > disabled. Only full runs count (as for `connections list`).
 */
export function healthOf(status, now = Date.now()) {
  if (!status.enabled) return { key: 'disabled', label: 'Disabled', tone: 'muted', severity: 0 };
  if (status.consecutiveFailures > 0 || (status.lastError && status.lastRun?.status === 'failed')) {
    return { key: 'failing', label: 'Failing', tone: 'bad', severity: 5 };
  }
  if (status.lastRun?.status === 'interrupted') return { key: 'interrupted', label: 'Interrupted', tone: 'warn', severity: 4 };
  if (!status.lastRun) return { key: 'never', label: 'Never synced', tone: 'warn', severity: 3 };
  if (status.lastRun.status === 'running' && !status.lastSuccessAt) return { key: 'syncing', label: 'First sync running', tone: 'info', severity: 2 };
  if (!status.lastSuccessAt || now - new Date(status.lastSuccessAt).getTime() > STALE_AFTER_MS) {
    return { key: 'stale', label: 'No recent success', tone: 'warn', severity: 3 };
  }
  if (status.lastRun.status === 'running') return { key: 'syncing', label: 'Syncing', tone: 'info', severity: 1 };
  return { key: 'healthy', label: 'Healthy', tone: 'ok', severity: 1 };
}

/** Most trouble first; then more failures, then the oldest success, then by name. */
export function byTrouble(statuses, now = Date.now()) {
  const success = (s) => (s.lastSuccessAt ? new Date(s.lastSuccessAt).getTime() : 0);
  return [...statuses].sort(
    (a, b) =>
      healthOf(b, now).severity - healthOf(a, now).severity ||
      b.consecutiveFailures - a.consecutiveFailures ||
      success(a) - success(b) ||
      a.organization.localeCompare(b.organization),
  );
}

/** The next attempt: a retry when one comes before the nightly run. */
export function nextRun(status) {
  const { nextRetryAt: retry, nextScheduledRun: scheduled } = status;
  if (retry && (!scheduled || retry < scheduled)) return { at: retry, kind: 'retry' };
  return scheduled ? { at: scheduled, kind: 'scheduled' } : null;
}
