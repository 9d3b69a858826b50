import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging/logger';
import { NO_TOTALS, type BackgroundWork, type UnfinishedWork, type WorkerTotals } from './background-work';
import { settledWithin } from './settled-within';
import type { BackgroundThreadData, FromBackgroundThread, ToBackgroundThread } from './background-thread-messages';
import { AppError } from '../errors/app-error';
import { fromErrorShape, type StartedSync } from '../api/start-sync';
import { republishTelemetry } from '../metrics/thread-forwarding';

/** Waits before starting a crashed background thread again, doubling up to the maximum. */
const RESTART_DELAY_MS = { first: 1000, max: 60_000 };
const WAKE_WINDOW_MS = 10;

/**
 * Runs the background work (inbox worker, scheduler, API syncs) in a worker thread of its own, on PostgreSQL.
 * The service's thread then only answers HTTP: measured at 500 webhooks/s, sharing one event loop
 * with the worker put its batches (tens of ms of CPU each) in front of acknowledgements, and p99
 * went from ~17 ms (receiver alone) to 38–58 ms. A thread that dies is started again, and the new
 * one puts the webhooks its predecessor had claimed back in the queue at once (the process, whose
 * pid marks a claim's owner, lives on, so they would otherwise wait out their lease); the inbox
 * keeps every acknowledged webhook meanwhile.
 */
