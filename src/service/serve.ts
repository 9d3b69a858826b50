import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { DatabaseHandle } from '../db/open-database';
import { createApp } from '../http/create-app';
import { listen, type RunningHttpServer } from '../http/http-server';
import { openServiceDatabase } from '../cli/open-service-database';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { markInterruptedRuns } from '../sync/run-store';
import { runConnectionSync } from '../sync/run-connection-sync';
import { NightlyScheduler } from '../scheduler/nightly-scheduler';
import { databaseReadiness } from './readiness';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  http: RunningHttpServer;
  scheduler: NightlyScheduler | null;
  /** Readiness goes 503, in-flight requests finish, the scheduler stops, the database closes. */
  shutdown(): Promise<void>;
}

export interface ServiceOptions {
  routers?: Router[];
  /** Start the nightly scheduler (default true). */
  scheduler?: boolean;
}

/** The main job: HTTP server (health, webhooks) and the nightly scheduler, on a migrated database. */
export async function startService(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  const database = await openServiceDatabase(config);
  let scheduler: NightlyScheduler | null = null;
  let shuttingDown = false;
  let http: RunningHttpServer | undefined;
  try {
    const interrupted = await markInterruptedRuns(database.db);
    if (interrupted) logger.warn({ interrupted }, 'runs left unfinished by a stopped process were marked interrupted');
    const app = createApp({
      logger,
      readiness: databaseReadiness(database),
      isShuttingDown: () => shuttingDown,
      bodyLimit: config.HTTP_BODY_LIMIT,
      routers: options.routers,
    });
    http = await listen(app, config.PORT, config.HOST);
    if (options.scheduler !== false) {
      const deps = { db: database.db, config, box: secretBoxFromConfig(config), logger };
      scheduler = new NightlyScheduler({
        db: database.db,
        logger: logger.child({ component: 'scheduler' }),
        runScheduledSync: (slug, window) => runConnectionSync(deps, slug, { trigger: 'scheduled', window }),
      });
      await scheduler.start();
    }
  } catch (err) {
    await http?.close(0);
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
      await scheduler?.stop(config.SHUTDOWN_TIMEOUT_MS);
      await database.close();
      logger.info('shut down cleanly');
    })());
  return { url: server.url, database, http: server, scheduler, shutdown };
}
