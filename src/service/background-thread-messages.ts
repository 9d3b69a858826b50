import type { Config } from '../config';
import type { BackgroundWorkOptions, UnfinishedWork, WorkerTotals } from './background-work';
import type { ErrorShape, StartedSync } from '../api/start-sync';
import type { TelemetryBatch } from '../metrics/thread-forwarding';
import type { RunSelection } from '../sync/run-selection';

/** What the background thread is started with (structured-cloned: plain data only, no test seams). */
export interface BackgroundThreadData {
  config: Config;
  options: Omit<BackgroundWorkOptions, 'workerOptions'> & {
    workerOptions?: Omit<NonNullable<BackgroundWorkOptions['workerOptions']>, 'clock' | 'clientFor' | 'onBatch'>;
  };
}

export type ToBackgroundThread =
  | { type: 'wake' }
  | { type: 'stop'; timeoutMs: number }
  | { type: 'sync'; requestId: number; organizationSlug: string; dryRun: boolean; selection?: RunSelection };

export type FromBackgroundThread =
  | { type: 'ready'; workerOwner: string | null }
  | { type: 'failed'; message: string }
  | { type: 'totals'; totals: WorkerTotals }
  | { type: 'telemetry'; batch: TelemetryBatch }
  /** The work stopped (what it left unfinished); the thread then closes its pool and exits. */
  | { type: 'stopped'; totals: WorkerTotals; unfinished: UnfinishedWork[] }
  | { type: 'syncStarted'; requestId: number; started: StartedSync }
  | { type: 'syncFailed'; requestId: number; error: ErrorShape };
