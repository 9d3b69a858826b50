import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { AppDatabase, DatabaseHandle } from '../db/open-database';
import { createApp } from '../http/create-app';
import { listen, withFrontHandlers, type RunningHttpServer } from '../http/http-server';
import { openServiceDatabase } from './open-service-database';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { markInterruptedRuns, markOwnRunsInterrupted } from '../sync/run-store';
import { releaseLeasesOfProcess } from '../leases/job-lease';
import { PROCESS_OWNER } from '../leases/process-owner';
import { databaseReadiness } from './readiness';
import type { ReadinessCheck } from '../http/health-routes';
import { WebhookReceiver } from '../webhooks/webhook-receiver';
import { webhookRequestHandler } from '../webhooks/webhook-http-handler';
import { environmentWebhookCredentials } from '../webhooks/webhook-credentials';
import { startBackgroundWork, type BackgroundWork, type BackgroundWorkOptions } from './background-work';
import { startBackgroundThread } from './background-thread';
import type { BackgroundThreadData } from './background-thread-messages';
import { webhookReadinessDetails } from '../webhooks/readiness-details';
import { apiRouter } from '../api/api-router';
import { createServiceMetrics, type ServiceMetrics } from '../metrics/service-metrics';
import { metricsRouter } from '../metrics/metrics-router';
import { AuthFailureLimiter, authFailureLimits } from '../http/auth-failure-limiter';
import { shutdownDeadline } from './shutdown-deadline';
import { settledWithin } from './settled-within';
import { shareEmbeddedDatabase, type SharedDatabase } from './share-embedded-database';
import { NotificationWorker, type NotificationWorkerOptions } from '../notifications/notification-worker';

/** The steps of a shutdown, in order, as its log lines name them. */
type ShutdownPhase = 'http requests' | 'background work' | 'interrupted runs' | 'database';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  http: RunningHttpServer;
  /** The inbox worker and the scheduler, on a thread of their own on PostgreSQL. */
  background: BackgroundWork;
  /**
   * Readiness goes 503, in-flight requests finish, the worker stops claiming and finishes its
   * batch, the scheduler and the syncs started from the API finish, runs still going are marked
   * interrupted, the database closes: all within SHUTDOWN_TIMEOUT_MS (see shutdown-deadline.ts).
   */
  shutdown(): Promise<void>;
}

export interface ServiceOptions extends BackgroundWorkOptions {
  routers?: Router[];
  /**
   * Run the background work on a thread of its own (default: on PostgreSQL, yes; the embedded
   * PGlite database lives in one thread, so there it shares the service's).
   */
  backgroundThread?: boolean;
  /** The sender of run notifications (on this thread: it only waits on HTTP, and counts for /metrics here). */
  notifications?: NotificationWorkerOptions;
}

/**
 * The main job: HTTP server (health, webhook receiver, API), the webhook inbox worker and the
 * nightly scheduler, on a migrated database.
 */
