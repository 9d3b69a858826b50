import { notificationSafeMessage, runNotificationEvents, runSummary, type FinishedRunFacts } from '../../src/notifications/run-summary';
import { notificationBody, slackMessage } from '../../src/notifications/notification-body';
import { generateSigningSecret, signatureHeader, verifySignature } from '../../src/notifications/sign-notification';
import { parseNotifyOptions } from '../../src/notifications/notify-options';

const counts = (over: Partial<FinishedRunFacts['counts']> = {}): FinishedRunFacts['counts'] => ({
  fetched: 10,
  created: 0,
  updated: 0,
  unchanged: 10,
  skipped: {},
  removed: 0,
  employeesCreated: 0,
  warnings: 0,
  errors: 0,
  ...over,
});

const run = (over: Partial<FinishedRunFacts> = {}): FinishedRunFacts => ({
  runId: '11111111-2222-3333-4444-555555555555',
  organization: { slug: 'acme', name: 'Acme <Corp> & Co' },
  trigger: 'scheduled',
  mode: 'full',
  status: 'succeeded',
  startedAt: '2026-12-06T02:00:00.000Z',
  finishedAt: '2026-12-06T02:03:00.000Z',
  counts: counts(),
  failure: null,
  employeesHeld: 0,
  ...over,
});

describe('the events a finished run raises', () => {
  it('a quiet successful run raises none, so nothing is sent', () => {
    expect(runNotificationEvents(run())).toEqual([]);
    expect(runSummary(run())).toBeNull();
  });

  it.each([
    [{ status: 'failed', failure: { code: 'jamf_auth_rejected', message: 'no' } }, ['run.failed']],
    [{ status: 'failed', failure: { code: 'removal_guard_tripped', message: '40 of 100' } }, ['removal_guard.tripped', 'run.failed']],
    [{ status: 'partial', counts: counts({ errors: 2 }) }, ['run.partial']],
    [{ employeesHeld: 3 }, ['employees.held']],
    [{ counts: counts({ created: 4 }) }, ['assets.created']],
    [{ status: 'partial', employeesHeld: 1, counts: counts({ created: 2, errors: 1 }) }, ['run.partial', 'employees.held', 'assets.created']],
  ] as Array<[Partial<FinishedRunFacts>, string[]]>)('%j raises %j, most important first', (over, events) => {
    expect(runNotificationEvents(run(over))).toEqual(events);
    const summary = runSummary(run(over))!;
    expect(summary.events).toEqual(events);
    expect(summary.event).toBe(events[0]);
  });
});

describe('the run summary', () => {
  it('names the organization, run, trigger, counts and error, and nothing else', () => {
    const summary = runSummary(
      run({ status: 'failed', failure: { code: 'jamf_unreachable', message: 'Could not reach Jamf Pro' }, counts: counts({ created: 2, skipped: { unmanaged: 2, no_serial: 1 } }) }),
    )!;
    expect(summary).toEqual({
      type: 'jamf-asset-sync.run',
      version: 1,
      event: 'run.failed',
      events: ['run.failed', 'assets.created'],
      text: 'acme: sync failed (jamf_unreachable: Could not reach Jamf Pro); 2 created. Run 11111111-2222-3333-4444-555555555555 (scheduled, full).',
      organization: { slug: 'acme', name: 'Acme <Corp> & Co' },
      run: {
        id: '11111111-2222-3333-4444-555555555555',
        trigger: 'scheduled',
        mode: 'full',
        status: 'failed',
        startedAt: '2026-12-06T02:00:00.000Z',
        finishedAt: '2026-12-06T02:03:00.000Z',
        report: '/api/v1/runs/11111111-2222-3333-4444-555555555555',
      },
      counts: { fetched: 10, created: 2, updated: 0, unchanged: 10, skipped: 3, removed: 0, employeesCreated: 0, employeesHeld: 0, warnings: 0, errors: 0 },
      error: { code: 'jamf_unreachable', message: 'Could not reach Jamf Pro' },
    });
  });

  it('keeps counts it does not know out (a count of recovery keys is not a notification\'s business)', () => {
    const summary = runSummary(run({ counts: { ...counts({ created: 1 }), recoveryKeysStored: 5 } as FinishedRunFacts['counts'] }))!;
    expect(Object.keys(summary.counts)).not.toContain('recoveryKeysStored');
  });

  it('drops the parameters a database error lists, and bounds the message', () => {
    expect(notificationSafeMessage('the sync stopped unexpectedly: Failed query: insert into x values ($1)\nparams: SECRET-KEY-1234,other')).toBe(
      'the sync stopped unexpectedly: Failed query: insert into x values ($1)',
    );
    const long = notificationSafeMessage(`a\n\n${'x'.repeat(2000)}`);
    expect(long.length).toBe(500);
    expect(long.startsWith('a x')).toBe(true);
  });
});

