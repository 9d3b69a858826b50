import fs from 'node:fs';
import path from 'node:path';
import { readEnvelope } from '../../src/webhooks/webhook-envelope';
import { parseJssEventXml, parseWebhookBody, webhookFormatOf } from '../../src/webhooks/parse-webhook-body';
import { hashCredential, refusedCredentialsMessage, verifyCredentials } from '../../src/webhooks/webhook-credentials';
import { classifyEvent } from '../../src/webhooks/webhook-events';
import { parseCredentialOptions } from '../../src/cli/webhooks-command';
import { dedupeKeyOf, UNTIMED_DEDUPE_WINDOW_MS } from '../../src/webhooks/inbox-store';
import { toJssEventXml } from '../../src/simulator/webhook-xml';
import { AppError } from '../../src/errors/app-error';

const FIXTURES = path.resolve(__dirname, '../fixtures/webhooks');
const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, body: JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) }));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : String(err);
  }
  return undefined;
}

describe('webhook envelope', () => {
  it.each(fixtures.map((f) => [f.name, f.body]))('reads the real capture %s, as JSON and as XML', (_name, body) => {
    const fromJson = readEnvelope(body);
    const fromXml = readEnvelope(parseJssEventXml(toJssEventXml(body)));
    expect(fromJson.ok).toBe(true);
    expect(fromXml).toEqual(fromJson);
    if (!fromJson.ok) return;
    expect(fromJson.envelope.action.action).toBe('refresh');
    expect(fromJson.envelope.device).toEqual({
      kind: body.webhook.webhookEvent.startsWith('Mobile') ? 'mobile' : 'computer',
      jamfId: String(body.event.jssID),
      serialNumber: body.event.serialNumber,
    });
    // The captures come from a version without eventTimestamp.
    expect(fromJson.envelope.eventTimestamp).toBeNull();
  });

  it('tolerates the drift between Jamf versions', () => {
    const nested = readEnvelope({
      webhook: { id: 2, name: 'x', webhookEvent: 'ComputerCheckIn', eventTimestamp: 1764237600123 },
      event: { computer: { jssID: '42', serialNumber: 'C02X' }, trigger: 'CLIENT_CHECKIN' },
    });
    expect(nested).toMatchObject({
      ok: true,
      envelope: { eventName: 'ComputerCheckIn', device: { kind: 'computer', jamfId: '42', serialNumber: 'C02X' } },
    });
    if (nested.ok) expect(nested.envelope.eventTimestamp?.toISOString()).toBe('2025-11-27T10:00:00.123Z');
    const legacy = readEnvelope({ webhook: { webhookEvent: 'ComputerCheckin' }, event: { jssID: 7 } });
    expect(legacy).toMatchObject({ ok: true, envelope: { device: { kind: 'computer', jamfId: '7', serialNumber: null }, eventTimestamp: null } });
    // An unreadable or impossible timestamp is no reason to lose the event.
    for (const eventTimestamp of ['soon', 1764237600123000, -5, { at: 1 }]) {
      expect(readEnvelope({ webhook: { webhookEvent: 'ComputerAdded', eventTimestamp }, event: { jssID: 1 } })).toMatchObject({
        ok: true,
        envelope: { eventTimestamp: null },
      });
    }
    expect(readEnvelope({ webhook: { webhookEvent: 'MobileDeviceUnEnrolled', eventTimestamp: '1764237600123' }, event: { jssID: ' 9 ' } })).toMatchObject({
      ok: true,
      envelope: { device: { kind: 'mobile', jamfId: '9' } },
    });
  });

  it('records events without device work and ignores unknown ones, whatever their event holds', () => {
    expect(classifyEvent('JSSStartup')).toEqual({ action: 'record' });
    expect(classifyEvent('SmartGroupComputerMembershipChange')).toEqual({ action: 'record' });
    expect(classifyEvent('SomethingNew')).toEqual({ action: 'ignore' });
    expect(readEnvelope({ webhook: { webhookEvent: 'JSSShutdown' }, event: '' })).toMatchObject({ ok: true, envelope: { device: null, action: { action: 'record' } } });
    expect(readEnvelope({ webhook: { webhookEvent: 'SomethingNew' } })).toMatchObject({ ok: true, envelope: { action: { action: 'ignore' } } });
  });

  it('ignores event names that are Object.prototype members instead of treating them as device events', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect({ name, action: classifyEvent(name) }).toEqual({ name, action: { action: 'ignore' } });
      expect(readEnvelope({ webhook: { webhookEvent: name }, event: { jssID: 11 } })).toMatchObject({
        ok: true,
        envelope: { device: null, action: { action: 'ignore' } },
      });
    }
  });

  it('refuses device ids beyond 2^53, of 60,000 digits or not numbers, and names or serials too long to be Jamf\'s', () => {
    const refresh = (jssID: unknown, serialNumber: unknown = 'C02X', webhookEvent = 'ComputerAdded') => readEnvelope({ webhook: { webhookEvent }, event: { jssID, serialNumber } });
    expect(refresh(Number.MAX_SAFE_INTEGER)).toMatchObject({ ok: true, envelope: { device: { jamfId: String(Number.MAX_SAFE_INTEGER) } } });
    expect(refresh(String(Number.MAX_SAFE_INTEGER))).toMatchObject({ ok: true, envelope: { device: { jamfId: String(Number.MAX_SAFE_INTEGER) } } });
    for (const jssID of ['9'.repeat(60_000), '9007199254740993', 2 ** 53, Infinity, '1\u0000', 0, -1, 1.5]) {
      expect({ jssID: String(jssID).slice(0, 20), result: refresh(jssID) }).toEqual({
        jssID: String(jssID).slice(0, 20),
        result: { ok: false, problems: [{ path: 'event.jssID', message: expect.stringMatching(/positive whole number up to 9007199254740991/) }] },
      });
    }
    expect(refresh(1, 'C'.repeat(101))).toEqual({ ok: false, problems: [{ path: 'event.serialNumber', message: 'must be at most 100 characters' }] });
    expect(refresh(1, 'C'.repeat(100))).toMatchObject({ ok: true });
    expect(readEnvelope({ webhook: { webhookEvent: 'E'.repeat(101) } })).toEqual({ ok: false, problems: [{ path: 'webhook.webhookEvent', message: 'must be at most 100 characters' }] });
  });

  it('names the fields that make a body not a Jamf envelope', () => {
    expect(readEnvelope([1, 2])).toEqual({ ok: false, problems: [expect.objectContaining({ path: '(body)' })] });
    expect(readEnvelope({ event: {} })).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'webhook' })] });
    expect(readEnvelope({ webhook: { webhookEvent: '' }, event: {} })).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'webhook.webhookEvent' })] });
    expect(readEnvelope({ webhook: { webhookEvent: 'ComputerAdded' }, event: { jssID: 'abc' } })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'event.jssID' })],
    });
    expect(readEnvelope({ webhook: { webhookEvent: 'ComputerCheckIn' }, event: { computer: { serialNumber: 'x' } } })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'event.computer.jssID' })],
    });
    expect(readEnvelope({ webhook: { webhookEvent: 'MobileDeviceEnrolled' } })).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'event' })] });
  });
});

