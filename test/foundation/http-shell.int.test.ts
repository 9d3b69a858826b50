import { Router } from 'express';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { AppError } from '../../src/errors/app-error';
import { databaseReadiness } from '../../src/service/readiness';
import { loadMigrations } from '../../src/db/migrate';
import { startService, type RunningService } from '../../src/service/serve';
import { defaultConfig } from '../../src/config';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { captureLogs } from '../support/log-capture';
import { openProcessDatabase } from '../support/process-database';

describe(`HTTP shell (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const API_TOKEN = 'http-shell-api-token-0123456789';
  const withToken = { authorization: `Bearer ${API_TOKEN}` };

  function appWith(routers: Router[] = [], shuttingDown = false) {
    const logs = captureLogs();
    const app = createApp({
      logger: logs.logger,
      readiness: databaseReadiness(database),
      isShuttingDown: () => shuttingDown,
      apiToken: API_TOKEN,
      bodyLimit: '1kb',
      routers,
    });
    return { app, logs };
  }

  it('GET /healthz answers without touching anything', async () => {
    const res = await request(appWith().app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 on a migrated database and, to a request with the API token, says which database', async () => {
    const res = await request(appWith().app).get('/readyz').set(withToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: { ok: true, kind: testDatabaseKind, pendingMigrations: [] } });
  });

  it('GET /readyz without the API token (or with another) answers the status only', async () => {
    for (const headers of [{}, { authorization: `Bearer ${API_TOKEN}x` }, { authorization: 'Bearer ' }]) {
      const res = await request(appWith().app).get('/readyz').set(headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready' });
    }
  });

  it('GET /readyz is 503 while a migration is missing', async () => {
    const tags = loadMigrations().map((m) => m.tag);
    const last = tags[tags.length - 1];
    await database.db.execute(sql`delete from schema_migrations where tag = ${last}`);
    try {
      const res = await request(appWith().app).get('/readyz').set(withToken);
      expect(res.status).toBe(503);
      expect(res.body.database.pendingMigrations).toEqual([last]);
      const anonymous = await request(appWith().app).get('/readyz');
      expect(anonymous.status).toBe(503);
      expect(anonymous.body).toEqual({ status: 'not_ready' });
    } finally {
      await database.db.execute(sql`insert into schema_migrations (tag) values (${last})`);
    }
  });

  it('GET /readyz is 503 while shutting down', async () => {
    const res = await request(appWith([], true).app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'shutting_down' });
  });

  it('maps errors to one JSON shape: unknown route, bad JSON, oversize body, typed error, crash', async () => {
    const router = Router();
    router.post('/echo', (req, res) => {
      res.json(req.body);
    });
    router.get('/typed', () => {
      throw new AppError(409, 'conflict_example', 'Already there', { field: 'slug' });
    });
    router.get('/crash', () => {
      throw new Error('secret internals');
    });
    const { app } = appWith([router]);

    const missing = await request(app).get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /nope' } });

    const badJson = await request(app).post('/echo').set('content-type', 'application/json').send('{"a":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_json');

    const big = await request(app).post('/echo').send({ blob: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');

    const typed = await request(app).get('/typed');
    expect(typed.status).toBe(409);
    expect(typed.body).toEqual({ error: { code: 'conflict_example', message: 'Already there', details: { field: 'slug' } } });

    const crash = await request(app).get('/crash').set('x-request-id', 'req-123');
    expect(crash.status).toBe(500);
    expect(crash.body).toEqual({
      error: { code: 'internal_error', message: expect.any(String), requestId: 'req-123' },
    });
    expect(JSON.stringify(crash.body)).not.toContain('secret internals');
  });

  it('sets security headers and a request id on every answer', async () => {
    const res = await request(appWith().app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs credentials sent in headers', async () => {
    const router = Router();
    router.get('/private', (_req, res) => {
      res.status(204).end();
    });
    const { app, logs } = appWith([router]);
    await request(app).get('/private').set('authorization', 'Basic c2VjcmV0LXVzZXI6aHVudGVyMg==').set('cookie', 'sid=topsecret');
    expect(logs.text()).toContain('/private');
    expect(logs.text()).not.toContain('c2VjcmV0LXVzZXI6aHVudGVyMg==');
    expect(logs.text()).not.toContain('topsecret');
  });
});

describe(`access log redaction on every path (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  function appWith(routers: Router[] = []) {
    const logs = captureLogs();
    const app = createApp({ logger: logs.logger, readiness: databaseReadiness(database), isShuttingDown: () => false, routers });
    const entries = () => logs.lines().map((l) => JSON.parse(l) as { req?: { url?: string; query?: unknown; headers?: Record<string, unknown> }; err?: Record<string, unknown> });
    return { app, logs, entries };
  }

  it('redacts credential-bearing headers on mistyped webhook and API paths, whatever their name, and keeps the standard ones', async () => {
    const { app, logs, entries } = appWith();
    const secrets = ['hook-secret-0a9f7c31', 'api-key-5d2e81b0', 'token-7f1c2a93', 'custom-hook-6b3e0d55', 'cookie-4c8d1e27'];
    for (const path of ['/webhook/jamf/default', '/api/v1/webhooks/jamf/default', '/webhooks/jamf/default/extra']) {
      await request(app)
        .post(path)
        .set('x-jamf-webhook-secret', secrets[0])
        .set('x-api-key', secrets[1])
        .set('x-auth-token', secrets[2])
        .set('x-jamf-shared', secrets[3]) // a name of the customer's choosing, like none of the above
        .set('cookie', `sid=${secrets[4]}`)
        .set('authorization', `Bearer ${secrets[2]}`)
        .set('content-type', 'application/json')
        .send('{}');
    }
    for (const secret of secrets) expect(logs.text()).not.toContain(secret);
    const logged = entries().filter((e) => e.req?.url?.includes('webhook'));
    expect(logged.map((e) => e.req!.url)).toEqual(['/webhook/jamf/default', '/api/v1/webhooks/jamf/default', '/webhooks/jamf/default/extra']);
    for (const e of logged) {
      expect(e.req!.headers).toMatchObject({
        'x-jamf-webhook-secret': '[redacted]',
        'x-api-key': '[redacted]',
        'x-auth-token': '[redacted]',
        'x-jamf-shared': '[redacted]',
        cookie: '[redacted]',
        authorization: '[redacted]',
        'content-type': 'application/json',
      });
    }
  });

  it('redacts query values by name, keeping the paging parameters', async () => {
    const router = Router();
    router.get('/api/v1/things', (_req, res) => {
      res.status(204).end();
    });
    const { app, logs, entries } = appWith([router]);
    const query = 'limit=5&api_token=tok-9d8c7b6a5f&password=pw-1a2b3c4d5e&client_secret=cs-0f9e8d7c6b&X-Jamf-Secret=hs-5e4d3c2b1a&after=C02X&bare-1234567890abcdef';
    for (const path of ['/api/v1/things', '/api/v1/thing', '/webhook/jamf/default']) await request(app).get(`${path}?${query}`);
    for (const secret of ['tok-9d8c7b6a5f', 'pw-1a2b3c4d5e', 'cs-0f9e8d7c6b', 'hs-5e4d3c2b1a', 'bare-1234567890abcdef']) expect(logs.text()).not.toContain(secret);
    const logged = entries().filter((e) => e.req?.url);
    expect(logged).toHaveLength(3);
    for (const e of logged) {
      expect(e.req!.url!.split('?')[1]).toBe(
        'limit=5&api_token=[redacted]&password=[redacted]&client_secret=[redacted]&X-Jamf-Secret=[redacted]&after=C02X&[redacted]',
      );
      // The parsed query would repeat the URL's.
      expect(e.req!.query).toBeUndefined();
    }
  });

  it('logs a failed query without its parameters or the data PostgreSQL quotes', async () => {
    const router = Router();
    router.get('/store', async () => {
      // As a webhook body would: a NUL that PostgreSQL text cannot hold, next to a secret.
      await database.db.execute(sql`select (${'{"name":"nul-neighbour-3e7a91\\u0000"}'}::jsonb ->> 'name')`);
    });
    const { app, logs, entries } = appWith([router]);
    expect((await request(app).get('/store')).status).toBe(500);
    expect(logs.text()).not.toContain('nul-neighbour-3e7a91');
    const failed = entries().find((e) => e.err);
    expect(failed?.err?.message).toMatch(/^Failed query: select/);
    expect(failed?.err?.message).toMatch(/params: \[redacted\]/);
  });
});

describe(`service lifecycle (${testDatabaseKind})`, () => {
  it('drains on shutdown: readiness goes 503, the in-flight request finishes, the database closes', async () => {
    // The service opens its own database.
    const config = defaultConfig({ PORT: '0', HOST: '127.0.0.1', ...(await openProcessDatabase()).env });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    const router = Router();
    router.get('/slow', async (_req, res) => {
      started();
      await gate;
      res.json({ done: true });
    });
    const service: RunningService = await startService(config, captureLogs().logger, { routers: [router] });
    try {
      const inFlight = fetch(`${service.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
      await requestStarted;
      const stopping = service.shutdown();
      // The listener is closed for new connections; readiness was flipped before that.
      release();
      expect(await inFlight).toEqual({ status: 200, body: { done: true } });
      await stopping;
      await expect(service.database.ping()).rejects.toThrow();
    } finally {
      await service.shutdown();
    }
  });
});
