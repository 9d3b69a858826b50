import { sql } from 'drizzle-orm';
import { createApp } from '../../src/http/create-app';
import { listen, withFrontHandlers, type RunningHttpServer } from '../../src/http/http-server';
import { AuthFailureLimiter } from '../../src/http/auth-failure-limiter';
import { selectRows } from '../../src/db/query';
import { saveConnection } from '../../src/connections/connection-store';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';
import { ConnectionDirectory } from '../../src/webhooks/connection-directory';
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver';
import { webhookRequestHandler } from '../../src/webhooks/webhook-http-handler';
import { setWebhookCredential } from '../../src/webhooks/webhook-credentials';
import type { AppDatabase } from '../../src/db/open-database';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { openDatabaseOutage, type DatabaseOutage } from '../support/database-outage';
import { TEST_SECRET_BOX } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { computer } from '../support/jamf-factories';
import { BASIC, WebhookHarness } from './support/webhook-harness';

/**
 * Issue 14, items 1, 3, 4 and 6: bodies and URLs that used to be answered 500 (or stored what
 * could not be processed), a database that is down, and the limit on repeated wrong credentials.
 * After each, an ordinary webhook is still acknowledged.
 */

const JSON_TYPE = 'application/json; charset=UTF-8';
const XML_TYPE = 'text/xml; charset=UTF-8';
const basicHeader = (username = BASIC.username, password = BASIC.password) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const AUTH = { authorization: basicHeader() };

let timestamp = 1764237600000;
/** A JSON body as text, so it can carry escapes JSON.stringify would never write (a lone surrogate). */
const inventoryJson = (jssID: string, serialNumber: string, extra = '') =>
  `{"webhook":{"id":3,"name":"inv","webhookEvent":"ComputerInventoryCompleted","eventTimestamp":${timestamp++}},` +
  `"event":{"jssID":${jssID},"serialNumber":"${serialNumber}"${extra}}}`;

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
}

/** Log lines at error level or above, and any stack trace: input must produce neither. */
function errorLines(lines: string[]): string[] {
  return lines.filter((l) => JSON.parse(l).level >= 50 || l.includes('"stack"'));
}

