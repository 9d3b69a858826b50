import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { migrate } from '../db/migrate';
import { createApp } from '../http/create-app';
import { listen, type RunningHttpServer } from '../http/http-server';
import { databaseReadiness } from './readiness';

export interface RunningService {
  url: string;
  database: DatabaseHandle;
  http: RunningHttpServer;
  /** Readiness goes 503, in-flight requests finish, the database closes. */
  shutdown(): Promise<void>;
}

/** The main job: HTTP server (health, and later webhooks), on a migrated database. */
export async function startService(
  config: Config,
  logger: Logger,
  options: { routers?: Router[] } = {},
): Promise<RunningService> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { applied } = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'database migrated');
  } catch (err) {
    await database.close();
    throw err;
  }
  let shuttingDown = false;
  const app = createApp({
    logger,
    readiness: databaseReadiness(database),
    isShuttingDown: () => shuttingDown,
    bodyLimit: config.HTTP_BODY_LIMIT,
    routers: options.routers,
  });
  const http = await listen(app, config.PORT, config.HOST).catch(async (err) => {
    await database.close();
    throw err;
  });
  logger.info({ url: http.url, database: database.kind, location: database.location }, 'service started');

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      shuttingDown = true;
      logger.info('shutting down: readiness is now 503, waiting for in-flight requests');
      await http.close(config.SHUTDOWN_TIMEOUT_MS);
      await database.close();
      logger.info('shut down cleanly');
    })());
  return { url: http.url, database, http, shutdown };
}
