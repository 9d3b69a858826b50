import { defaultConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/service/serve';
import { startSimulator, DEFAULT_CREDENTIALS, type RunningSimulator } from '../../src/simulator/start-simulator';
import { verifySignature } from '../../src/notifications/sign-notification';
import { openProcessDatabase } from '../support/process-database';
import { testDatabaseKind } from '../support/test-database';
import { captureLogs } from '../support/log-capture';
import { runCli } from '../support/cli-process';
import { timeoutForChildWaits } from '../support/child-processes';
import { until } from '../support/until';
import { NotificationReceiver } from './support/notification-receiver';
import { DocumentedResponses } from '../support/openapi-check';

const ENCRYPTION_KEY = Buffer.alloc(32, 5).toString('base64');
const API_TOKEN = 'notifications-api-token-0123456789';
const NOTIFY_SECRET = 'environment-notify-secret-0123456789';

/** The value of one sample in a Prometheus text exposition (a metric without labels). */
function metric(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/**
 * Notifications through the product's own doors: the target set with `connections add|update`
 * (secret shown once, rotated, URL checked), or NOTIFY_URL for the default organization; `serve`
 * sends, retrying after a 500; the API, /metrics and `notifications list|retry` show it.
 */
describe(`notifications in serve, the API, /metrics and the CLI (${testDatabaseKind})`, () => {
  let sim: RunningSimulator;
  let receiver: NotificationReceiver;
  let service: RunningService | undefined;

  beforeAll(async () => {
    sim = await startSimulator({ computers: 3, mobiles: 2, seed: 19 });
    receiver = await NotificationReceiver.start();
  });
  afterAll(async () => {
    await service?.shutdown();
    await Promise.all([sim?.close(), receiver?.close()]);
  });
  beforeEach(() => receiver.reset());

  const start = async (env: Record<string, string>) => {
    service = await startService(
      defaultConfig({ ...env, PORT: '0', HOST: '127.0.0.1', API_TOKEN, JAMF_SYNC_ON_START: 'false', LOG_LEVEL: 'warn' }),
      captureLogs().logger,
      // Polled often and retried soon, so the test's waits are short; the policy is the default's otherwise.
      { notifications: { pollMs: 50, retry: { baseDelayMs: 200, maxDelayMs: 200 } } },
    );
    return service;
  };
  const api = async (s: RunningService, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${s.url}${path}`, { ...init, headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('the CLI sets the target (secret shown once, rotated); serve delivers it signed after a 500; the API, /metrics and `notifications list` show it', async () => {
    const database = await openProcessDatabase();
    const env = { ...database.env, ENCRYPTION_KEY, LOG_LEVEL: 'warn' };
    const cli = async (args: string[], input?: string) => {
      const run = runCli(args, env, input);
      const exit = await run.waitForExit();
      return { code: exit.code, stdout: run.stdout(), stderr: run.stderr() };
    };

    const added = await cli(
      ['connections', 'add', '--org', 'default', '--url', sim.url, '--client-id', DEFAULT_CREDENTIALS.clientId, '--secret-stdin', '--no-verify', '--notify-url', receiver.url],
      `${DEFAULT_CREDENTIALS.clientSecret}\n`,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^ {2}notifications http:\/\/127\.0\.0\.1:\d+\/… \(json\)$/m);
    const firstSecret = /signing secret (jsn_\S+)/.exec(added.stdout)![1];

    const refused = await cli(['connections', 'update', '--org', 'default', '--notify-url', 'http://hooks.example.com/jamf']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--notify-url: must use https (plain http is only accepted for localhost)');

    // Changing the format keeps the secret, and shows none; rotating shows the new one.
    const reformatted = await cli(['connections', 'update', '--org', 'default', '--notify-format', 'slack']);
    expect(reformatted).toMatchObject({ code: 0, stderr: '' });
    expect(reformatted.stdout).toMatch(/: notifications\n {2}notifications http:\/\/127\.0\.0\.1:\d+\/… \(slack\)\n$/);
    const rotated = await cli(['connections', 'update', '--org', 'default', '--rotate-notify-secret']);
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    const secret = /signing secret (jsn_\S+)/.exec(rotated.stdout)![1];
    expect(secret).not.toBe(firstSecret);

    const s = await start(env);
    receiver.answerWith(500);
    const started = await api(s, '/api/v1/organizations/default/syncs', { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    await until(() => receiver.received.length >= 2, 'the notification to be retried after the 500');

    const delivered = receiver.received[1];
    expect(verifySignature(secret, delivered.body, delivered.headers['x-jamf-sync-signature'] as string, Date.now() / 1000).valid).toBe(true);
    expect(verifySignature(firstSecret, delivered.body, delivered.headers['x-jamf-sync-signature'] as string, Date.now() / 1000).valid).toBe(false);
    expect(delivered.headers['x-jamf-sync-event']).toBe('assets.created');
    expect(Object.keys(delivered.json).sort()).toEqual(['blocks', 'text']);
    expect(delivered.json.text).toContain(`Run ${started.body.runId}`);

    const listed = await until(async () => {
      const { body } = await api(s, '/api/v1/organizations/default/notifications');
      return body.notifications?.[0]?.status === 'delivered' && body;
    }, 'the delivery to be recorded');
    expect(listed.target).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/), format: 'slack', source: 'stored', secretCreatedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.notifications).toEqual([
      expect.objectContaining({ event: 'assets.created', events: ['assets.created'], runId: started.body.runId, status: 'delivered', attempts: 2, lastStatus: 204 }),
    ]);
    // The answer, with a delivered notification in it, is what the OpenAPI document says.
    const documented = new DocumentedResponses((await api(s, '/api/v1/openapi.json')).body);
    expect(documented.problems('get', '/api/v1/organizations/default/notifications', 200, listed)).toEqual([]);
    expect((await api(s, '/api/v1/organizations/default/notifications?status=nope')).status).toBe(400);
    expect((await api(s, '/api/v1/organizations/nobody/notifications')).status).toBe(404);

    const scraped = await (await fetch(`${s.url}/metrics`)).text();
    expect(metric(scraped, 'jamf_notifications_delivered_total')).toBe(1);
    expect(metric(scraped, 'jamf_notifications_failures_total')).toBe(1);
    expect(metric(scraped, 'jamf_notifications_pending')).toBe(0);
    expect(metric(scraped, 'jamf_notifications_dead')).toBe(0);
    await s.shutdown();
    service = undefined;

    const list = await cli(['notifications', 'list', '--org', 'default']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^\\d+\\tdefault\\tassets\\.created\\trun ${started.body.runId}\\t2 attempt\\(s\\)\\tdelivered `, 'm'));
    expect(await cli(['notifications', 'retry', '--all-dead'])).toMatchObject({ code: 0, stdout: 'No dead notifications to retry.\n' });
    expect((await cli(['notifications', 'list', '--status', 'lost'])).code).toBe(2);

    const cleared = await cli(['connections', 'update', '--org', 'default', '--no-notify']);
    expect(cleared).toMatchObject({ code: 0 });
    expect(cleared.stdout).toMatch(/notifications removed/);
  }, timeoutForChildWaits(12));

  it('NOTIFY_URL and NOTIFY_SECRET set the default organization\'s target from the environment', async () => {
    const database = await openProcessDatabase();
    const s = await start({
      ...database.env,
      JAMF_URL: sim.url,
      JAMF_CLIENT_ID: DEFAULT_CREDENTIALS.clientId,
      JAMF_CLIENT_SECRET: DEFAULT_CREDENTIALS.clientSecret,
      NOTIFY_URL: receiver.url,
      NOTIFY_SECRET,
    });
    const started = await api(s, '/api/v1/organizations/default/syncs', { method: 'POST', body: '{}' });
    expect(started.status).toBe(202);
    await until(() => receiver.received.length >= 1, 'the notification');
    const [request] = receiver.received;
    expect(verifySignature(NOTIFY_SECRET, request.body, request.headers['x-jamf-sync-signature'] as string, Date.now() / 1000).valid).toBe(true);
    expect(request.json).toMatchObject({ event: 'assets.created', run: { id: started.body.runId }, organization: { slug: 'default', name: 'Default organization' } });
    const { body } = await api(s, '/api/v1/organizations/default/notifications');
    expect(body.target).toMatchObject({ format: 'json', source: 'environment' });
    await s.shutdown();
    service = undefined;
  });
});
