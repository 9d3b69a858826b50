/**
 * What a finished run tells a notification target: which events happened (pure) and the summary
 * that every format is built from. Pure: plain values in, plain values out, so the rules are tested
 * without a database or a receiver.
 *
 * One summary per run, never one per device: a run that failed and also created assets sends one
 * notification naming both events; `event` is the most important one.
 */

/** Most important first: the first that applies is the notification's `event`. */
export const NOTIFICATION_EVENTS = ['removal_guard.tripped', 'run.failed', 'run.partial', 'employees.held', 'assets.created'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The body's layout version: a receiver can refuse what it does not know. */
export const SUMMARY_VERSION = 1;

/** Error messages are cut to this (a run's message is a sentence; a stack or a query is not for a chat channel). */
const MAX_MESSAGE_LENGTH = 500;

/** The counts a notification shows: numbers only, chosen one by one (nothing of a device, nothing secure). */
export interface SummaryCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  removed: number;
  employeesCreated: number;
  employeesHeld: number;
  warnings: number;
  errors: number;
}

/** A finished run as the outbox writer knows it. */
export interface FinishedRunFacts {
  runId: string;
  organization: { slug: string; name: string };
  trigger: 'scheduled' | 'manual' | 'webhook';
  mode: string;
  status: 'succeeded' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string;
  counts: {
    fetched: number;
    created: number;
    updated: number;
    unchanged: number;
    skipped: Record<string, number>;
    removed: number;
    employeesCreated: number;
    warnings: number;
    errors: number;
  };
  failure: { code: string; message: string } | null;
  /** Assignees held for review under employee policy "hold" (R10/R23) in this run. */
  employeesHeld: number;
}

/** The summary: the JSON body, less the delivery id that the sender adds. */
export interface RunSummary {
  type: 'jamf-asset-sync.run';
  version: typeof SUMMARY_VERSION;
  event: NotificationEvent;
  events: NotificationEvent[];
  /** One line for people (also the Slack text). */
  text: string;
  organization: { slug: string; name: string };
  run: {
    id: string;
    trigger: FinishedRunFacts['trigger'];
    mode: string;
    status: FinishedRunFacts['status'];
    startedAt: string;
    finishedAt: string;
    /** The run's full report in the API (GET, reader role). */
    report: string;
  };
  counts: SummaryCounts;
  error: { code: string; message: string } | null;
}

/** The events a finished run raises, most important first; none: nothing to tell. */
export function runNotificationEvents(run: Pick<FinishedRunFacts, 'status' | 'failure' | 'counts' | 'employeesHeld'>): NotificationEvent[] {
  const raised = new Set<NotificationEvent>();
  if (run.status === 'failed') {
    if (run.failure?.code === 'removal_guard_tripped') raised.add('removal_guard.tripped');
    raised.add('run.failed');
  }
  if (run.status === 'partial') raised.add('run.partial');
  if (run.employeesHeld > 0) raised.add('employees.held');
  if (run.counts.created > 0) raised.add('assets.created');
  return NOTIFICATION_EVENTS.filter((e) => raised.has(e));
}

/** The summary of a run that raised events, or null when it raised none. */
export function runSummary(run: FinishedRunFacts): RunSummary | null {
  const events = runNotificationEvents(run);
  if (!events.length) return null;
  const skipped = Object.values(run.counts.skipped).reduce((sum, n) => sum + n, 0);
  const counts: SummaryCounts = {
    fetched: run.counts.fetched,
    created: run.counts.created,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    skipped,
    removed: run.counts.removed,
    employeesCreated: run.counts.employeesCreated,
    employeesHeld: run.employeesHeld,
    warnings: run.counts.warnings,
    errors: run.counts.errors,
  };
  const error = run.failure ? { code: run.failure.code, message: notificationSafeMessage(run.failure.message) } : null;
  const summary: Omit<RunSummary, 'text'> = {
    type: 'jamf-asset-sync.run',
    version: SUMMARY_VERSION,
    event: events[0],
    events,
    organization: { slug: run.organization.slug, name: run.organization.name },
    run: {
      id: run.runId,
      trigger: run.trigger,
      mode: run.mode,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      report: `/api/v1/runs/${run.runId}`,
    },
    counts,
    error,
  };
  return { ...summary, text: summaryText(summary) };
}

const HEADLINES: Record<NotificationEvent, string> = {
  'removal_guard.tripped': 'removal guard tripped',
  'run.failed': 'sync failed',
  'run.partial': 'sync finished with device errors',
  'employees.held': 'employees held for review',
  'assets.created': 'new assets created',
};

/** "acme: sync failed (jamf_auth_rejected: ...); 3 created, 1 error. Run <id> (manual)." */
export function summaryText(s: Omit<RunSummary, 'text'>): string {
  const headline = s.error ? `${HEADLINES[s.event]} (${s.error.code}: ${s.error.message})` : HEADLINES[s.event];
  const figures = [
    s.counts.created && `${s.counts.created} created`,
    s.counts.updated && `${s.counts.updated} updated`,
    s.counts.removed && `${s.counts.removed} removed`,
    s.counts.employeesHeld && `${s.counts.employeesHeld} employee(s) held for review`,
    s.counts.errors && `${s.counts.errors} device error(s)`,
  ].filter(Boolean);
  return `${s.organization.slug}: ${headline}${figures.length ? `; ${figures.join(', ')}` : ''}. Run ${s.run.id} (${s.run.trigger}, ${s.run.mode}).`;
}

/**
 * A failure message as a notification may carry it: no query parameters (a database error's
 * message lists them, and they can be any stored value), one line, bounded.
 */
export function notificationSafeMessage(message: string): string {
  const withoutParams = message.split(/\n?params:/)[0];
  const oneLine = withoutParams.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : oneLine;
}
