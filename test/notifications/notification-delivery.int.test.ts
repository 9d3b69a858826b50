import { sql } from 'drizzle-orm';
import { defaultConfig } from '../../src/config';
import { selectRows } from '../../src/db/query';
import { runConnectionSync } from '../../src/sync/run-connection-sync';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/start-simulator';
import { NotificationWorker } from '../../src/notifications/notification-worker';
import { clearNotifyTarget, setNotifyTarget } from '../../src/notifications/notification-targets';
import { listNotifications, retryDeadNotifications } from '../../src/notifications/notification-outbox';
import { verifySignature } from '../../src/notifications/sign-notification';
import type { NotifyFormat } from '../../src/db/schema/notifications';
import { SecretBox } from '../../src/crypto/secret-box';
import { rotateKeys } from '../../src/crypto/rotate-keys';
import { harnessPerTest, TEST_SECRET_BOX, type Fleet, type SyncHarness } from '../support/sync-harness';
import { testDatabaseKind } from '../support/test-database';
import { computer, mobile } from '../support/jamf-factories';
import { NotificationReceiver, type ReceivedNotification } from './support/notification-receiver';

/**
 * Issue 19, notifications: a run worth telling leaves one row in the outbox where it ends, and the
 * sender delivers it, signed, to a receiver over HTTP, retrying with backoff. The sender's clock is
 * the test's: a retry becomes due when the test moves the clock, never by waiting.
 */