describe('webhook dedupe key', () => {
  const envelopeOf = (body: unknown) => {
    const read = readEnvelope(body);
    if (!read.ok) throw new Error('not an envelope');
    return read.envelope;
  };
  const t0 = new Date('2026-11-27T10:00:00.000Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('is the same for the same connection and body, and differs by connection', () => {
    const body = { webhook: { webhookEvent: 'ComputerAdded', eventTimestamp: 1764237600123 }, event: { jssID: 1 } };
    const raw = Buffer.from(JSON.stringify(body));
    expect(dedupeKeyOf('c1', raw, envelopeOf(body), t0)).toBe(dedupeKeyOf('c1', raw, envelopeOf(body), later(3 * UNTIMED_DEDUPE_WINDOW_MS)));
    expect(dedupeKeyOf('c1', raw, envelopeOf(body), t0)).not.toBe(dedupeKeyOf('c2', raw, envelopeOf(body), t0));
  });

  it('treats a repeated body without eventTimestamp (old Jamf) as a new event once the window has passed', () => {
    const body = fixtures.find((f) => f.name.includes('ComputerCheckIn'))!.body;
    const raw = Buffer.from(JSON.stringify(body));
    const at = (d: Date) => dedupeKeyOf('c1', raw, envelopeOf(body), d);
    expect(at(later(1000))).toBe(at(t0));
    expect(at(later(UNTIMED_DEDUPE_WINDOW_MS))).not.toBe(at(t0));
  });
});

