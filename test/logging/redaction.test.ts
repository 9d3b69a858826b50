import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { createLogger } from '../../src/logging/logger';
import { configuredSecrets, knownSecretScrubber } from '../../src/logging/known-secrets';
import { logSafeError, redactHeaders, redactUrl } from '../../src/logging/redaction';
import { defaultConfig } from '../../src/config';

describe('log redaction', () => {
  it('shows the values of standard headers only; any other header, whatever its name, is redacted', () => {
    expect(
      redactHeaders({
        'content-type': 'application/json',
        'User-Agent': 'Jamf',
        'x-request-id': 'r1',
        authorization: 'Basic dXNlcjpwYXNz',
        'x-jamf-shared': 'customer-named-header-secret',
        'x-api-key': 'k',
        cookie: 'sid=1',
      }),
    ).toEqual({
      'content-type': 'application/json',
      'User-Agent': 'Jamf',
      'x-request-id': 'r1',
      authorization: '[redacted]',
      'x-jamf-shared': '[redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
    });
  });

  it.each([
    ['/webhooks/jamf/acme', '/webhooks/jamf/acme'],
    ['/api/v1/x?limit=5&after=C02&serial=S1', '/api/v1/x?limit=5&after=C02&serial=S1'],
    ['/api/v1/x?token=abc&limit=5', '/api/v1/x?token=[redacted]&limit=5'],
    ['/x?api%5Ftoken=abc&pass%77ord=p', '/x?api%5Ftoken=[redacted]&pass%77ord=[redacted]'],
    ['/x?l%69mit=5', '/x?l%69mit=5'],
    ['/x?the-secret-itself', '/x?[redacted]'],
    ['/x?a=1&&b=2#frag', '/x?a=[redacted]&&b=[redacted]'],
    ['/x?', '/x?'],
    ['/x?=v', '/x?=[redacted]'],
  ])('redacts the query of %s by name', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("logs a failed query's SQL and error code, never its parameters nor the data PostgreSQL quotes", () => {
    const cause = Object.assign(new Error('unsupported Unicode escape sequence'), {
      code: '22P05',
      where: 'JSON data, line 1: ..."name":"quoted-data-4711\\u0000...',
      params: ['param-data-0815'],
    });
    const err = new DrizzleQueryError('insert into webhook_inbox (payload) values ($1)', ['{"password":"param-data-0815\\nsecond line"}'], cause);
    const serialized = logSafeError(err) as Record<string, unknown>;
    const text = JSON.stringify(serialized);
    expect(text).not.toContain('param-data-0815');
    expect(text).not.toContain('second line');
    expect(text).not.toContain('quoted-data-4711');
    expect(serialized.message).toMatch(/^Failed query: insert into webhook_inbox \(payload\) values \(\$1\)\nparams: \[redacted\]/);
    expect(serialized.message).toContain('unsupported Unicode escape sequence');
    expect(serialized.params).toBe('[redacted]');
    expect(String(serialized.stack)).toContain('params: [redacted]');
  });

  it('the logger uses it for every err, and scrubs the configured secrets wherever they appear', () => {
    const config = defaultConfig({ API_TOKEN: 'api-token-in-a-path-0123', ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    const chunks: string[] = [];
    const logger = createLogger(
      { level: 'debug', secrets: configuredSecrets(config) },
      new Writable({
        write(chunk, _enc, done) {
          chunks.push(String(chunk));
          done();
        },
      }),
    );
    logger.warn({ url: `/api/v1/organizations/api-token-in-a-path-0123/runs?x=${encodeURIComponent(config.ENCRYPTION_KEY!)}` }, 'no route');
    logger.error({ err: new DrizzleQueryError('select $1', ['param-in-err-9999'], new Error('boom')) }, 'failed');
    const lines = chunks.map((c) => JSON.parse(c));
    expect(lines[0].url).toBe('/api/v1/organizations/[redacted]/runs?x=[redacted]');
    expect(JSON.stringify(lines[1])).not.toContain('param-in-err-9999');
  });

  it('scrubs every JSON and URL spelling of a secret, the longest first', () => {
    const scrub = knownSecretScrubber(['a+b/c="quoted"-secret', 'a+b/c="quoted"-secret-longer'])!;
    const secret = 'a+b/c="quoted"-secret';
    const line = JSON.stringify({ raw: secret, url: `/x?k=${encodeURIComponent(secret)}`, lower: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()), longer: `${secret}-longer` });
    expect(JSON.parse(scrub(line))).toEqual({ raw: '[redacted]', url: '/x?k=[redacted]', lower: '[redacted]', longer: '[redacted]' });
    // A short value would match ordinary words: not scrubbed (the configuration asks for long secrets).
    expect(knownSecretScrubber(['short'])).toBeUndefined();
  });
});
