import { randomBytes } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator';
import { testDatabaseKind } from '../support/test-database';
import { openProcessDatabase } from '../support/process-database';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { until } from '../support/until';

/**
 * No credential the service knows reaches its logs, whatever door it is pushed through. A real
 * `jamf-sync serve` process at LOG_LEVEL=debug gets every credential in headers, query strings and
 * bodies, on its own routes and on mistyped ones; its whole output (the service's thread and, on
 * PostgreSQL, the background thread's, which write to the same stdout) must not contain any of them
 * in any spelling a log could use.
 */
describe(`no credential in any log line, at debug level (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  /** Distinct random values, so a hit in the log can only be the credential itself. */
  const unique = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
  const secrets = {
    jamfClientSecret: unique('jamf-client-secret'),
    webhookPassword: unique('webhook-basic-password'),
    webhookHeaderSecret: unique('webhook-header-secret'),
    apiToken: unique('api-token'),
    metricsToken: unique('metrics-token'),
    // Base64 with "+", "/" and "=", which URLs and JSON may spell differently.
    encryptionKey: Buffer.from(`${'+/'.repeat(8)}${randomBytes(16).toString('hex')}`.slice(0, 32)).toString('base64'),
    fileVaultKey: `${randomBytes(12).toString('hex').toUpperCase().match(/.{4}/g)!.join('-')}`,
    // Set with `webhooks credentials`, so only the database knows it (the logger is told the configuration's).
    storedWebhookSecret: unique('stored-webhook-secret'),
  };
  const WEBHOOK_USER = 'jamf-webhooks';
  /** A header name of the customer's choosing that looks like no credential. */
  const WEBHOOK_HEADER = 'X-Jamf-Shared';
  const STORED_WEBHOOK_HEADER = 'X-Acme-Hook';

  beforeAll(async () => {
    sim = await startSimulator({ computers: 6, mobiles: 2, seed: 9, clientSecret: secrets.jamfClientSecret });
    sim.store.setFileVaultKey('1', secrets.fileVaultKey);
  });
  afterAll(async () => {
    await sim?.close();
  });

  /** Every way a log line could spell `value`: as is, URL-encoded (both ways), JSON-escaped, and in Basic's base64. */
  function spellings(value: string): string[] {
    return [...new Set([
      value,
      encodeURIComponent(value),
      encodeURIComponent(value).toLowerCase(),
      value.replace(/ /g, '+'),
      JSON.stringify(value).slice(1, -1),
      Buffer.from(value).toString('base64'),
      Buffer.from(`${WEBHOOK_USER}:${value}`).toString('base64'),
    ])];
  }

  it('serve logs no Jamf secret, webhook credential, API or metrics token, encryption key or FileVault key, on any path', async () => {
    const database = await openProcessDatabase();
    const jamf = { JAMF_URL: sim.url, JAMF_CLIENT_ID: 'sim-client', JAMF_CLIENT_SECRET: secrets.jamfClientSecret };
    const stored = runCli(['webhooks', 'credentials', '--org', 'default', '--header', STORED_WEBHOOK_HEADER, '--secret-stdin'], { ...database.env, ...jamf }, `${secrets.storedWebhookSecret}\n`);
    expect((await stored.waitForExit()).code).toBe(0);
    const serve = runCli(['serve'], {
      ...database.env,
      ...jamf,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      JAMF_FETCH_FILEVAULT_KEYS: 'true',
      ENCRYPTION_KEY: secrets.encryptionKey,
      API_TOKEN: secrets.apiToken,
      METRICS_TOKEN: secrets.metricsToken,
      // This test sends far more wrong credentials than the rate limit allows; the limit is not its subject.
      AUTH_FAILURES_PER_MINUTE: '0',
      JAMF_WEBHOOK_USERNAME: WEBHOOK_USER,
      JAMF_WEBHOOK_PASSWORD: secrets.webhookPassword,
      JAMF_WEBHOOK_HEADER: WEBHOOK_HEADER,
      JAMF_WEBHOOK_SECRET: secrets.webhookHeaderSecret,
    });
    let stopped = false;
    try {
      const base = (await serve.waitFor(/listening on http:\/\//)).replace(/.*listening on /, '').trim();
      // The first full sync (at start) fetched the FileVault key: it went through the sync's logs too.
      // (/readyz lists runs only to the API token's holder.)
      await until(async () => {
        const ready = (await (await fetch(`${base}/readyz`, { headers: { authorization: `Bearer ${secrets.apiToken}` } })).json()) as { lastRuns?: Array<{ mode: string; status: string }> };
        return ready.lastRuns?.some((r) => r.mode === 'full' && r.status === 'succeeded');
      }, 'the first full sync', { timeoutMs: 90_000 });

      const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      const all = Object.values(secrets);
      /** Every credential once in a header the service might look at, and in some it never does. */
      const credentialHeaders = (i: number): Record<string, string> => ({
        authorization: i % 2 ? `Bearer ${all[i % all.length]}` : basic(WEBHOOK_USER, all[i % all.length]),
        [WEBHOOK_HEADER]: all[(i + 1) % all.length],
        'x-api-key': all[(i + 2) % all.length],
        'x-auth-token': all[(i + 3) % all.length],
        cookie: `session=${all[(i + 4) % all.length]}`,
        'proxy-authorization': `Bearer ${all[(i + 5) % all.length]}`,
        'x-client-secret': all[(i + 6) % all.length],
        'x-custom-name': all[(i + 7) % all.length],
        [STORED_WEBHOOK_HEADER]: all[(i + 8) % all.length],
      });
      const query = (i: number) =>
        new URLSearchParams({
          token: all[i % all.length],
          api_token: all[(i + 1) % all.length],
          access_token: all[(i + 2) % all.length],
          password: all[(i + 3) % all.length],
          client_secret: all[(i + 4) % all.length],
          key: all[(i + 5) % all.length],
          apiKey: all[(i + 6) % all.length],
          [WEBHOOK_HEADER]: all[(i + 7) % all.length],
          [STORED_WEBHOOK_HEADER]: all[(i + 8) % all.length],
          limit: '5',
        }).toString();
      const jsonBody = JSON.stringify({ dryRun: true, ...secrets, webhook: { webhookEvent: 'ComputerCheckIn', password: secrets.webhookPassword } });
      const bodies: Array<[string, string]> = [
        ['application/json', jsonBody],
        ['application/json', `{"token": "${secrets.apiToken}", broken`],
        // PostgreSQL refuses a NUL in text, quoting the data around it in its error.
        ['application/json', `{"webhook":{"webhookEvent":"ComputerAdded"},"event":{"jssID":1,"name":"${secrets.fileVaultKey}\\u0000${secrets.apiToken}"}}`],
        ['application/xml', `<JSSEvent><webhookEvent>ComputerAdded</webhookEvent><secret>${secrets.encryptionKey}</secret></JSSEvent`],
        ['text/plain', all.join('\n')],
      ];

      const paths: Array<[string, string]> = [
        // The service's own routes: webhooks, API, metrics, health.
        ['POST', '/webhooks/jamf/default'],
        ['POST', '/webhooks/jamf/no-such-org'],
        ['GET', '/api/v1/organizations/default/assets'],
        ['GET', '/api/v1/organizations/default/runs'],
        ['POST', '/api/v1/organizations/default/syncs'],
        ['GET', '/metrics'],
        ['GET', '/healthz'],
        ['GET', '/readyz'],
        // Mistyped ones.
        ['POST', '/webhook/jamf/default'],
        ['POST', '/api/v1/webhooks/jamf/default'],
        ['POST', '/webhooks/jamf/default/extra'],
        ['GET', '/webhooks/jamf/default'],
        ['PUT', '/api/v1/organizations/default/assets'],
        ['GET', '/nothing/here'],
        // A credential of the configuration pasted into a path: no name says what it is there.
        ['POST', `/webhooks/jamf/${secrets.webhookHeaderSecret}`],
        ['GET', `/api/v1/organizations/${encodeURIComponent(secrets.encryptionKey)}/assets`],
        ['GET', `/${secrets.apiToken}`],
      ];
      let i = 0;
      const sent: Array<{ path: string; status: number }> = [];
      for (const [method, path] of paths) {
        for (const withQuery of [false, true]) {
          for (const [contentType, body] of method === 'GET' ? [[undefined, undefined] as const] : bodies) {
            i++;
            const url = `${base}${path}${withQuery ? `?${query(i)}` : ''}`;
            const response = await fetch(url, {
              method,
              headers: { ...credentialHeaders(i), ...(contentType ? { 'content-type': contentType } : {}) },
              body: contentType ? body : undefined,
            });
            await response.arrayBuffer();
            sent.push({ path, status: response.status });
          }
        }
      }
      // Every body past authentication too: the webhook receiver and the API read them.
      const rightCredentials: Array<{ path: string; headers: Record<string, string> }> = [
        { path: '/webhooks/jamf/default', headers: { authorization: basic(WEBHOOK_USER, secrets.webhookPassword) } },
        { path: '/webhooks/jamf/default', headers: { [WEBHOOK_HEADER]: secrets.webhookHeaderSecret } },
        { path: '/webhooks/jamf/default', headers: { [STORED_WEBHOOK_HEADER]: secrets.storedWebhookSecret } },
        { path: '/api/v1/organizations/default/syncs', headers: { authorization: `Bearer ${secrets.apiToken}` } },
      ];
      for (const { path, headers } of rightCredentials) {
        for (const [contentType, body] of bodies) {
          i++;
          const response = await fetch(`${base}${path}?${query(i)}`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
          await response.arrayBuffer();
          sent.push({ path, status: response.status });
        }
      }
      // Past authentication, the bodies were read: refused as malformed or not a webhook, none stored for its secrets.
      expect(sent.filter((s) => s.path === '/webhooks/jamf/default' && s.status === 400).length).toBeGreaterThanOrEqual(3 * 2);

      // The right credentials alone, as Jamf and Prometheus send them: accepted, and logged as such.
      const accepted = [
        await fetch(`${base}/webhooks/jamf/default?token=${encodeURIComponent(secrets.apiToken)}`, {
          method: 'POST',
          headers: { authorization: basic(WEBHOOK_USER, secrets.webhookPassword), 'content-type': 'application/json' },
          body: JSON.stringify({ webhook: { webhookEvent: 'ComputerCheckIn', id: 1 }, event: { jssID: 2, serialNumber: 'X' } }),
        }),
        await fetch(`${base}/webhooks/jamf/default`, {
          method: 'POST',
          headers: { [WEBHOOK_HEADER]: secrets.webhookHeaderSecret, 'content-type': 'application/json' },
          body: JSON.stringify({ webhook: { webhookEvent: 'ComputerInventoryCompleted', id: 2 }, event: { jssID: 1, serialNumber: 'Y' } }),
        }),
        await fetch(`${base}/webhooks/jamf/default`, {
          method: 'POST',
          headers: { [STORED_WEBHOOK_HEADER]: secrets.storedWebhookSecret, 'content-type': 'application/json' },
          body: JSON.stringify({ webhook: { webhookEvent: 'ComputerCheckIn', id: 3 }, event: { jssID: 3, serialNumber: 'Z' } }),
        }),
        await fetch(`${base}/api/v1/organizations/default/assets?limit=2&password=${encodeURIComponent(secrets.metricsToken)}`, {
          headers: { authorization: `Bearer ${secrets.apiToken}` },
        }),
        await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${secrets.metricsToken}` } }),
      ];
      expect(accepted.map((r) => r.status)).toEqual([202, 202, 202, 200, 200]);
      await Promise.all(accepted.map((r) => r.arrayBuffer()));
      // The worker refreshed both devices (on PostgreSQL on the background thread, at debug).
      await until(async () => {
        const ready = (await (await fetch(`${base}/readyz`, { headers: { authorization: `Bearer ${secrets.apiToken}` } })).json()) as { webhookInbox?: { pending: number } };
        return ready.webhookInbox?.pending === 0;
      }, 'the webhooks to be processed');
      expect((await serve.stop('SIGTERM')).code).toBe(0);
      stopped = true;

      const output = serve.stdout() + serve.stderr();
      // JSON lines, besides the one "listening on …" line for humans.
      const lines = serve.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
      // The test saw what it meant to: debug lines, every request logged, both threads on PostgreSQL.
      expect(lines.some((l) => l.level === 'debug')).toBe(true);
      expect(lines.some((l) => l.msg === 'full sync started')).toBe(true);
      if (database.kind === 'postgres') expect(lines.some((l) => l.thread === 'background')).toBe(true);
      for (const path of ['/webhook/jamf/default', '/api/v1/webhooks/jamf/default', '/webhooks/jamf/default', '/api/v1/organizations/default/assets', '/nothing/here']) {
        expect(lines.filter((l) => typeof l.req?.url === 'string' && l.req.url.split('?')[0] === path).length).toBeGreaterThan(0);
      }
      expect(sent.length).toBeGreaterThan(50);

      const leaks: string[] = [];
      for (const [name, value] of Object.entries(secrets)) {
        for (const spelling of spellings(value)) {
          const at = output.indexOf(spelling);
          if (at >= 0) leaks.push(`${name} (as "${spelling}"): …${output.slice(Math.max(0, at - 300), at + spelling.length + 50)}…`);
        }
      }
      expect(leaks).toEqual([]);
    } finally {
      if (!stopped) await serve.kill();
    }
  }, timeoutForChildWaits(4));
});