describe(`webhook receiver: bodies, URLs, outages and guessing (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: WebhookHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    h = await WebhookHarness.start(db, { computers: [1, 2, 3].map((id) => computer({ id })), mobileDevices: [] });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  const acknowledgesAnOrdinaryWebhook = async () => {
    const ordinary = await h.post(inventoryJson('2', 'C02TEST00002'), { 'content-type': JSON_TYPE, ...AUTH });
    expect(ordinary).toEqual({ status: 202, body: { accepted: true, id: expect.any(Number), duplicate: false } });
  };

  it('stores events carrying NUL, lone surrogates or control characters (JSON and XML) and refreshes their device', async () => {
    const earlier = h.logs.lines().length;
    const bodies: Array<[string, string, string]> = [
      ['JSON: NUL in a value and a key', JSON_TYPE, inventoryJson('1', String.raw`C02TEST00001`, String.raw`,"deviceName":"Mac\u0000Book","odd\u0000key":1`)],
      ['JSON: lone surrogates', JSON_TYPE, inventoryJson('1', 'C02TEST00001', String.raw`,"deviceName":"\ud800 and \udfff","\udc00":"x"`)],
      ['XML: a NUL byte and a control character', XML_TYPE, `<JSSEvent><webhook><webhookEvent>ComputerInventoryCompleted</webhookEvent><eventTimestamp>${timestamp++}</eventTimestamp></webhook><event><jssID>1</jssID><deviceName>Mac\u0000Book\u0001</deviceName></event></JSSEvent>`],
      ['XML: a lone surrogate by reference', XML_TYPE, `<JSSEvent><webhook><webhookEvent>ComputerInventoryCompleted</webhookEvent><eventTimestamp>${timestamp++}</eventTimestamp></webhook><event><jssID>1</jssID><deviceName>&#xD800;</deviceName></event></JSSEvent>`],
    ];
    for (const [name, type, body] of bodies) {
      const res = await h.post(body, { 'content-type': type, ...AUTH });
      expect({ name, status: res.status }).toEqual({ name, status: 202 });
    }
    const payloads = await selectRows<{ event_name: string; jamf_id: string; payload: string }>(
      db.db,
      sql`select event_name, jamf_id, payload::text as payload from webhook_inbox order by id`,
    );
    expect(payloads.map((p) => [p.event_name, p.jamf_id])).toEqual(Array(4).fill(['ComputerInventoryCompleted', '1']));
    // What PostgreSQL cannot hold is kept as U+FFFD, the rest as sent.
    expect(payloads[0].payload).toContain('"deviceName": "Mac\uFFFDBook"');
    expect(payloads[0].payload).toContain('"odd\uFFFDkey": 1');
    expect(payloads[1].payload).toContain('"deviceName": "\uFFFD and \uFFFD"');
    expect(payloads[2].payload).toContain(String.raw`"deviceName": "Mac` + '\uFFFD' + String.raw`Book\u0001"`);
    expect(payloads[3].payload).toContain('"deviceName": "\uFFFD"');

    expect(await h.worker.drain()).toMatchObject({ claimed: 4, done: 4, failed: 0 });
    expect((await h.rows()).map((r) => `${r.status}/${r.outcome}`)).toEqual(Array(4).fill('done/refreshed'));
    expect(await h.asset('C02TEST00001')).toMatchObject({ jamf_id: '1' });
    expect(errorLines(h.logs.lines().slice(earlier))).toEqual([]);
    await acknowledgesAnOrdinaryWebhook();
  });

  it('refuses, with 400 and nothing stored, a body nested 30,000 deep and ids or names no Jamf device has', async () => {
    const earlier = h.logs.lines().length;
    const statsBefore = h.sim.stats();
    const deep = `{"webhook":{"webhookEvent":"ComputerInventoryCompleted"},"event":{"jssID":1,"x":${'['.repeat(30_000)}${']'.repeat(30_000)}}}`;
    const cases: Array<[string, string, string, string]> = [
      ['JSON nested 30,000 deep', JSON_TYPE, deep, 'invalid_body'],
      ['XML nested 9,000 deep', XML_TYPE, `<JSSEvent><webhook><webhookEvent>JSSStartup</webhookEvent></webhook><event>${'<a>'.repeat(9000)}${'</a>'.repeat(9000)}</event></JSSEvent>`, 'invalid_xml'],
      ['a 60,000-digit jssID (number)', JSON_TYPE, inventoryJson('9'.repeat(60_000), 'C02TEST00001'), 'invalid_body'],
      ['a 60,000-digit jssID (string)', JSON_TYPE, inventoryJson(`"${'9'.repeat(60_000)}"`, 'C02TEST00001'), 'invalid_body'],
      ['a jssID past 2^53', JSON_TYPE, inventoryJson('"9007199254740993"', 'C02TEST00001'), 'invalid_body'],
      ['a jssID of 1e400', JSON_TYPE, inventoryJson('1e400', 'C02TEST00001'), 'invalid_body'],
      ['a jssID with a NUL', JSON_TYPE, inventoryJson(String.raw`"1\u0000"`, 'C02TEST00001'), 'invalid_body'],
      ['a 5,000-character serial number', JSON_TYPE, inventoryJson('1', 'C'.repeat(5000)), 'invalid_body'],
      ['a 5,000-character event name', JSON_TYPE, `{"webhook":{"webhookEvent":"${'E'.repeat(5000)}"},"event":{}}`, 'invalid_body'],
    ];
    for (const [name, type, body, code] of cases) {
      const res = await h.post(body, { 'content-type': type, ...AUTH });
      expect({ name, status: res.status, code: res.body?.error?.code }).toEqual({ name, status: 400, code });
    }
    expect(await h.rows()).toEqual([]);
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });
    // Nothing was fetched from Jamf for any of them.
    expect(h.sim.stats().requests).toBe(statsBefore.requests);
    expect(errorLines(h.logs.lines().slice(earlier))).toEqual([]);
    await acknowledgesAnOrdinaryWebhook();
  });

  it('answers 404, without asking for credentials, for connection names that cannot exist (NUL, 10,000 characters)', async () => {
    const earlier = h.logs.lines().length;
    const body = inventoryJson('1', 'C02TEST00001');
    for (const name of ['%00', 'acme%00', 'a'.repeat(10_000), '%ED%A0%80', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(11)}%00`]) {
      const res = await h.post(body, { 'content-type': JSON_TYPE }, name);
      expect({ name: name.slice(0, 20), status: res.status, code: res.body?.error?.code }).toEqual({ name: name.slice(0, 20), status: 404, code: 'connection_not_found' });
    }
    expect(await h.rows()).toEqual([]);
    expect(errorLines(h.logs.lines().slice(earlier))).toEqual([]);
    await acknowledgesAnOrdinaryWebhook();
  });

  it('refuses, instead of failing, a request without the header a credential named "constructor" expects', async () => {
    await setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'constructor', secret: 'object-property-header-secret' });
    const missing = await h.post(inventoryJson('1', 'C02TEST00001'), { 'content-type': JSON_TYPE });
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const sent = await h.post(inventoryJson('1', 'C02TEST00001'), { 'content-type': JSON_TYPE, constructor: 'object-property-header-secret' });
    expect(sent.status).toBe(202);
    // Node never delivers a header named __proto__: a credential could never match.
    await expect(setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: '__proto__', secret: 'object-property-header-secret' })).rejects.toThrow(
      /cannot be used as the webhook header name/,
    );
  });

  describe('while the database is down', () => {
    let outage: DatabaseOutage;
    let server: RunningHttpServer;
    const logs = captureLogs();
    beforeEach(async () => {
      outage = await openDatabaseOutage(db);
      if (!outage.sharesRows) await addAcme(outage.handle.db, h.sim.url);
      // A directory that remembers connections for a minute: the insert, not only the lookup, meets the outage.
      const receiver = new WebhookReceiver({ db: outage.handle.db, environmentCredentials: [], directory: new ConnectionDirectory(outage.handle.db, [], 60_000) });
      const app = createApp({ logger: logs.logger, readiness: async () => ({ ready: true, details: {} }), isShuttingDown: () => false });
      server = await listen(withFrontHandlers(app, webhookRequestHandler(receiver, logs.logger)), 0, '127.0.0.1');
    });
    afterEach(async () => {
      await server?.close(1000);
      await outage?.close();
    });

    it('answers 503 with Retry-After, stores nothing, and the other receiver keeps acknowledging', async () => {
      const url = (org: string) => `${server.url}/webhooks/jamf/${org}`;
      // Known before the outage: its webhook reaches the insert. Unknown: it reaches the lookup.
      expect((await post(url('acme'), inventoryJson('1', 'C02TEST00001'), { 'content-type': JSON_TYPE, ...AUTH })).status).toBe(202);
      await outage.goDown();
      for (const org of ['acme', 'another-org']) {
        const res = await post(url(org), inventoryJson('3', 'C02TEST00003'), { 'content-type': JSON_TYPE, ...AUTH });
        expect({ org, status: res.status, code: res.body?.error?.code, retryAfter: res.retryAfter }).toEqual({ org, status: 503, code: 'database_unavailable', retryAfter: '5' });
      }
      await acknowledgesAnOrdinaryWebhook();
      expect((await h.rows()).map((r) => r.jamf_id)).toEqual(outage.sharesRows ? ['1', '2'] : ['2']);
      if (outage.comeBack) {
        await outage.comeBack();
        expect((await post(url('acme'), inventoryJson('3', 'C02TEST00003'), { 'content-type': JSON_TYPE, ...AUTH })).status).toBe(202);
      }
    });
  });

  it('answers 429 with Retry-After to an address after repeated wrong credentials, right ones included, until its window ends', async () => {
    let now = 1_000_000;
    const limiter = new AuthFailureLimiter({ maxFailures: 3, windowMs: 60_000 }, () => now);
    const logs = captureLogs();
    const receiver = new WebhookReceiver({ db: db.db, environmentCredentials: [], directory: new ConnectionDirectory(db.db, [], 0) });
    const app = createApp({ logger: logs.logger, readiness: async () => ({ ready: true, details: {} }), isShuttingDown: () => false });
    const server = await listen(withFrontHandlers(app, webhookRequestHandler(receiver, logs.logger, undefined, limiter)), 0, '127.0.0.1');
    try {
      await addAcme(db.db, h.sim.url, 'other');
      const send = (org: string, authorization: string) =>
        post(`${server.url}/webhooks/jamf/${org}`, inventoryJson('1', 'C02TEST00001'), { 'content-type': JSON_TYPE, authorization });
      const wrong = basicHeader(BASIC.username, 'a-wrong-password-guess');
      expect([(await send('acme', wrong)).status, (await send('acme', wrong)).status, (await send('acme', wrong)).status]).toEqual([401, 401, 401]);
      const limited = await send('acme', basicHeader());
      expect(limited).toMatchObject({ status: 429, body: { error: { code: 'too_many_failed_attempts' } }, retryAfter: '60' });
      // Another organization's webhooks from the same address are not held up.
      expect((await send('other', basicHeader())).status).toBe(202);
      now += 45_000;
      expect((await send('acme', wrong)).retryAfter).toBe('15');
      now += 15_000;
      expect((await send('acme', basicHeader())).status).toBe(202);
    } finally {
      await server.close(1000);
    }
  });
});

/** The organization `slug` with a connection to the simulator and the harness's Basic credential. */
async function addAcme(db: AppDatabase, simulatorUrl: string, slug = 'acme'): Promise<void> {
  await saveConnection(db, TEST_SECRET_BOX, { slug }, { baseUrl: simulatorUrl, auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: DEFAULT_CREDENTIALS.clientSecret } });
  await setWebhookCredential(db, slug, { kind: 'basic', ...BASIC });
}
