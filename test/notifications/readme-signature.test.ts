import fs from 'node:fs';
import path from 'node:path';
import { signatureHeader } from '../../src/notifications/sign-notification';

/**
 * The README's receiver snippet, run as written against the service's own signer: the example a
 * reader copies must verify what the service sends, and refuse what it did not.
 */
describe('README: the notification signature example', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Notifications'));
  const snippet = /```js\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  const verify = new Function('require', `${snippet}\nreturn verifyJamfSyncSignature;`)(require) as (
    secret: string,
    rawBody: Buffer | string,
    header: string,
    toleranceSeconds?: number,
  ) => boolean;

  const secret = 'jsn_readme-example-secret';
  const body = Buffer.from(JSON.stringify({ deliveryId: '7', event: 'run.failed', text: 'acme: sync failed — ünïcode' }));
  const nowSeconds = Date.now() / 1000;

  it('accepts what the service signs', () => {
    expect(verify(secret, body, signatureHeader(secret, body.toString('utf8'), nowSeconds))).toBe(true);
    expect(verify(secret, body.toString('utf8'), signatureHeader(secret, body.toString('utf8'), nowSeconds))).toBe(true);
  });

  it('refuses another secret, a changed body, an old signature, and no header', () => {
    const header = signatureHeader(secret, body.toString('utf8'), nowSeconds);
    expect(verify('jsn_another-secret', body, header)).toBe(false);
    expect(verify(secret, Buffer.concat([body, Buffer.from(' ')]), header)).toBe(false);
    expect(verify(secret, body, signatureHeader(secret, body.toString('utf8'), nowSeconds - 3600))).toBe(false);
    expect(verify(secret, body, undefined as unknown as string)).toBe(false);
  });
});
