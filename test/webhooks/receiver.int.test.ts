import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/http/create-app';
import { defaultConfig } from '../../src/config';
import { saveConnection } from '../../src/connections/connection-store';
import { toJssEventXml } from '../../src/simulator/webhook-xml';
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver';
import { webhookRequestHandler } from '../../src/webhooks/webhook-http-handler';
import { withFrontHandlers } from '../../src/http/http-server';
import { environmentWebhookCredentials, setWebhookCredential } from '../../src/webhooks/webhook-credentials';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { TEST_SECRET_BOX } from '../support/sync-harness';
import { captureLogs } from '../support/log-capture';
import { computer, mobile } from '../support/jamf-factories';
import { BASIC, WebhookHarness } from './support/webhook-harness';

const FIXTURES = path.resolve(__dirname, '../fixtures/webhooks');
const captures = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, body: JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as { webhook: any; event: any } }));

const basicHeader = (username = BASIC.username, password = BASIC.password) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const JSON_TYPE = 'application/json; charset=UTF-8';
const XML_TYPE = 'text/xml; charset=UTF-8';

function inventoryBody(jssID: number, eventTimestamp: number) {
  return { webhook: { id: 3, name: 'inv', webhookEvent: 'ComputerInventoryCompleted', eventTimestamp }, event: { jssID, serialNumber: `C02TEST${String(jssID).padStart(5, '0')}` } };
}

