import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { DatabaseHandle } from '../db/open-database';
import { createApp } from '../http/create-app';
import { listen, withFrontHandlers, type RunningHttpServer } from '../http/http-server';
import { openServiceDatabase } from '../cli/open-service-database';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { markInterruptedRuns } from '../sync/run-store';
import { runConnectionSync } from '../sync/run-connection-sync';
import { NightlyScheduler } from '../scheduler/nightly-scheduler';
import { databaseReadiness } from './readiness';
import type { ReadinessCheck } from '../http/health-routes';
import { WebhookReceiver } from '../webhooks/webhook-receiver';
import { webhookRequestHandler } from '../webhooks/webhook-http-handler';
import { environmentWebhookCredentials } from '../webhooks/webhook-credentials';
import { InboxWorker, type InboxWorkerOptions } from '../webhooks/inbox-worker';
import { webhookReadinessDetails } from '../webhooks/readiness-details';
import { apiRouter } from '../api/api-router';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  http: RunningHttpServer;
  scheduler: NightlyScheduler | null;
  worker: InboxWorker | null;
  /**
   * Readiness goes 503, in-flight requests finish, the worker stops claiming and finishes its
   * batch, the scheduler stops, the database closes.
   */
  shutdown(): Promise<void>;
}

export interface ServiceOptions {
  routers?: Router[];
  /** Start the nightly scheduler (default true). */
  scheduler?: boolean;
  /** Start the webhook inbox worker (default true); the receiver is always mounted. */
  worker?: boolean;
  workerOptions?: InboxWorkerOptions;
}

/**
 * The main job: HTTP server (health, webhook receiver), the webhook inbox worker and the nightly
 * scheduler, on a migrated database.
 */
export async function startService(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  const database = await openServiceDatabase(config);
  let scheduler: NightlyScheduler | null = null;
  let worker: InboxWorker | null = null;
  let shuttingDown = false;
  let http: RunningHttpServer | undefined;
  try {
    const interrupted = await markInterruptedRuns(database.db);
    if (interrupted) logger.warn({ interrupted }, 'runs left unfinished by a stopped process were marked interrupted');
    const deps = { db: database.db, config, box: secretBoxFromConfig(config), logger };
    if (options.worker !== false) worker = new InboxWorker(deps, options.workerOptions);
    const receiver = new WebhookReceiver({
      db: database.db,
      environmentCredentials: environmentWebhookCredentials(config),
      onStored: () => worker?.wake(),
    });
    const app = createApp({
      logger,
      readiness: withWebhookDetails(databaseReadiness(database), database),
      isShuttingDown: () => shuttingDown,
      bodyLimit: config.HTTP_BODY_LIMIT,
      routers: [apiRouter(deps), ...(options.routers ?? [])],
    });
    http = await listen(withFrontHandlers(app, webhookRequestHandler(receiver, logger)), config.PORT, config.HOST);
    await worker?.start();
    if (options.scheduler !== false) {
      scheduler = new NightlyScheduler({
        db: database.db,
        logger: logger.child({ component: 'scheduler' }),
        runScheduledSync: (slug, window, firstSync) =>
          runConnectionSync(deps, slug, { trigger: 'scheduled', window, onlyIfNeverSynced: firstSync }),
      });
      await scheduler.start();
      if (config.JAMF_SYNC_ON_START) await scheduler.startFirstSyncs();
    }
  } catch (err) {
    await http?.close(0);
    await worker?.stop(0);
    await database.close();
    throw err;
  }
  const server = http;
  logger.info({ url: server.url, database: database.kind, location: database.location }, 'service started');

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      shuttingDown = true;
      logger.info('shutting down: readiness is now 503, waiting for in-flight requests');
      await server.close(config.SHUTDOWN_TIMEOUT_MS);
      // Rows not finished by then keep their lease and are taken up again when it expires.
      await worker?.stop(config.SHUTDOWN_TIMEOUT_MS);
      await scheduler?.stop(config.SHUTDOWN_TIMEOUT_MS);
      await database.close();
      logger.info('shut down cleanly');
    })());
  return { url: server.url, database, http: server, scheduler, worker, shutdown };
}

/** /readyz also shows the webhook backlog and each connection's last run (they never make it unready). */
function withWebhookDetails(base: ReadinessCheck, database: DatabaseHandle): ReadinessCheck {
  return async () => {
    const result = await base();
    if (!result.ready) return result;
    return { ready: true, details: { ...result.details, ...(await webhookReadinessDetails(database.db)) } };
  };
}
