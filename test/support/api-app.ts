import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import type { AppDatabase } from '../../src/db/open-database';
import type { Logger } from '../../src/logging/logger';
import { TEST_SECRET_BOX } from './sync-harness';

/** The service's HTTP app with the API router alone (as serve mounts it), its syncs on this thread. */
export function apiApp(db: AppDatabase, logger: Logger, apiToken: string) {
  return createApp({
    logger,
    readiness: async () => ({ ready: true, details: {} }),
    isShuttingDown: () => false,
    routers: [apiRouter({ db, config: defaultConfig({ API_TOKEN: apiToken }), box: TEST_SECRET_BOX, logger })],
  });
}

/** Calls of one app with one token. */
export function apiClient(app: ReturnType<typeof createApp>, token: string) {
  const auth = (r: request.Test) => r.set('authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string, body?: object) => {
      const r = auth(request(app).post(path));
      return body === undefined ? r : r.send(body);
    },
    postText: (path: string, text: string, contentType = 'text/csv') => auth(request(app).post(path)).set('content-type', contentType).send(text),
  };
}