describe(`webhook receiver (${testDatabaseKind})`, () => {
  let db: TestDatabase;
  let h: WebhookHarness;
  beforeAll(async () => {
    db = await openTestDatabase();
    // The devices of the real captures (computer 1322, mobile 158) plus a few more.
    h = await WebhookHarness.start(db, {
      computers: [computer({ id: 1322, serial: 'VM87S764H831' }), ...[1, 2, 3].map((id) => computer({ id }))],
      mobileDevices: [mobile({ id: 158, serial: 'C8EM25KSG5PT' })],
    });
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  it('accepts every real capture as JSON and as Jamf XML, stores it first, and the worker refreshes its device', async () => {
    for (const { body } of captures) {
      const json = await h.post(JSON.stringify(body), { 'content-type': JSON_TYPE, authorization: basicHeader() });
      expect(json).toEqual({ status: 202, body: { accepted: true, id: expect.any(Number), duplicate: false } });
      const xml = await h.post(toJssEventXml(body), { 'content-type': XML_TYPE, authorization: basicHeader() });
      expect(xml).toEqual({ status: 202, body: { accepted: true, id: expect.any(Number), duplicate: false } });
    }
    const rows = await h.rows();
    expect(rows).toHaveLength(captures.length * 2);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    expect(rows.map((r) => `${r.content_type} ${r.event_name} ${r.device_kind}:${r.jamf_id}`)).toEqual(
      captures.flatMap(({ body }) => {
        const device = `${body.webhook.webhookEvent.startsWith('Mobile') ? 'mobile' : 'computer'}:${body.event.jssID}`;
        return [`json ${body.webhook.webhookEvent} ${device}`, `xml ${body.webhook.webhookEvent} ${device}`];
      }),
    );

    const result = await h.worker.drain();
    expect(result).toMatchObject({ claimed: 10, done: 10, failed: 0, dead: 0 });
    expect((await h.rows()).map((r) => `${r.status}/${r.outcome}`)).toEqual(Array(10).fill('done/refreshed'));
    // Ten webhooks about two devices: one run, each device fetched once.
    const runs = await h.webhookRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0].counts).toMatchObject({ fetched: 2, created: 2 });
    expect(await h.asset('VM87S764H831')).toMatchObject({ jamf_id: '1322' });
    expect(await h.asset('C8EM25KSG5PT')).toMatchObject({ jamf_id: '158' });
  });

  it('stores the same body sent five times (in sequence, then concurrently) once, and refreshes once', async () => {
    const sequential = JSON.stringify(inventoryBody(1, 1764237600001));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await h.post(sequential, { 'content-type': JSON_TYPE, authorization: basicHeader() }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(answers.map((a) => a.body.duplicate)).toEqual([false, true, true, true, true]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);

    const concurrent = toJssEventXml(inventoryBody(2, 1764237600002));
    const together = await Promise.all(
      Array.from({ length: 5 }, () => h.post(concurrent, { 'content-type': XML_TYPE, authorization: basicHeader() })),
    );
    expect(together.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(together.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(new Set(together.map((a) => a.body.id)).size).toBe(1);

    const rows = await h.rows();
    expect(rows.map((r) => [r.jamf_id, r.deliveries])).toEqual([['1', 5], ['2', 5]]);
    await h.worker.drain();
    // Once processed, the same body again is still a duplicate and is not processed again.
    expect((await h.post(sequential, { 'content-type': JSON_TYPE, authorization: basicHeader() })).body).toMatchObject({ duplicate: true });
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });
    const runs = await h.webhookRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0].counts.fetched).toBe(2);
  });

  it('refuses bad requests with the right status and stores nothing', async () => {
    const good = JSON.stringify(inventoryBody(1, 1764237600003));
    const auth = basicHeader();
    const cases: Array<[string, () => Promise<{ status: number; body: any }>, number, string]> = [
      ['no credentials', () => h.post(good, { 'content-type': JSON_TYPE }), 401, 'unauthorized'],
      ['wrong password', () => h.post(good, { 'content-type': JSON_TYPE, authorization: basicHeader(BASIC.username, 'wrong-password-123456') }), 401, 'unauthorized'],
      ['wrong username', () => h.post(good, { 'content-type': JSON_TYPE, authorization: basicHeader('someone', BASIC.password) }), 401, 'unauthorized'],
      ['a header the connection does not use', () => h.post(good, { 'content-type': JSON_TYPE, 'x-jamf-webhook-secret': BASIC.password }), 401, 'unauthorized'],
      ['wrong credentials and a bad content type', () => h.post('x', { 'content-type': 'text/plain', authorization: basicHeader('a', 'b') }), 401, 'unauthorized'],
      ['unknown connection', () => h.post(good, { 'content-type': JSON_TYPE, authorization: auth }, 'nobody'), 404, 'connection_not_found'],
      ['unknown connection id', () => h.post(good, { 'content-type': JSON_TYPE }, '00000000-0000-4000-8000-000000000000'), 404, 'connection_not_found'],
      ['text/plain', () => h.post(good, { 'content-type': 'text/plain', authorization: auth }), 415, 'unsupported_media_type'],
      ['compressed body', () => h.post(good, { 'content-type': JSON_TYPE, 'content-encoding': 'gzip', authorization: auth }), 415, 'unsupported_media_type'],
      ['form encoded', () => h.post('a=b', { 'content-type': 'application/x-www-form-urlencoded', authorization: auth }), 415, 'unsupported_media_type'],
      ['oversize JSON', () => h.post(JSON.stringify({ ...inventoryBody(1, 1), pad: 'x'.repeat(70 * 1024) }), { 'content-type': JSON_TYPE, authorization: auth }), 413, 'payload_too_large'],
      ['oversize XML', () => h.post(`<JSSEvent><pad>${'x'.repeat(70 * 1024)}</pad></JSSEvent>`, { 'content-type': XML_TYPE, authorization: auth }), 413, 'payload_too_large'],
      ['malformed JSON', () => h.post('{"webhook": {', { 'content-type': JSON_TYPE, authorization: auth }), 400, 'invalid_json'],
      ['empty body', () => h.post('', { 'content-type': JSON_TYPE, authorization: auth }), 400, 'invalid_json'],
      ['malformed XML', () => h.post('<JSSEvent><webhook></JSSEvent>', { 'content-type': XML_TYPE, authorization: auth }), 400, 'invalid_xml'],
      ['XML with a DOCTYPE', () => h.post('<!DOCTYPE x [<!ENTITY a "b">]><JSSEvent/>', { 'content-type': XML_TYPE, authorization: auth }), 400, 'invalid_xml'],
      ['not an envelope (JSON)', () => h.post('{"hello": "world"}', { 'content-type': JSON_TYPE, authorization: auth }), 400, 'invalid_body'],
      ['not an envelope (XML root)', () => h.post('<Other/>', { 'content-type': 'application/xml', authorization: auth }), 400, 'invalid_body'],
      ['device event without a device id', () => h.post(JSON.stringify({ webhook: { webhookEvent: 'ComputerAdded' }, event: { serialNumber: 'X' } }), { 'content-type': JSON_TYPE, authorization: auth }), 400, 'invalid_body'],
    ];
    for (const [name, send, status, code] of cases) {
      const res = await send();
      expect({ name, status: res.status, code: res.body?.error?.code }).toEqual({ name, status, code });
    }
    // A refusal tells the admin which of Jamf's authentication types this connection takes.
    const refused = await h.post(good, { 'content-type': JSON_TYPE, 'x-jamf-signature': 'sha256=0123' });
    expect(refused.body.error.message).toMatch(/accepts Basic authentication; Jamf Pro's Hash Signature and Mutual TLS types are not supported/);
    const invalid = await h.post(JSON.stringify({ webhook: { webhookEvent: 'ComputerCheckIn' }, event: { computer: { jssID: 'x1' } } }), {
      'content-type': JSON_TYPE,
      authorization: auth,
    });
    expect(invalid.body.error.details).toEqual([{ path: 'event.computer.jssID', message: expect.any(String) }]);
    const unauthorized = await fetch(h.webhookUrl(), { method: 'POST', headers: { 'content-type': JSON_TYPE }, body: good });
    expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(await h.rows()).toEqual([]);
  });

  it('knows a connection by id as well as by slug, and keeps two credentials active while rotating', async () => {
    const body = (ts: number) => JSON.stringify(inventoryBody(1, ts));
    const headerAuth = (value: string) => ({ 'content-type': JSON_TYPE, 'x-jamf-token': value });
    expect((await h.post(body(10), { 'content-type': JSON_TYPE, authorization: basicHeader() }, h.connectionId)).status).toBe(202);

    await setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'X-Jamf-Token', secret: 'first-header-secret-0001' }, { rotate: true });
    expect((await h.post(body(11), { 'content-type': JSON_TYPE, authorization: basicHeader() })).status).toBe(202);
    expect((await h.post(body(12), headerAuth('first-header-secret-0001'))).status).toBe(202);

    // A second rotation drops the oldest: never more than two active.
    await setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'X-Jamf-Token', secret: 'second-header-secret-002' }, { rotate: true });
    expect((await h.post(body(13), { 'content-type': JSON_TYPE, authorization: basicHeader() })).status).toBe(401);
    expect((await h.post(body(14), headerAuth('first-header-secret-0001'))).status).toBe(202);
    expect((await h.post(body(15), headerAuth('second-header-secret-002'))).status).toBe(202);

    // Without --rotate the new credential replaces the others.
    await setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'X-Jamf-Token', secret: 'third-header-secret-0003' });
    expect((await h.post(body(16), headerAuth('second-header-secret-002'))).status).toBe(401);
    expect((await h.post(body(17), headerAuth('third-header-secret-0003'))).status).toBe(202);
    await expect(setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'X-Jamf-Token', secret: 'short' })).rejects.toThrow(/at least 16/);
    expect(await h.rows()).toHaveLength(6);
  });

  it('uses the environment credentials for the organization "default" only, and is never open without credentials', async () => {
    await saveConnection(db.db, TEST_SECRET_BOX, { slug: 'default' }, { baseUrl: h.sim.url, auth: { kind: 'client', clientId: 'a', clientSecret: 'b' } });
    const appWith = (env: Record<string, string>) => {
      const logger = captureLogs().logger;
      const app = createApp({ logger, readiness: async () => ({ ready: true, details: {} }), isShuttingDown: () => false });
      const receiver = new WebhookReceiver({ db: db.db, environmentCredentials: environmentWebhookCredentials(defaultConfig(env)) });
      return withFrontHandlers(app, webhookRequestHandler(receiver, logger));
    };
    const withHeader = appWith({ JAMF_WEBHOOK_HEADER: 'X-Jamf-Secret', JAMF_WEBHOOK_SECRET: 'env-header-secret-0123' });
    const withBasic = appWith({ JAMF_WEBHOOK_USERNAME: 'env-user', JAMF_WEBHOOK_PASSWORD: 'env-basic-password-0123' });
    const without = appWith({});
    const body = JSON.stringify(inventoryBody(1, 20));
    const post = (app: ReturnType<typeof appWith>, org: string, headers: Record<string, string>) =>
      request(app).post(`/webhooks/jamf/${org}`).set({ 'content-type': JSON_TYPE, ...headers }).send(body);

    expect((await post(withHeader, 'default', { 'x-jamf-secret': 'env-header-secret-0123' })).status).toBe(202);
    expect((await post(withHeader, 'default', { 'x-jamf-secret': 'env-header-secreT-0123' })).status).toBe(401);
    expect((await post(withBasic, 'default', { authorization: basicHeader('env-user', 'env-basic-password-0123') })).status).toBe(202);
    // Another organization never accepts the environment's credentials.
    expect((await post(withHeader, h.slug, { 'x-jamf-secret': 'env-header-secret-0123' })).status).toBe(401);
    // "default" with no credential anywhere refuses everything, even a request with none.
    expect((await post(without, 'default', {})).status).toBe(401);
    expect((await post(without, 'default', { authorization: basicHeader('', '') })).status).toBe(401);
  });

  it('acknowledges events without device work and unknown events, stored but never queued', async () => {
    const post = (webhookEvent: string, event: unknown, ts: number) =>
      h.post(toJssEventXml({ webhook: { id: 9, name: 'n', webhookEvent, eventTimestamp: ts }, event: event as Record<string, unknown> }), {
        'content-type': XML_TYPE,
        authorization: basicHeader(),
      });
    expect((await post('JSSStartup', { institution: 'Acme', isClusterMaster: true }, 30)).status).toBe(202);
    expect((await post('SmartGroupComputerMembershipChange', { name: 'All', groupAddedDevicesIds: [1] }, 31)).status).toBe(202);
    expect((await post('SomethingJamfInventsLater', {}, 32)).status).toBe(202);
    expect((await h.rows()).map((r) => [r.event_name, r.status, r.outcome])).toEqual([
      ['JSSStartup', 'done', 'no_device_work'],
      ['SmartGroupComputerMembershipChange', 'done', 'no_device_work'],
      ['SomethingJamfInventsLater', 'ignored', 'unknown_event'],
    ]);
    expect(await h.worker.drain()).toMatchObject({ claimed: 0 });
  });

  it("echoes the caller's request id, or makes one, so a webhook can be followed into the logs", async () => {
    const earlier = h.logs.lines().length;
    const traced = await fetch(h.webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, authorization: basicHeader(), 'x-request-id': 'lb-trace-0042' },
      body: JSON.stringify(inventoryBody(1, 40)),
    });
    expect(traced.status).toBe(202);
    expect(traced.headers.get('x-request-id')).toBe('lb-trace-0042');
    const untraced = await h.post(JSON.stringify(inventoryBody(1, 41)), { 'content-type': JSON_TYPE, authorization: basicHeader() });
    const logged = h.logs.lines().slice(earlier).map((l) => JSON.parse(l)).filter((e) => e.msg === 'webhook accepted');
    expect(logged.map((e) => e.webhook.inboxId)).toEqual([expect.any(Number), untraced.body.id]);
    expect(logged[0].reqId).toBe('lb-trace-0042');
    expect(logged[1].reqId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps webhook credentials out of the logs, whatever header carries them', async () => {
    const earlier = h.logs.lines().length;
    await setWebhookCredential(db.db, h.slug, { kind: 'header', headerName: 'X-Custom-Token', secret: 'header-secret-never-logged' }, { rotate: true });
    const sent = await h.send('ComputerInventoryCompleted', 1, { format: 'json', auth: { header: { name: 'X-Custom-Token', value: 'header-secret-never-logged' } } });
    expect(sent.status).toBe(202);
    expect((await h.send('ComputerAdded', 2, { format: 'xml' })).status).toBe(202);
    expect((await h.send('ComputerAdded', 3, { auth: { header: { name: 'X-Custom-Token', value: 'wrong-secret-never-logged' } } })).status).toBe(401);
    const logs = h.logs.text();
    expect(logs).toContain('/webhooks/jamf/acme');
    // One line per webhook: its event and inbox row, or why it was refused.
    const lines = h.logs.lines().slice(earlier).map((l) => JSON.parse(l)).filter((e) => e.req?.url === '/webhooks/jamf/acme');
    expect(lines.map((e) => [e.res.statusCode, e.webhook?.event ?? e.error])).toEqual([
      [202, 'ComputerInventoryCompleted'],
      [202, 'ComputerAdded'],
      [401, 'unauthorized'],
    ]);
    expect(lines[0].webhook.inboxId).toBe((sent.body as { id: number }).id);
    expect(logs).not.toMatch(/never-logged|correct-horse|x-custom-token/i);
    expect(logs).not.toContain(Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64'));
  });
});
