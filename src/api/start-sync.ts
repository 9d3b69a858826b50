import { AppError } from '../errors/app-error';
import { toAppError } from '../http/error-handler';
import { runConnectionSync, type ConnectionSyncDeps } from '../sync/run-connection-sync';
import type { RunReport } from '../sync/run-report';
import type { RunSelection } from '../sync/run-selection';

/** A sync started from the API: a preview's whole report, or a real run's id as soon as the run exists. */
export type StartedSync = { dryRun: true; report: RunReport | null } | { dryRun: false; runId: string | null };

/** Starts a sync of one organization, on whichever thread runs the background work. */
export type SyncStarter = (organizationSlug: string, options: { dryRun: boolean; selection?: RunSelection }) => Promise<StartedSync>;

/**
 * Runs the sync on this thread. A real run is answered as soon as it exists and goes on after the
 * answer; if it then fails, only its log line and its run record tell. Every sync still going is
 * in `running`, so that stopping the service can wait for it.
 */
export function syncStarter(deps: ConnectionSyncDeps, running = new Set<Promise<unknown>>()): SyncStarter {
  const track = <T>(sync: Promise<T>): Promise<T> => {
    // Only tracks when the sync settles: its error reaches whoever awaits `sync` (the caller below logs it).
    const settled = sync.catch(() => undefined).finally(() => running.delete(settled));
    running.add(settled);
    return sync;
  };
  return async (slug, { dryRun, selection }) => {
    if (dryRun) return { dryRun, report: await track(runConnectionSync(deps, slug, { trigger: 'manual', dryRun: true, selection })) };
    const runId = await new Promise<string | null>((resolve, reject) => {
      track(runConnectionSync(deps, slug, { trigger: 'manual', selection, onStarted: resolve })).then(
        (report) => resolve(report?.id ?? null),
        (err) => {
          deps.logger.error({ err, organization: slug }, 'sync started from the API failed');
          reject(err);
        },
      );
    });
    return { dryRun, runId };
  };
}

/** An error as it crosses to another thread: what the API answers with, nothing else. */
export interface ErrorShape {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export function toErrorShape(err: unknown): ErrorShape {
  const { status, code, message, details } = toAppError(err);
  return { status, code, message, details };
}

export const fromErrorShape = (shape: ErrorShape) => new AppError(shape.status, shape.code, shape.message, shape.details);