export async function startService(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  const database = await openServiceDatabase(config, { role: 'serve', onLockNotice: (message) => logger.warn(message) });
  const { routers, backgroundThread = database.kind === 'postgres', notifications, ...backgroundOptions } = options;
  let background: BackgroundWork | undefined;
  let shuttingDown = false;
  let http: RunningHttpServer | undefined;
  let metrics: ServiceMetrics | undefined;
  let shared: SharedDatabase | undefined;
  let notifier: NotificationWorker | undefined;
  try {
    const interrupted = await markInterruptedRuns(database.db);
    if (interrupted) logger.warn({ interrupted }, 'runs left unfinished by a stopped process were marked interrupted');
    const deps = { db: database.db, config, box: secretBoxFromConfig(config), logger };
    metrics = createServiceMetrics(database.db); // before the background work, whose first sync it counts
    background = backgroundThread
      ? await startBackgroundThread({ config, options: plainOptions(backgroundOptions) }, logger)
      : await startBackgroundWork(deps, backgroundOptions);
    if (notifications?.enabled !== false) {
      notifier = new NotificationWorker(deps, notifications);
      await notifier.start();
    }
    const wake = background.wake;
    // Each entry point counts refused credentials on its own (an API typo does not block webhooks).
    const limiter = () => new AuthFailureLimiter(authFailureLimits(config.AUTH_FAILURES_PER_MINUTE));
    const receiver = new WebhookReceiver({
      db: database.db,
      environmentCredentials: environmentWebhookCredentials(config),
      onStored: () => wake(),
    });
    const app = createApp({
      logger,
      readiness: withServiceDetails(databaseReadiness(database), database, background),
      isShuttingDown: () => shuttingDown,
      apiToken: config.API_TOKEN,
      bodyLimit: config.HTTP_BODY_LIMIT,
      routers: [
        apiRouter({ ...deps, startSync: background.startSync, authFailures: limiter() }),
        metricsRouter(metrics, config.METRICS_TOKEN, limiter()),
        ...(routers ?? []),
      ],
    });
    const webhooks = webhookRequestHandler(receiver, logger, metrics.observeWebhookAnswer, limiter());
    http = await listen(withFrontHandlers(app, webhooks), config.PORT, config.HOST);
    shared = await shareEmbeddedDatabase(database, logger);
  } catch (err) {
    await shared?.close();
    await http?.close(0);
    await background?.stop(0);
    await notifier?.stop(0);
    metrics?.close();
    await database.close();
    throw err;
  }
  const server = http;
  const work = background;
  const serviceMetrics = metrics;
  const commandsSocket = shared;
  const sender = notifier;
  logger.info({ url: server.url, database: database.kind, location: database.location, backgroundThread }, 'service started');

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      shuttingDown = true;
      const deadline = shutdownDeadline(config.SHUTDOWN_TIMEOUT_MS);
      const cutShort: ShutdownPhase[] = [];
      // One line per phase, with the time since SIGTERM: where the seconds go is then in the log.
      const ended = (phase: ShutdownPhase, finished: boolean, details: object = {}) => {
        if (!finished) cutShort.push(phase);
        logger.info({ phase, finished, elapsedMs: deadline.elapsedMs(), ...details }, 'shutdown phase ended');
      };
      logger.info({ timeoutMs: deadline.timeoutMs }, 'shutting down: readiness is now 503, waiting for in-flight requests');
      ended('http requests', await server.close(deadline.drainLeftMs()));
      // A notification being sent finishes (or its lease returns it to the queue for another replica).
      const [unfinished] = await Promise.all([work.stop(deadline.drainLeftMs()), sender?.stop(deadline.drainLeftMs())]);
      ended('background work', unfinished.length === 0, { unfinished });
      // Commands connected through it lose their session (an open transaction is rolled back).
      await commandsSocket?.close();
      ended('interrupted runs', await settledWithin(endUnfinishedRuns(database.db, logger, deadline.timeoutMs), deadline.leftMs()));
      serviceMetrics.close();
      ended('database', await settledWithin(database.close(), deadline.leftMs()));
      if (cutShort.length === 0) logger.info({ elapsedMs: deadline.elapsedMs() }, 'shut down cleanly');
      else {
        logger.warn(
          { timeoutMs: deadline.timeoutMs, elapsedMs: deadline.elapsedMs(), cutShort, unfinished },
          'shutdown reached SHUTDOWN_TIMEOUT_MS: what was still going was left behind',
        );
      }
    })());
  return { url: server.url, database, http: server, background: work, shutdown };
}

/**
 * Runs still going once the background work had its time to finish: marked interrupted and their
 * leases freed now, so an admin sees what was cut short and another replica can sync at once.
 */
async function endUnfinishedRuns(db: AppDatabase, logger: Logger, timeoutMs: number): Promise<void> {
  try {
    const cut = await markOwnRunsInterrupted(db);
    await releaseLeasesOfProcess(db, PROCESS_OWNER);
    if (cut.length) logger.warn({ runs: cut, timeoutMs }, 'runs still going at shutdown were marked interrupted');
  } catch (err) {
    logger.error({ err }, 'could not mark the runs still going at shutdown as interrupted; the next start will');
  }
}

/** A thread is started with plain data: the worker's test seams stay on this side. */
function plainOptions(options: BackgroundWorkOptions): BackgroundThreadData['options'] {
  const { clock: _clock, clientFor: _clientFor, onBatch: _onBatch, ...workerOptions } = options.workerOptions ?? {};
  return { worker: options.worker, scheduler: options.scheduler, workerOptions };
}

/**
 * /readyz (with the API token) also shows the webhook backlog, each connection's last run and
 * whether the background work runs (none of them makes the service unready: webhooks are still
 * stored and acknowledged).
 */
function withServiceDetails(base: ReadinessCheck, database: DatabaseHandle, background: BackgroundWork): ReadinessCheck {
  return async () => {
    const result = await base();
    if (!result.ready) return result;
    return { ready: true, details: { ...result.details, ...(await webhookReadinessDetails(database.db)), backgroundWork: background.state } };
  };
}
