import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { saveConnection } from '../../src/connections/connection-store';
import { createToken } from '../../src/tokens/token-store';
import { selectRows } from '../../src/db/query';
import { readAudit } from '../../src/audit/audit-log';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { SyncHarness, TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { computer } from '../support/jamf-factories';
import { insertInboxRow } from '../support/webhook-inbox-rows';

/** GET …/webhooks and POST …/webhooks/dead/:id/retry: one organization's inbox, as the dashboard's Webhooks page reads it. */
describe(`HTTP API webhook inbox (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let admin: string;
  let reader: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestDatabase();
    h = await SyncHarness.start(db, { computers: [computer({ id: 1 })], mobileDevices: [] });
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'globex' }, { baseUrl: h.sim.url, auth: { kind: 'client', clientId: 'c', clientSecret: 's' } });
    admin = (await createToken(db.db, { role: 'admin', org: 'acme' })).token;
    reader = (await createToken(db.db, { role: 'reader', org: 'acme' })).token;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    ids.oldDead = await insertInboxRow(db.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'Jamf Pro unreachable', receivedAt: minutesAgo(90), serialNumber: 'C02DEAD1' });
    ids.newDead = await insertInboxRow(db.db, 'acme', { status: 'dead', outcome: 'failed', attempts: 8, lastError: 'timeout', receivedAt: minutesAgo(30) });
    ids.pending = await insertInboxRow(db.db, 'acme', { status: 'pending', receivedAt: minutesAgo(10) });
    ids.done = await insertInboxRow(db.db, 'acme', { status: 'done', outcome: 'refreshed', serialNumber: 'C02DONE', receivedAt: minutesAgo(1) });
    ids.globexDead = await insertInboxRow(db.db, 'globex', { status: 'dead', outcome: 'failed', attempts: 8 });
  });
  afterAll(async () => {
    await h.stop();
    await resetDatabase(db);
    await db.close();
  });

  const app = () =>
    createApp({
      logger: h.logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig(), box: TEST_SECRET_BOX, logger: h.logs.logger })],
    });
  const statusOf = async (id: number) => (await selectRows<{ status: string }>(db.db, sql`select status from webhook_inbox where id = ${id}`))[0].status;

  it("answers the organization's counts, its recent events newest first and its dead ones oldest first, never another organization's", async () => {
    const res = await request(app()).get('/api/v1/organizations/acme/webhooks').set('authorization', `Bearer ${reader}`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ pending: 1, oldestPendingAgeSeconds: expect.any(Number), dead: 2, receivedLastDay: 4 });
    expect(res.body.counts.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(res.body.recent.map((e: { id: number }) => e.id)).toEqual([ids.done, ids.pending, ids.newDead, ids.oldDead]);
    expect(res.body.recent[0]).toMatchObject({ status: 'done', outcome: 'refreshed', serialNumber: 'C02DONE', eventName: 'ComputerInventoryCompleted' });
    expect(res.body.dead.map((e: { id: number }) => e.id)).toEqual([ids.oldDead, ids.newDead]);
    expect(res.body.dead[0]).toMatchObject({ attempts: 8, lastError: 'Jamf Pro unreachable', outcome: 'failed' });

    const limited = await request(app()).get('/api/v1/organizations/acme/webhooks?limit=1').set('authorization', `Bearer ${reader}`);
    expect(limited.body.recent.map((e: { id: number }) => e.id)).toEqual([ids.done]);
    const bad = await request(app()).get('/api/v1/organizations/acme/webhooks?limit=0').set('authorization', `Bearer ${reader}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });

  it('retries a dead webhook (audited); refuses one not dead, one of another organization and a malformed id, changing nothing', async () => {
    const retry = (id: number | string) => request(app()).post(`/api/v1/organizations/acme/webhooks/dead/${id}/retry`).set('authorization', `Bearer ${admin}`).send({});

    const notDead = await retry(ids.done);
    expect({ status: notDead.status, code: notDead.body.error.code }).toEqual({ status: 409, code: 'webhook_not_dead' });
    const elsewhere = await retry(ids.globexDead);
    expect({ status: elsewhere.status, code: elsewhere.body.error.code }).toEqual({ status: 404, code: 'webhook_not_found' });
    expect(await statusOf(ids.globexDead)).toBe('dead');
    const malformed = await retry('1; drop table webhook_inbox');
    expect(malformed.status).toBe(400);
    expect(await readAudit(db.db, { limit: 10, action: 'webhook.retry' })).toEqual([]);

    const ok = await retry(ids.oldDead);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ organization: 'acme', id: ids.oldDead, status: 'pending' });
    const [row] = await selectRows<{ status: string; attempts: number; last_error: string | null }>(db.db, sql`select status, attempts, last_error from webhook_inbox where id = ${ids.oldDead}`);
    expect(row).toEqual({ status: 'pending', attempts: 0, last_error: null });
    expect(await readAudit(db.db, { limit: 10, action: 'webhook.retry' })).toEqual([
      expect.objectContaining({ action: 'webhook.retry', organization: 'acme', target: String(ids.oldDead), role: 'admin' }),
    ]);
    expect((await retry(ids.oldDead)).status).toBe(409);
    expect(await statusOf(ids.newDead)).toBe('dead');
  });
});