describe(`run notifications (${testDatabaseKind})`, () => {
  const suite = harnessPerTest();
  let receiver: NotificationReceiver;
  /** The sender's clock runs this far ahead of the real one (rows are queued at the database's now()). */
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  beforeAll(async () => {
    receiver = await NotificationReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.reset();
    offsetMs = 0;
  });

  const later = (ms: number) => {
    offsetMs += ms;
  };

  /** A harness whose connection notifies the receiver; its signing secret as shown once. */
  async function start(fleet: Fleet, options: Parameters<typeof suite.start>[1] & { format?: NotifyFormat } = {}): Promise<{ h: SyncHarness; secret: string }> {
    const h = await suite.start(fleet, options);
    const connection = { id: h.target.connectionId!, organizationId: h.target.organizationId };
    const { newSecret } = await setNotifyTarget(suite.db.db, TEST_SECRET_BOX, connection, { url: receiver.url, format: options.format ?? 'json' });
    return { h, secret: newSecret! };
  }

  const worker = (h: SyncHarness, retry: { maxAttempts?: number } = {}, box: SecretBox = TEST_SECRET_BOX) =>
    new NotificationWorker({ db: suite.db.db, config: defaultConfig(), box, logger: h.logs.logger }, { clock, retry });

  const outbox = () =>
    selectRows<{ id: string; run_id: string; event: string; status: string; attempts: number; last_status: number | null; last_error: string | null }>(
      suite.db.db,
      sql`select id, run_id, event, status, attempts, last_status, last_error from notification_outbox order by id`,
    );

  function expectSigned(request: ReceivedNotification, secret: string): void {
    const header = request.headers['x-jamf-sync-signature'] as string;
    const nowSeconds = clock().getTime() / 1000;
    expect(verifySignature(secret, request.body, header, nowSeconds)).toEqual({ valid: true, timestamp: expect.any(Number) });
    expect(verifySignature('jsn_not-the-secret', request.body, header, nowSeconds).valid).toBe(false);
    expect(request.headers['content-type']).toBe('application/json');
  }

  it('a run that creates assets delivers ONE signed notification, retried after the receiver first answers 500', async () => {
    const { h, secret } = await start({ computers: [computer({ id: 1 }), computer({ id: 2 })], mobileDevices: [mobile({ id: 3 })] });
    const report = await h.sync();
    expect(report.counts.created).toBe(3);
    expect(await outbox()).toEqual([expect.objectContaining({ run_id: report.id, event: 'assets.created', status: 'pending', attempts: 0 })]);

    receiver.answerWith(500);
    const sender = worker(h);
    expect(await sender.runOnce()).toEqual({ claimed: 1, delivered: 0, failed: 1, dead: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, last_status: 500, last_error: 'the target answered HTTP 500: receiver says no' })]);
    // Backing off: not due again at the same time.
    expect((await sender.runOnce()).claimed).toBe(0);
    const [listed] = await listNotifications(suite.db.db);
    expect(Date.parse(listed.nextAttemptAt!)).toBeGreaterThan(clock().getTime());

    later(60_000);
    expect(await sender.runOnce()).toEqual({ claimed: 1, delivered: 1, failed: 0, dead: 0 });
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, last_status: 204, last_error: null })]);
    expect(receiver.received).toHaveLength(2);
    const delivered = receiver.received[1];
    expectSigned(delivered, secret);
    expect(delivered.headers['x-jamf-sync-event']).toBe('assets.created');
    expect(delivered.headers['x-jamf-sync-delivery']).toBe(receiver.received[0].headers['x-jamf-sync-delivery']);
    expect(delivered.body).toBe(receiver.received[0].body); // the same delivery, signed again at its own time
    expect(delivered.json).toMatchObject({
      deliveryId: delivered.headers['x-jamf-sync-delivery'],
      type: 'jamf-asset-sync.run',
      version: 1,
      event: 'assets.created',
      events: ['assets.created'],
      organization: { slug: 'acme', name: 'acme' },
      run: { id: report.id, trigger: 'manual', mode: 'full', status: 'succeeded', report: `/api/v1/runs/${report.id}` },
      counts: { fetched: 3, created: 3, errors: 0, employeesHeld: 0 },
      error: null,
    });

    // One summary per run, never one per device; a quiet run tells nothing.
    expect((await h.sync()).counts.created).toBe(0);
    expect(await outbox()).toHaveLength(1);
    expect((await sender.drain()).claimed).toBe(0);
  });

  it('a run that fails before it starts (refused credentials) delivers ONE signed notification with its code, retried after a 500', async () => {
    const wrong = 'wrong-secret-never-in-a-notification';
    const { h, secret } = await start(
      { computers: [computer({ id: 1 })] },
      { settings: { auth: { kind: 'client', clientId: DEFAULT_CREDENTIALS.clientId, clientSecret: wrong } } },
    );
    const deps = { db: suite.db.db, config: defaultConfig({ JAMF_MAX_ATTEMPTS: '1' }), box: TEST_SECRET_BOX, logger: h.logs.logger };
    const error = (await runConnectionSync(deps, 'acme', { trigger: 'manual' }).catch((e: unknown) => e)) as { code: string; details: { runId: string } };
    expect(error.code).toBe('jamf_auth_rejected');

    receiver.answerWith(500);
    const sender = worker(h);
    expect((await sender.runOnce()).failed).toBe(1);
    later(60_000);
    expect((await sender.runOnce()).delivered).toBe(1);
    expect(receiver.received).toHaveLength(2);
    const [, delivered] = receiver.received;
    expectSigned(delivered, secret);
    expect(delivered.headers['x-jamf-sync-event']).toBe('run.failed');
    expect(delivered.json).toMatchObject({
      event: 'run.failed',
      events: ['run.failed'],
      organization: { slug: 'acme' },
      run: { id: error.details.runId, trigger: 'manual', status: 'failed' },
      counts: { fetched: 0, created: 0 },
      error: { code: 'jamf_auth_rejected', message: expect.stringMatching(/rejected the API client credentials/) },
    });
    expect(delivered.body).not.toContain(wrong);
    expect(await outbox()).toEqual([expect.objectContaining({ run_id: error.details.runId, status: 'delivered' })]);
  });

  it('the removal guard and employees held for review are told, each in the summary of their run', async () => {
    const fleet = {
      computers: [
        ...Array.from({ length: 8 }, (_, i) => computer({ id: i + 1 })),
        computer({ id: 9, email: 'jane.smith@acme.example', realname: 'Jane Smith' }),
        computer({ id: 10, email: 'jane@personal.example', realname: 'Jane Smith' }),
      ],
    };
    const { h } = await start(fleet, { settings: { employeePolicy: 'hold', removalThreshold: 0.1 } });
    const first = await h.sync();
    for (const id of ['1', '2', '3']) h.sim.store.remove('computers', id);
    const second = await h.sync();
    expect(second).toMatchObject({ status: 'failed', errorCode: 'removal_guard_tripped' });

    expect(await worker(h).drain()).toMatchObject({ delivered: 2 });
    const [created, guarded] = receiver.received.map((r) => r.json);
    expect(created).toMatchObject({
      run: { id: first.id },
      event: 'employees.held',
      events: ['employees.held', 'assets.created'],
      counts: { created: 10, employeesHeld: 1 },
    });
    expect(guarded).toMatchObject({
      run: { id: second.id, status: 'failed' },
      event: 'removal_guard.tripped',
      events: expect.arrayContaining(['removal_guard.tripped', 'run.failed']),
      error: { code: 'removal_guard_tripped' },
    });
    expect(receiver.received[1].headers['x-jamf-sync-event']).toBe('removal_guard.tripped');
  });

  it('a notification never contains secure fields (activation lock, AppleCare id, FileVault keys) nor device details', async () => {
    const recoveryKey = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX';
    const { h } = await start(
      {
        computers: [computer({ id: 1, activationLock: true, recoveryLock: true, appleCareId: 'APPLECARE-SECRET-77' })],
        mobileDevices: [mobile({ id: 2 })],
        fileVaultRecoveryKeys: { '1': recoveryKey },
      },
      { settings: { fetchFileVaultKeys: true } },
    );
    const report = await h.sync();
    expect(report.counts.created).toBe(2);
    expect(await h.count('asset_secure_fields')).toBeGreaterThan(0);
    await worker(h).drain();
    expect(receiver.received).toHaveLength(1);
    const { body } = receiver.received[0];
    for (const value of [recoveryKey, 'APPLECARE-SECRET-77', 'C02TEST00001', 'UDID-C-1']) expect(body).not.toContain(value);
    expect(body).not.toMatch(/activationLock|recoveryLock|appleCare|recoveryKey|fileVault/i);
    const stored = await selectRows<{ payload: unknown }>(suite.db.db, sql`select payload from notification_outbox`);
    expect(JSON.stringify(stored)).not.toContain(recoveryKey);
  });

  it('the slack format: {text, blocks}, signed the same way', async () => {
    const { h, secret } = await start({ computers: [computer({ id: 1 })] }, { format: 'slack' });
    const report = await h.sync();
    await worker(h).drain();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expectSigned(request, secret);
    expect(Object.keys(request.json).sort()).toEqual(['blocks', 'text']);
    expect(request.json.text).toBe(`acme: new assets created; 1 created. Run ${report.id} (manual, full).`);
    expect(request.json.blocks.map((b: { type: string }) => b.type)).toEqual(['section', 'section', 'context']);
  });

  it('an outbox that cannot be written never fails the run: it ends as it would, and the failure is logged', async () => {
    const { h } = await start({ computers: [computer({ id: 1 })] });
    await suite.db.db.execute(sql`alter table notification_outbox rename to notification_outbox_away`);
    try {
      const report = await h.sync();
      expect(report).toMatchObject({ status: 'succeeded', errorCode: null });
      expect(report.counts.created).toBe(1);
      const [run] = await selectRows<{ status: string }>(suite.db.db, sql`select status from sync_runs where id = ${report.id}`);
      expect(run.status).toBe('succeeded');
      expect(h.logs.text()).toContain('could not queue the run notification');
    } finally {
      await suite.db.db.execute(sql`alter table notification_outbox_away rename to notification_outbox`);
    }
  });

  it('two senders on one outbox send each notification once (claims with a lease)', async () => {
    const { h } = await start({ computers: [computer({ id: 1 })] });
    await h.sync();
    const [a, b] = [worker(h), worker(h)];
    const tallies = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(tallies.reduce((n, t) => n + t.claimed, 0)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(await a.drain()).toMatchObject({ claimed: 0 });
  });

  it('after its last attempt a notification is dead until retried; one whose target was removed is given up', async () => {
    const { h, secret } = await start({ computers: [computer({ id: 1 })] });
    await h.sync();
    receiver.answerWith(503, 503);
    const sender = worker(h, { maxAttempts: 2 });
    expect((await sender.runOnce()).failed).toBe(1);
    later(3_600_000);
    expect((await sender.runOnce()).dead).toBe(1);
    expect(await listNotifications(suite.db.db)).toEqual([
      expect.objectContaining({ organization: 'acme', event: 'assets.created', status: 'dead', attempts: 2, nextAttemptAt: null, lastStatus: 503 }),
    ]);
    later(3_600_000);
    expect((await sender.runOnce()).claimed).toBe(0);

    expect(await retryDeadNotifications(suite.db.db, { allDead: true, organizationId: h.target.organizationId })).toHaveLength(1);
    expect(await sender.drain()).toMatchObject({ delivered: 1 });
    expectSigned(receiver.received[2], secret);

    // A target removed while a notification waits: it is given up, not sent anywhere.
    h.sim.store.add('computers', computer({ id: 2 }));
    const second = await h.sync();
    expect(second.counts.created).toBe(1);
    await clearNotifyTarget(suite.db.db, h.target.connectionId!);
    expect(await sender.runOnce()).toMatchObject({ claimed: 1, dead: 1 });
    expect(receiver.received).toHaveLength(3);
    expect((await outbox()).at(-1)).toMatchObject({ status: 'dead', last_error: 'the connection no longer has a notification target' });
  });

  it('the signing secret is stored encrypted, and `keys rotate` re-encrypts it under the new key', async () => {
    const { h, secret } = await start({ computers: [computer({ id: 1 })] });
    const [stored] = await selectRows<{ secret_ciphertext: string }>(suite.db.db, sql`select secret_ciphertext from notification_targets`);
    expect(stored.secret_ciphertext).toMatch(/^v1\./);
    expect(stored.secret_ciphertext).not.toContain(secret);

    const newBox = new SecretBox([Buffer.alloc(32, 8).toString('base64'), Buffer.alloc(32, 7).toString('base64')]);
    const rotation = await rotateKeys(suite.db.db, newBox);
    expect(rotation.rotated.notifySecrets).toBe(1);
    await h.sync();
    // Only the new key now: the secret still opens, and signs as before.
    await worker(h, {}, new SecretBox([Buffer.alloc(32, 8).toString('base64')])).drain();
    expect(receiver.received).toHaveLength(1);
    expectSigned(receiver.received[0], secret);
  });
});
