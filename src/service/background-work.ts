import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { SecretBox } from '../crypto/secret-box';
import type { Logger } from '../logging/logger';
import { runConnectionSync } from '../sync/run-connection-sync';
import { NightlyScheduler } from '../scheduler/nightly-scheduler';
import { retryPolicyFromConfig } from '../scheduler/retry-policy';
import { InboxWorker, type InboxWorkerOptions } from '../webhooks/inbox-worker';
import { syncStarter, type SyncStarter } from '../api/start-sync';
import { settledWithin } from './settled-within';

export interface WorkerTotals {
  batches: number;
  done: number;
  failed: number;
  dead: number;
}

/**
 * What `serve` does besides answering HTTP: the webhook inbox worker, the nightly scheduler (with
 * the first sync of a connection that never had one) and the syncs started from the API. Runs in
 * the service's own thread, or in a thread of its own (see background-thread.ts); the service sees
 * the same interface.
 */
export interface BackgroundWork {
  /** A webhook with device work was stored: drain the inbox now rather than at the next poll. */
  wake(): void;
  /** What the inbox worker has done since the service started. */
  readonly totals: WorkerTotals;
  /** Runs a sync started from the API with the rest of the background work, off the receiver's thread. */
  readonly startSync: SyncStarter;
  /** The inbox worker's claim owner (null without a worker). */
  readonly workerOwner: string | null;
  /** `restarting` while a crashed background thread is started again. */
  readonly state: 'running' | 'restarting' | 'stopped';
  /**
   * Stops claiming and scheduling; work in progress finishes (up to timeoutMs). Resolves with what
   * was still going at timeoutMs and was left behind (empty when everything finished).
   */
  stop(timeoutMs: number): Promise<UnfinishedWork[]>;
}

/** What a shutdown can cut short in the background work (named so in its log line). */
export type UnfinishedWork = 'webhook batch' | 'scheduled sync' | 'API sync' | 'background thread';

export interface BackgroundWorkOptions {
  /** Start the webhook inbox worker (default true). */
  worker?: boolean;
  /** Start the nightly scheduler (default true). */
  scheduler?: boolean;
  workerOptions?: InboxWorkerOptions;
}

export interface BackgroundWorkDeps {
  db: AppDatabase;
  config: Config;
  box: SecretBox | null;
  logger: Logger;
}

export const NO_TOTALS: WorkerTotals = Object.freeze({ batches: 0, done: 0, failed: 0, dead: 0 });

/** Starts the background work on this thread. */
export async function startBackgroundWork(deps: BackgroundWorkDeps, options: BackgroundWorkOptions = {}): Promise<BackgroundWork> {
  const worker = options.worker !== false ? new InboxWorker(deps, options.workerOptions) : null;
  let scheduler: NightlyScheduler | null = null;
  try {
    await worker?.start();
    if (options.scheduler !== false) {
      scheduler = new NightlyScheduler({
        db: deps.db,
        logger: deps.logger.child({ component: 'scheduler' }),
        runScheduledSync: (slug, window, kind) =>
          runConnectionSync(deps, slug, { trigger: 'scheduled', window, onlyIfNeverSynced: kind?.firstSync, retryOf: kind?.retryOf, dueAt: kind?.dueAt }),
        retry: retryPolicyFromConfig(deps.config),
        maxConcurrent: deps.config.SYNC_MAX_CONCURRENT,
        spreadMinutes: deps.config.SYNC_SPREAD_MINUTES,
      });
      await scheduler.start();
      if (deps.config.JAMF_SYNC_ON_START) await scheduler.startFirstSyncs();
    }
  } catch (err) {
    await worker?.stop(0);
    await scheduler?.stop(0);
    throw err;
  }
  let state: BackgroundWork['state'] = 'running';
  const apiSyncs = new Set<Promise<unknown>>();
  return {
    wake: () => worker?.wake(),
    startSync: syncStarter(deps, apiSyncs),
    workerOwner: worker?.owner ?? null,
    get totals() {
      return worker?.totals ?? NO_TOTALS;
    },
    get state() {
      return state;
    },
    async stop(timeoutMs) {
      // Rows not finished by then keep their lease and are taken up again when it expires; a run
      // still going is marked interrupted by the service (markOwnRunsInterrupted).
      const [batches, scheduled, api] = await Promise.all([
        worker?.stop(timeoutMs) ?? true,
        scheduler?.stop(timeoutMs) ?? true,
        settledWithin(apiSyncs, timeoutMs),
      ]);
      state = 'stopped';
      const unfinished: UnfinishedWork[] = [];
      if (!batches) unfinished.push('webhook batch');
      if (!scheduled) unfinished.push('scheduled sync');
      if (!api) unfinished.push('API sync');
      return unfinished;
    },
  };
}