describe('webhook body parsing', () => {
  it('knows the content types Jamf sends', () => {
    expect(webhookFormatOf('application/json; charset=UTF-8')).toBe('json');
    expect(webhookFormatOf('text/xml; charset=UTF-8')).toBe('xml');
    expect(webhookFormatOf('Application/XML')).toBe('xml');
    expect(webhookFormatOf('text/plain')).toBeNull();
    expect(webhookFormatOf(undefined)).toBeNull();
  });

  it('decodes XML entities without expanding any a document defines', () => {
    const tree = parseJssEventXml(
      '<?xml version="1.0"?><JSSEvent><webhook><webhookEvent>ComputerAdded</webhookEvent></webhook>' +
        '<event><jssID>12</jssID><department>R&amp;D &#233;quipe &#x263A;</department><room/></event></JSSEvent>',
    );
    expect(tree).toEqual({ webhook: { webhookEvent: 'ComputerAdded' }, event: { jssID: '12', department: 'R&D équipe ☺', room: '' } });
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
      '<JSSEvent><webhook><webhookEvent>&lol2;</webhookEvent></webhook></JSSEvent>';
    expect(codeOf(() => parseJssEventXml(bomb))).toBe('400 invalid_xml');
  });

  it('keeps what PostgreSQL cannot store (NUL, lone surrogates) as U+FFFD, in values and keys, from JSON and XML', () => {
    const json = parseWebhookBody('json', String.raw`{"webhook":{"webhookEvent":"A\u0000B"},"event":{"k\u0000":["\ud800x","\udc00","\ud83d\ude00"],"__proto__":{"x":"\u0001"}}}`);
    expect(JSON.stringify(json)).toBe(JSON.stringify({ webhook: { webhookEvent: 'A\uFFFDB' }, event: { 'k\uFFFD': ['\uFFFDx', '\uFFFD', '\u{1F600}'], ['__proto__']: { x: '\u0001' } } }));
    expect(Object.keys((json as { event: object }).event)).toEqual(['k\uFFFD', '__proto__']);
    const xml = parseWebhookBody('xml', '<JSSEvent><webhook><webhookEvent>A\u0000B</webhookEvent></webhook><event><name>&#xD800;&#x1F600;</name></event></JSSEvent>');
    expect(xml).toEqual({ webhook: { webhookEvent: 'A\uFFFDB' }, event: { name: '\uFFFD\u{1F600}' } });
  });

  it('refuses a body nested deeper than 32 levels (JSON 30,000 deep is a 400, not a stack overflow)', () => {
    const nested = (depth: number) => `{"webhook":{"webhookEvent":"JSSStartup"},"event":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(codeOf(() => parseWebhookBody('json', nested(32)))).toBeUndefined();
    expect(codeOf(() => parseWebhookBody('json', nested(33)))).toBe('400 invalid_body');
    expect(codeOf(() => parseWebhookBody('json', nested(30_000)))).toBe('400 invalid_body');
  });

  it('reports malformed bodies with a stable code', () => {
    expect(codeOf(() => parseWebhookBody('json', '{"webhook":'))).toBe('400 invalid_json');
    expect(codeOf(() => parseWebhookBody('xml', '<JSSEvent><webhook></JSSEvent>'))).toBe('400 invalid_xml');
    expect(codeOf(() => parseWebhookBody('xml', 'not xml at all'))).toBe('400 invalid_xml');
    expect(codeOf(() => parseWebhookBody('xml', '<Other><a>1</a></Other>'))).toBe('400 invalid_body');
  });
});

describe('webhook credentials', () => {
  const basic = hashCredential({ kind: 'basic', username: 'jamf', password: 'a-long-webhook-password' });
  const header = hashCredential({ kind: 'header', headerName: 'X-Webhook-Token', secret: 'a-long-header-secret-value' });

  it('stores only salted hashes', () => {
    expect(JSON.stringify([basic, header])).not.toMatch(/a-long|jamf"/);
    expect(header).toMatchObject({ kind: 'header', headerName: 'x-webhook-token' });
  });

  it('accepts the right Basic or Header credential and nothing else', () => {
    const creds = [basic, header];
    expect(verifyCredentials(creds, { basic: { username: 'jamf', password: 'a-long-webhook-password' }, headers: {} })).toBe(true);
    expect(verifyCredentials(creds, { basic: null, headers: { 'x-webhook-token': 'a-long-header-secret-value' } })).toBe(true);
    expect(verifyCredentials(creds, { basic: { username: 'jamf', password: 'a-long-webhook-passwore' }, headers: {} })).toBe(false);
    expect(verifyCredentials(creds, { basic: { username: 'jamf2', password: 'a-long-webhook-password' }, headers: {} })).toBe(false);
    expect(verifyCredentials(creds, { basic: null, headers: { 'x-webhook-token': 'wrong' } })).toBe(false);
    expect(verifyCredentials(creds, { basic: null, headers: {} })).toBe(false);
    expect(verifyCredentials([], { basic: { username: '', password: '' }, headers: {} })).toBe(false);
    // An empty Basic credential never matches a missing one.
    const empty = hashCredential({ kind: 'basic', username: '', password: '' });
    expect(verifyCredentials([empty], { basic: null, headers: {} })).toBe(false);
  });

  it("says in a refusal which of Jamf's authentication types the connection accepts, and never a secret or header name", () => {
    expect(refusedCredentialsMessage([basic])).toMatch(/accepts Basic authentication; Jamf Pro's Hash Signature and Mutual TLS types are not supported$/);
    expect(refusedCredentialsMessage([header])).toMatch(/accepts Header authentication;/);
    expect(refusedCredentialsMessage([basic, header])).toMatch(/accepts Basic or Header authentication;/);
    expect(refusedCredentialsMessage([])).toMatch(/has no webhook credential yet \(set one with: jamf-sync webhooks credentials\)/);
    expect(refusedCredentialsMessage([basic, header])).not.toMatch(/x-webhook-token|a-long/i);
  });

  it('parses the credentials command options, listing every problem', async () => {
    const noStdin = async () => '';
    await expect(parseCredentialOptions({ org: 'a', basic: 'u:p:w' }, noStdin)).resolves.toEqual({ kind: 'basic', username: 'u', password: 'p:w' });
    await expect(parseCredentialOptions({ org: 'a', basic: 'u', secretStdin: true }, async () => 'from-stdin\n')).resolves.toEqual({
      kind: 'basic',
      username: 'u',
      password: 'from-stdin',
    });
    await expect(parseCredentialOptions({ org: 'a', header: 'X-T', secret: 's' }, noStdin)).resolves.toEqual({ kind: 'header', headerName: 'X-T', secret: 's' });
    await expect(parseCredentialOptions({ org: 'a' }, noStdin)).rejects.toThrow(/exactly one of --basic/);
    await expect(parseCredentialOptions({ org: 'a', header: 'X-T' }, noStdin)).rejects.toThrow(/--header needs --secret/);
    await expect(parseCredentialOptions({ org: 'a', basic: 'nopass' }, noStdin)).rejects.toThrow(/--basic must be user:password/);
  });
});
