import diagnosticsChannel from 'node:diagnostics_channel';
import type { RunCounts } from '../db/schema';
import type { RunTrigger } from './run-store';

/**
 * A run that ended, as recorded in sync_runs, including a sync that failed before it could start
 * (credentials refused, Jamf unreachable), which is recorded as a failed run. Dry runs (previews,
 * no run row) are not published: like the run list, the metrics count runs.
 */
export interface FinishedRunEvent {
  organization: string;
  trigger: RunTrigger;
  status: 'succeeded' | 'partial' | 'failed';
  counts: RunCounts;
}

/**
 * Finished runs are published on a diagnostics channel so the metrics count them where they
 * happen (the service's thread, or the background thread, which forwards them) without the sync
 * knowing about metrics. Channels belong to one thread; see src/metrics/thread-forwarding.ts.
 */
export const finishedRunChannel = diagnosticsChannel.channel('jamf-asset-sync:sync-run-finished');

export function reportFinishedRun(event: FinishedRunEvent): void {
  if (finishedRunChannel.hasSubscribers) finishedRunChannel.publish(event);
}