describe('the bodies', () => {
  const summary = runSummary(run({ status: 'partial', employeesHeld: 2, counts: counts({ created: 3, errors: 1 }) }))!;

  it('json: the summary with the delivery id first', () => {
    const body = JSON.parse(notificationBody('json', '42', summary));
    expect(Object.keys(body)[0]).toBe('deliveryId');
    expect(body).toEqual({ deliveryId: '42', ...summary });
  });

  it('slack: text and blocks, with markup characters of names escaped', () => {
    const body = JSON.parse(notificationBody('slack', '42', summary));
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toBe(summary.text);
    expect(body.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':warning: *Acme &lt;Corp&gt; &amp; Co* (acme): run.partial, employees.held, assets.created' },
    });
    expect(body.blocks[1].type).toBe('section');
    expect(body.blocks[1].fields).toEqual(
      expect.arrayContaining([
        { type: 'mrkdwn', text: '*Created*\n3' },
        { type: 'mrkdwn', text: '*Device errors*\n1' },
        { type: 'mrkdwn', text: '*Held for review*\n2' },
      ]),
    );
    expect(body.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Run ${summary.run.id} · finished ${summary.run.finishedAt} · report ${summary.run.report}` }],
    });
    for (const block of body.blocks) expect(['section', 'context']).toContain(block.type);
  });

  it('slack: a failure gets its own block with the code', () => {
    const failed = runSummary(run({ status: 'failed', failure: { code: 'removal_guard_tripped', message: 'more than 10% <missing>' } }))!;
    const message = slackMessage(failed);
    expect(message.blocks[0].text).toMatchObject({ text: expect.stringMatching(/^:octagonal_sign: /) });
    expect(message.blocks).toContainEqual({ type: 'section', text: { type: 'mrkdwn', text: '*removal_guard_tripped*: more than 10% &lt;missing&gt;' } });
  });
});

describe('the signature', () => {
  const secret = 'jsn_test-secret-for-signatures';
  const body = '{"deliveryId":"1","event":"run.failed"}';

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, which the receiver recomputes', () => {
    const header = signatureHeader(secret, body, 1_765_000_000.9);
    expect(header).toMatch(/^t=1765000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, 1_765_000_100)).toEqual({ valid: true, timestamp: 1_765_000_000 });
  });

  it('fails for another body, another secret, an old time or no header', () => {
    const header = signatureHeader(secret, body, 1_765_000_000);
    expect(verifySignature(secret, `${body} `, header, 1_765_000_000)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(verifySignature('jsn_another', body, header, 1_765_000_000)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(verifySignature(secret, body, header, 1_765_000_000 + 301)).toEqual({ valid: false, reason: 'timestamp outside the tolerance' });
    expect(verifySignature(secret, body, undefined, 1_765_000_000)).toEqual({ valid: false, reason: 'no signature header' });
    expect(verifySignature(secret, body, 'v1=abc', 1_765_000_000)).toEqual({ valid: false, reason: 'no timestamp' });
  });

  it('secrets are new each time, prefixed, with 32 random bytes', () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^jsn_[A-Za-z0-9_-]{43}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });
});

describe('the notification options of connections add|update', () => {
  it('set, change, rotate, clear', () => {
    expect(parseNotifyOptions({ notifyUrl: 'https://hooks.example.com/jamf', notifyFormat: 'Slack' }, 'add')).toEqual({
      change: { kind: 'set', url: 'https://hooks.example.com/jamf', format: 'slack', rotate: undefined },
      problems: [],
    });
    expect(parseNotifyOptions({ notifyFormat: 'json' }, 'update').change).toEqual({ kind: 'set', url: undefined, format: 'json', rotate: undefined });
    expect(parseNotifyOptions({ rotateNotifySecret: true }, 'update').change).toEqual({ kind: 'set', rotate: true });
    expect(parseNotifyOptions({ notify: false }, 'update').change).toEqual({ kind: 'clear' });
    expect(parseNotifyOptions({ notifyUrl: '' }, 'update').change).toEqual({ kind: 'clear' });
    // commander's default for --no-notify when it is not given
    expect(parseNotifyOptions({ notify: true }, 'update')).toEqual({ problems: [] });
  });

  it('https only, except loopback; no credentials in the URL; json or slack', () => {
    expect(parseNotifyOptions({ notifyUrl: 'http://hooks.example.com/x' }, 'add').problems).toEqual([
      '--notify-url: must use https (plain http is only accepted for localhost)',
    ]);
    expect(parseNotifyOptions({ notifyUrl: 'http://127.0.0.1:8080/x' }, 'add').problems).toEqual([]);
    expect(parseNotifyOptions({ notifyUrl: 'https://user:pw@hooks.example.com/x' }, 'add').problems).toEqual([
      expect.stringMatching(/^--notify-url: must not hold a user name or password/),
    ]);
    expect(parseNotifyOptions({ notifyUrl: 'ftp://x' }, 'add').problems[0]).toMatch(/^--notify-url: must be an https URL/);
    expect(parseNotifyOptions({ notifyUrl: 'https://h.example/x', notifyFormat: 'xml' }, 'add').problems).toEqual(['--notify-format: must be json or slack']);
  });

  it('refuses combinations that mean nothing', () => {
    expect(parseNotifyOptions({ notify: false, notifyUrl: 'https://h.example/x' }, 'update').problems[0]).toMatch(/^--no-notify: removes/);
    expect(parseNotifyOptions({ notify: false }, 'add').problems).toEqual(['--no-notify: a new connection has no notification target to remove']);
    expect(parseNotifyOptions({ notifyFormat: 'slack' }, 'add').problems).toEqual(['--notify-format: goes with --notify-url']);
    expect(parseNotifyOptions({ notifyUrl: 'https://h.example/x', rotateNotifySecret: true }, 'add').problems[0]).toMatch(/^--rotate-notify-secret:/);
  });
});
