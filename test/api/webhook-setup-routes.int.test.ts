import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { listen, withFrontHandlers, type RunningHttpServer } from '../../src/http/http-server';
import { apiRouter } from '../../src/api/api-router';
import { defaultConfig } from '../../src/config';
import { createToken } from '../../src/tokens/token-store';
import { selectRows } from '../../src/db/query';
import { ensureOrganization } from '../../src/organizations/organization-store';
import { saveConnection } from '../../src/connections/connection-store';
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver';
import { ConnectionDirectory } from '../../src/webhooks/connection-directory';
import { webhookRequestHandler } from '../../src/webhooks/webhook-http-handler';
import { classifyEvent } from '../../src/webhooks/webhook-events';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import type { WebhookAuth } from '../../src/simulator/send-webhook';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { TEST_SECRET_BOX, resetDatabase } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';

/**
 * Webhooks setup over the API (issue 15): a generated credential, shown once, and what to enter in
 * Jamf Pro; a webhook sent (by the simulator, as Jamf would) with exactly what was answered reaches
 * the real webhook route of the same server and is accepted and stored.
 */
describe(`webhooks setup route (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let admin: string;
  const servers: RunningHttpServer[] = [];
  const logs = captureLogs('debug');

  beforeAll(async () => {
    db = await openTestDatabase();
    sim = await startSimulator({ computers: 3, mobiles: 2, seed: 5 });
  });
  afterAll(async () => {
    for (const s of servers) await s.close(1000);
    await sim.close();
    await resetDatabase(db);
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    await db.db.execute(sql`delete from webhook_inbox`);
    await ensureOrganization(db.db, 'acme');
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'acme' }, {
      baseUrl: sim.url,
      auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret },
    });
    admin = (await createToken(db.db, { role: 'admin', org: 'acme' })).token;
  });

  /** The service as serve runs it: the webhook route in front of the app with the API. */
  async function service(config: Record<string, string> = {}): Promise<RunningHttpServer> {
    const app = createApp({
      logger: logs.logger,
      readiness: async () => ({ ready: true, details: {} }),
      isShuttingDown: () => false,
      routers: [apiRouter({ db: db.db, config: defaultConfig(config), box: TEST_SECRET_BOX, logger: logs.logger })],
    });
    // No cache: a credential set by the API counts at the next webhook.
    const receiver = new WebhookReceiver({ db: db.db, environmentCredentials: [], directory: new ConnectionDirectory(db.db, [], 0) });
    const running = await listen(withFrontHandlers(app, webhookRequestHandler(receiver, logs.logger)), 0, '127.0.0.1');
    servers.push(running);
    return running;
  }

  async function setUp(base: string, body: object = {}, slug = 'acme') {
    const res = await fetch(`${base}/api/v1/organizations/${slug}/webhooks/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as any };
  }

  /** What Jamf Pro sends once configured with the answered settings. */
  const authOf = (answer: any): WebhookAuth =>
    answer.authentication.type === 'Basic Authentication'
      ? { basic: { username: answer.authentication.username, password: answer.authentication.password } }
      : { header: { name: answer.authentication.header.name, value: answer.authentication.header.value } };
  const send = (answer: any, event = 'ComputerInventoryCompleted', deviceId = '1', auth = authOf(answer)) =>
    sim.sendWebhook({ url: answer.url, event, deviceId, format: answer.contentType === 'JSON' ? 'json' : 'xml', auth });
  const inbox = () => selectRows<{ event_name: string; content_type: string }>(db.db, sql`select event_name, content_type from webhook_inbox order by id`);

  it('answers a Header credential, the URL, JSON and the events; a webhook sent with them is accepted and stored', async () => {
    const s = await service();
    const res = await setUp(s.url);
    expect(res.status).toBe(201);
    expect(res.cacheControl).toBe('no-store');
    const value = res.body.authentication.header.value;
    expect(res.body).toEqual({
      organization: 'acme',
      url: `${s.url}/webhooks/jamf/acme`,
      urlSource: 'request',
      contentType: 'JSON',
      authentication: {
        type: 'Header Authentication',
        username: null,
        password: null,
        header: { name: 'X-Jamf-Sync-Secret', value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), jamfProValue: JSON.stringify({ 'X-Jamf-Sync-Secret': value }) },
      },
      events: ['ComputerAdded', 'ComputerInventoryCompleted', 'MobileDeviceEnrolled', 'MobileDeviceInventoryCompleted', 'MobileDeviceUnEnrolled'],
      optionalEvents: ['ComputerCheckIn', 'MobileDeviceCheckIn'],
      activeCredentials: 1,
      notes: expect.arrayContaining([expect.stringMatching(/PUBLIC_BASE_URL is not set/), expect.stringMatching(/plain http/)]),
    });
    // Every event it asks for is one the receiver refreshes a device for.
    for (const event of [...res.body.events, ...res.body.optionalEvents]) expect([event, classifyEvent(event).action]).toEqual([event, 'refresh']);
    // Only the hash is stored.
    const [row] = await selectRows<{ webhook_credentials: unknown }>(db.db, sql`select webhook_credentials from jamf_connections`);
    expect(JSON.stringify(row.webhook_credentials)).not.toContain(value);

    const delivered = await send(res.body);
    expect(delivered.status).toBe(202);
    expect(delivered.body).toMatchObject({ accepted: true, duplicate: false });
    const mobile = await send(res.body, 'MobileDeviceEnrolled', '1');
    expect(mobile.status).toBe(202);
    expect(await inbox()).toEqual([
      { event_name: 'ComputerInventoryCompleted', content_type: expect.stringMatching(/json/) },
      { event_name: 'MobileDeviceEnrolled', content_type: expect.stringMatching(/json/) },
    ]);
    // A wrong value is refused.
    expect((await send(res.body, 'ComputerAdded', '2', { header: { name: 'X-Jamf-Sync-Secret', value: 'not-the-secret-value' } })).status).toBe(401);
    expect(logs.lines().join('\n')).not.toContain(value);
  });

  it('takes the URL from PUBLIC_BASE_URL when set; a Basic credential works as answered', async () => {
    const s = await service({ PUBLIC_BASE_URL: 'https://sync.example.com/' });
    const res = await setUp(s.url, { kind: 'basic' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      url: 'https://sync.example.com/webhooks/jamf/acme',
      urlSource: 'PUBLIC_BASE_URL',
      authentication: { type: 'Basic Authentication', username: 'jamf-acme', password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), header: null },
    });
    expect(res.body.notes.join(' ')).not.toMatch(/PUBLIC_BASE_URL is not set|plain http/);
    // The public address is the proxy's; Jamf's request arrives at this server's route.
    const delivered = await send({ ...res.body, url: `${s.url}/webhooks/jamf/acme` });
    expect(delivered.status).toBe(202);
    expect(await inbox()).toHaveLength(1);
  });

  it('a new credential replaces the old one unless rotate, which keeps the newest one active too', async () => {
    const s = await service();
    const first = (await setUp(s.url)).body;
    const rotated = (await setUp(s.url, { rotate: true })).body;
    expect(rotated.activeCredentials).toBe(2);
    expect((await send(first)).status).toBe(202);
    expect((await send(rotated)).status).toBe(202);
    const replaced = (await setUp(s.url)).body;
    expect(replaced.activeCredentials).toBe(1);
    expect((await send(first)).status).toBe(401);
    expect((await send(rotated)).status).toBe(401);
    expect((await send(replaced)).status).toBe(202);
  });

  it('refuses an organization without a connection (404) and a bad body (400), storing no credential', async () => {
    const s = await service();
    await db.db.execute(sql`delete from jamf_connections`);
    const res = await setUp(s.url);
    expect([res.status, res.body.error.code]).toEqual([404, 'connection_not_found']);
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'acme' }, { baseUrl: sim.url, auth: { kind: 'client', clientId: 'c', clientSecret: 's' } });
    const bad = await setUp(s.url, { kind: 'hash-signature', headerName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['', 'kind']);
    expect(await selectRows(db.db, sql`select 1 from jamf_connections where webhook_credentials <> '[]'::jsonb`)).toEqual([]);
  });
});
