import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../db/query';
import type { Logger } from '../logging/logger';
import { isDeadLocalOwner } from './process-owner';

export interface LeaseClaim {
  name: string;
  holder: string;
  /** The schedule window this claim is for (e.g. the cron fire time), or a unique key for manual runs. */
  window: string;
  ttlMs: number;
  now?: Date;
}

/**
 * Takes the lease row of a job for one window. It succeeds for exactly one caller per window, and
 * only while nobody holds a live lease (so runs of one connection never overlap). A holder that
 * crashed stops renewing and its lease expires after ttlMs.
 */
export async function claimLease(db: Executor, claim: LeaseClaim): Promise<boolean> {
  const now = claim.now ?? new Date();
  // A holder on this host whose process is gone (killed, crashed) frees its lease at once.
  const held = await currentLease(db, claim.name);
  if (held?.expiresAt && isDeadLocalOwner(held.holder)) {
    await db.execute(sql`update job_leases set expires_at = null where name = ${claim.name} and holder = ${held.holder}`);
  }
  const expires = new Date(now.getTime() + claim.ttlMs);
  const rows = await selectRows<{ name: string }>(
    db,
    sql`insert into job_leases (name, holder, expires_at, last_window, updated_at)
        values (${claim.name}, ${claim.holder}, ${expires.toISOString()}, ${claim.window}, ${now.toISOString()})
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,
          last_window = excluded.last_window, updated_at = excluded.updated_at
        where job_leases.last_window is distinct from excluded.last_window
          and (job_leases.expires_at is null or job_leases.expires_at < ${now.toISOString()})
        returning name`,
  );
  return rows.length === 1;
}

/** Extends a held lease; false when it was lost (expired and taken by another holder). */
export async function renewLease(db: Executor, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const rows = await selectRows<{ name: string }>(
    db,
    sql`update job_leases set expires_at = ${new Date(now.getTime() + ttlMs).toISOString()}, updated_at = ${now.toISOString()}
        where name = ${name} and holder = ${holder} returning name`,
  );
  return rows.length === 1;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.execute(sql`update job_leases set expires_at = null, updated_at = now() where name = ${name} and holder = ${holder}`);
}

export async function currentLease(db: Executor, name: string): Promise<{ holder: string | null; expiresAt: Date | null; lastWindow: string | null } | null> {
  const rows = await selectRows<{ holder: string | null; expires_at: string | Date | null; last_window: string | null }>(
    db,
    sql`select holder, expires_at, last_window from job_leases where name = ${name}`,
  );
  const row = rows[0];
  if (!row) return null;
  return { holder: row.holder, expiresAt: row.expires_at ? new Date(row.expires_at) : null, lastWindow: row.last_window };
}

/**
 * Frees every lease held by one process (holders are "host:pid:…"): at shutdown, once its work
 * has stopped, so another replica need not wait for them to expire.
 */
export async function releaseLeasesOfProcess(db: Executor, processOwner: string): Promise<void> {
  const prefix = `${processOwner}:`;
  await db.execute(sql`update job_leases set expires_at = null, updated_at = now()
    where expires_at is not null and left(holder, ${prefix.length}) = ${prefix}`);
}

/**
 * Holds a claimed lease for the duration of `work`, renewing it, and releases it after. A renewal
 * that fails or finds the lease lost is logged and the work goes on: stopping it half-way would do
 * more harm than a rare overlap, and the sync's own writes are idempotent.
 */
export async function withLease<T>(
  deps: { db: Executor; logger: Logger },
  claim: Omit<LeaseClaim, 'now'>,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const { db, logger } = deps;
  if (!(await claimLease(db, claim))) return { ran: false };
  const lease = { lease: claim.name, holder: claim.holder };
  const timer = setInterval(() => {
    void renewLease(db, claim.name, claim.holder, claim.ttlMs).then(
      (held) => {
        if (!held) logger.warn(lease, 'lease lost: it expired and another holder took it; this work goes on, so the two may overlap');
      },
      (err) =>
        logger.warn({ ...lease, err }, `could not renew the lease (database unreachable?); it expires ${claim.ttlMs / 1000} s after the last renewal, and another process may then start the same work`),
    );
  }, Math.max(1000, Math.floor(claim.ttlMs / 3)));
  timer.unref();
  try {
    return { ran: true, result: await work() };
  } finally {
    clearInterval(timer);
    await releaseLease(db, claim.name, claim.holder).catch((err) =>
      logger.warn({ ...lease, err }, `could not release the lease; the next run waits until it expires (at most ${claim.ttlMs / 1000} s)`),
    );
  }
}

export const syncLeaseName = (connectionId: string) => `sync:${connectionId}`;
