import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Executor } from '../db/query';
import type { SecretBox } from '../crypto/secret-box';
import type { Logger } from '../logging/logger';
import { PROCESS_OWNER, isDeadLocalOwner } from '../leases/process-owner';
import { settledWithin } from '../service/settled-within';
import {
  claimNotifications, markAttemptFailed, markDead, markDelivered, purgeDelivered, releaseNotificationClaims, type ClaimedNotification, type DeliveryPolicy,
} from './notification-outbox';
import { displayTargetUrl, resolveNotifyTarget } from './notification-targets';
import { reportNotificationAttempt, sendNotification } from './send-notification';

export interface NotificationWorkerDeps {
  db: Executor;
  config: Pick<Config, 'NOTIFY_SECRET'>;
  box: SecretBox | null;
  logger: Logger;
}

export interface NotificationWorkerOptions {
  /** Start the sender with `serve` (default true). */
  enabled?: boolean;
  /** Idle poll interval (default 2 s): runs end on other threads and replicas, so nothing wakes it. */
  pollMs?: number;
  /** Notifications claimed at once, sent in parallel (default 10). */
  batchSize?: number;
  /** A receiver that has not answered by then is a failed attempt (default 10 s). */
  timeoutMs?: number;
  /** A claimed notification goes back to the queue this long after its sender stopped (default 60 s, above timeoutMs). */
  leaseMs?: number;
  retry?: Partial<DeliveryPolicy>;
  /** Delivered notifications are deleted after this (default 30 days); dead ones stay until retried. */
  retentionMs?: number;
  /** Test seam. */
  clock?: () => Date;
}

/** 12 attempts over about 3.4 hours: 10 s, 20 s, 40 s … capped at an hour between attempts. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 12, baseDelayMs: 10_000, maxDelayMs: 3_600_000 };

export interface SendTally {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * Sends the notification outbox: claims due rows with a lease (replicas share the outbox and never
 * send one row at once), resolves each row's target now (a corrected URL or a rotated secret
 * applies to what is still queued), signs and POSTs it, and records the outcome: delivered, or
 * retried with exponential backoff, or dead after maxAttempts (`notifications retry` revives it).
 */
export class NotificationWorker {
  readonly owner = `${PROCESS_OWNER}:notify:${randomUUID().slice(0, 8)}`;
  private readonly opts: Required<Omit<NotificationWorkerOptions, 'retry' | 'enabled'>> & { retry: DeliveryPolicy };
  private readonly log: Logger;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: NotificationWorkerDeps,
    options: NotificationWorkerOptions = {},
  ) {
    this.opts = {
      pollMs: options.pollMs ?? 2000,
      batchSize: options.batchSize ?? 10,
      timeoutMs: options.timeoutMs ?? 10_000,
      leaseMs: options.leaseMs ?? 60_000,
      retentionMs: options.retentionMs ?? 30 * 24 * 3600_000,
      clock: options.clock ?? (() => new Date()),
      retry: { ...DEFAULT_DELIVERY_POLICY, ...options.retry },
    };
    this.log = deps.logger.child({ component: 'notifications' });
  }

  async start(): Promise<void> {
    const released = await releaseNotificationClaims(this.deps.db, isDeadLocalOwner);
    if (released) this.log.warn({ released }, 'notifications claimed by a stopped process were put back in the queue');
    this.loop = this.run();
    const purge = () => void this.purge().catch((err) => this.log.error({ err }, 'could not purge delivered notifications'));
    purge();
    this.purgeTimer = setInterval(purge, 3600_000);
    this.purgeTimer.unref();
  }

  /** Stops claiming; the attempts in flight finish (up to timeoutMs). Resolves false if one was still going. */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    clearInterval(this.purgeTimer);
    this.wakeUp?.();
    return this.loop ? settledWithin([this.loop], timeoutMs) : true;
  }

  /** Claims and sends one batch. */
  async runOnce(): Promise<SendTally> {
    const rows = await claimNotifications(this.deps.db, { owner: this.owner, limit: this.opts.batchSize, leaseMs: this.opts.leaseMs, now: this.opts.clock() });
    const tally: SendTally = { claimed: rows.length, delivered: 0, failed: 0, dead: 0 };
    const outcomes = await Promise.all(rows.map((row) => this.send(row)));
    for (const outcome of outcomes) tally[outcome]++;
    return tally;
  }

  /** Sends until nothing is due (tests and tools). */
  async drain(): Promise<SendTally> {
    const total: SendTally = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
    for (;;) {
      const r = await this.runOnce();
      if (!r.claimed) return total;
      for (const k of Object.keys(total) as Array<keyof SendTally>) total[k] += r[k];
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = (await this.runOnce()).claimed;
      } catch (err) {
        this.log.error({ err }, 'sending notifications failed; trying again after the poll interval');
      }
      if (!claimed && !this.stopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.opts.pollMs);
      timer.unref();
      this.wakeUp = done;
    });
  }

  private async send(row: ClaimedNotification): Promise<'delivered' | 'failed' | 'dead'> {
    const { db } = this.deps;
    const log = this.log.child({ notification: row.id, event: row.event, attempt: row.attempts });
    if (row.attempts > this.opts.retry.maxAttempts) {
      await markDead(db, row.id, this.owner, 'the sender stopped (crash or kill) during its last allowed attempt');
      return this.finished('dead');
    }
    let target;
    try {
      target = await resolveNotifyTarget(db, this.deps.box, this.deps.config, row.connectionId);
    } catch (err) {
      return this.failed(row, { error: `the target cannot be used: ${(err as Error).message}`, httpStatus: null }, log);
    }
    if (!target) {
      await markDead(db, row.id, this.owner, 'the connection no longer has a notification target');
      log.info('notification given up: its connection no longer has a target');
      return this.finished('dead');
    }
    const result = await sendNotification(target, row, { timeoutMs: this.opts.timeoutMs, now: this.opts.clock() });
    if (!result.ok) return this.failed(row, result, log.child({ target: displayTargetUrl(target.url) }));
    await markDelivered(db, row.id, this.owner, { httpStatus: result.httpStatus, now: this.opts.clock() });
    log.info({ target: displayTargetUrl(target.url), httpStatus: result.httpStatus }, 'notification delivered');
    return this.finished('delivered');
  }

  private async failed(row: ClaimedNotification, failure: { error: string; httpStatus: number | null }, log: Logger): Promise<'failed' | 'dead'> {
    const status = await markAttemptFailed(this.deps.db, row.id, this.owner, { ...failure, policy: this.opts.retry, now: this.opts.clock() });
    const outcome = status === 'dead' ? 'dead' : 'failed';
    log.warn(
      { reason: failure.error, httpStatus: failure.httpStatus, maxAttempts: this.opts.retry.maxAttempts },
      outcome === 'dead' ? 'notification failed its last attempt and is now dead (see "jamf-sync notifications retry")' : 'notification attempt failed; retrying with backoff',
    );
    return this.finished(outcome);
  }

  private finished<T extends 'delivered' | 'failed' | 'dead'>(outcome: T): T {
    reportNotificationAttempt({ outcome });
    return outcome;
  }

  private async purge(): Promise<void> {
    const cutoff = new Date(this.opts.clock().getTime() - this.opts.retentionMs);
    let removed = 0;
    for (let n = -1; n !== 0 && !this.stopping; ) {
      n = await purgeDelivered(this.deps.db, cutoff);
      removed += n;
    }
    if (removed) this.log.info({ removed, before: cutoff.toISOString() }, 'purged delivered notifications past their retention');
  }
}