export async function startBackgroundThread(
  data: BackgroundThreadData,
  logger: Logger,
  /** Test seam: the thread's entry module (default background-thread-main). */
  options: { entry?: string } = {},
): Promise<BackgroundWork> {
  // Totals of threads that ended (a restart starts a new worker from zero), and of the current one.
  let ended: WorkerTotals = { ...NO_TOTALS };
  let current: WorkerTotals = { ...NO_TOTALS };
  let state: BackgroundWork['state'] = 'running';
  let workerOwner: string | null = null;
  /** Inbox workers of threads that died, whose claims the next thread releases. */
  let crashedOwners: string[] = [];
  /** Syncs asked of the thread that has not answered yet. */
  const syncRequests = new Map<number, { resolve: (started: StartedSync) => void; reject: (err: Error) => void }>();
  let lastRequestId = 0;
  let thread = await spawn();
  let stopping: Promise<UnfinishedWork[]> | undefined;
  let onStopped: ((unfinished: UnfinishedWork[]) => void) | undefined;
  let restartDelay = RESTART_DELAY_MS.first;
  let restartTimer: NodeJS.Timeout | undefined;

  function spawn(): Promise<Worker> {
    const threadData: BackgroundThreadData = {
      ...data,
      options: { ...data.options, workerOptions: { ...data.options.workerOptions, releaseOnStart: crashedOwners } },
    };
    const worker = newWorker(threadData, options.entry ?? path.join(__dirname, `background-thread-main${path.extname(__filename)}`));
    return new Promise((resolve, reject) => {
      let started = false;
      worker.on('message', (message: FromBackgroundThread) => {
        if (message.type === 'ready') {
          started = true;
          state = 'running';
          workerOwner = message.workerOwner;
          crashedOwners = []; // released by the thread as it started
          resolve(worker);
        } else if (message.type === 'failed' && !started) {
          reject(new Error(message.message));
        } else if (message.type === 'telemetry') {
          republishTelemetry(message.batch);
        } else if (message.type === 'totals') {
          current = message.totals;
        } else if (message.type === 'stopped') {
          current = message.totals;
          onStopped?.(message.unfinished);
        } else if (message.type === 'syncStarted' || message.type === 'syncFailed') {
          const request = syncRequests.get(message.requestId);
          syncRequests.delete(message.requestId);
          if (message.type === 'syncStarted') request?.resolve(message.started);
          else request?.reject(fromErrorShape(message.error));
        }
      });
      worker.on('error', (err) => {
        if (!started) reject(err);
        else logger.error({ err }, 'background work failed');
      });
      worker.on('exit', (code) => {
        ended = addTotals(ended, current);
        current = { ...NO_TOTALS };
        for (const request of syncRequests.values()) {
          request.reject(new AppError(503, 'background_work_stopped', 'The background work stopped before the sync answered; try again shortly'));
        }
        syncRequests.clear();
        if (!started) return reject(new Error(`background thread exited with code ${code} before it started`));
        if (stopping) return;
        if (workerOwner) crashedOwners.push(workerOwner);
        restartLater(code);
      });
    });
  }

  function restartLater(code: number): void {
    state = 'restarting';
    logger.error({ exitCode: code, restartInMs: restartDelay }, 'background thread stopped unexpectedly; starting it again');
    restartTimer = setTimeout(() => {
      spawn().then(
        (started) => {
          thread = started;
          restartDelay = RESTART_DELAY_MS.first;
          logger.info('background thread started again');
        },
        (err) => {
          logger.error({ err }, 'background thread could not start again');
          restartDelay = Math.min(restartDelay * 2, RESTART_DELAY_MS.max);
          if (!stopping) restartLater(-1);
        },
      );
    }, restartDelay);
    restartTimer.unref();
  }

  const send = (message: ToBackgroundThread) => thread.postMessage(message);
  // At hundreds of webhooks a second, one message each would cost the receiver's thread more than
  // it helps: the worker gathers for 50 ms anyway. At most one wake per window, the last one late.
  let wakeTimer: NodeJS.Timeout | undefined;
  let lastWake = 0;
  const wake = () => {
    wakeTimer = undefined;
    lastWake = Date.now();
    if (state === 'running') send({ type: 'wake' });
  };
  return {
    wake: () => {
      if (wakeTimer) return;
      const wait = lastWake + WAKE_WINDOW_MS - Date.now();
      if (wait <= 0) wake();
      else wakeTimer = setTimeout(wake, wait);
    },
    startSync: (organizationSlug, { dryRun, selection }) => {
      if (state !== 'running') {
        return Promise.reject(new AppError(503, 'background_work_unavailable', `The background work is ${state}; try again shortly`));
      }
      return new Promise((resolve, reject) => {
        const requestId = ++lastRequestId;
        syncRequests.set(requestId, { resolve, reject });
        send({ type: 'sync', requestId, organizationSlug, dryRun, selection });
      });
    },
    get workerOwner() {
      return workerOwner;
    },
    get totals() {
      return addTotals(ended, current);
    },
    get state() {
      return state;
    },
    stop: (timeoutMs) =>
      (stopping ??= (async () => {
        clearTimeout(restartTimer);
        clearTimeout(wakeTimer);
        let unfinished: UnfinishedWork[] = [];
        if (state === 'running') {
          const ends = Date.now() + timeoutMs;
          const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
          const reported = new Promise<UnfinishedWork[]>((resolve) => (onStopped = resolve));
          // The thread stops its work a margin early, so that its report of what it left behind
          // has time to arrive; one that cannot say (a batch hogging its loop) is ended all the same.
          send({ type: 'stop', timeoutMs: timeoutMs - reportMarginMs(timeoutMs) });
          let timer: NodeJS.Timeout | undefined;
          const report = await Promise.race([
            reported,
            exited.then(() => null),
            new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
          ]);
          clearTimeout(timer);
          unfinished = report ?? ['background thread'];
          // Work left behind (a sync waiting on Jamf) keeps the thread's loop alive: it is ended
          // once its time is up, which stops its JavaScript at once and drops its connections.
          // Freeing the thread's heap after that took 0.7 s on a busy machine: not waited for
          // past the deadline (the process ends soon after anyway).
          if (!(await settledWithin(exited, Math.max(0, ends - Date.now())))) {
            await settledWithin(thread.terminate(), Math.max(0, ends - Date.now()));
          }
        }
        state = 'stopped';
        return unfinished;
      })()),
  };
}

/** A quarter of the thread's time, at most 0.5 s: a message crossed in milliseconds on a busy machine. */
const reportMarginMs = (timeoutMs: number) => Math.min(500, Math.floor(timeoutMs / 4));

const addTotals = (a: WorkerTotals, b: WorkerTotals): WorkerTotals => ({
  batches: a.batches + b.batches,
  done: a.done + b.done,
  failed: a.failed + b.failed,
  dead: a.dead + b.dead,
});

/** Runs from the compiled build as JavaScript, or from the sources through tsx (npx jamf-sync, tests). */
function newWorker(data: BackgroundThreadData, entry: string): Worker {
  if (entry.endsWith('.ts')) {
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
  }
  return new Worker(entry, { workerData: data });
}
