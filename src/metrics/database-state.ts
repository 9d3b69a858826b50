import type { AppDatabase } from '../db/open-database';
import { readConnectionStatuses } from '../runs/connection-status';
import { inboxBacklog, type InboxBacklog } from '../webhooks/inbox-store';

/** The nightly safety net's health for one organization with an enabled connection. */
export interface OrganizationSyncHealth {
  organization: string;
  /** When its last successful (or partial) full sync finished, epoch seconds; null if none ever did. */
  lastSuccessSeconds: number | null;
  /** When its connection was added, epoch seconds: the alert's baseline before a first success. */
  connectedSeconds: number;
  /** Full syncs that failed since the last successful or partial one (all of them if none). */
  consecutiveFailures: number;
}

/**
 * Read at each scrape, so every replica reports the same truth about shared state. The figures are
 * the connection status reader's (runs/connection-status.ts, which says which runs count), for
 * connections that are enabled.
 */
export async function readSyncHealth(db: AppDatabase): Promise<OrganizationSyncHealth[]> {
  const statuses = await readConnectionStatuses(db);
  return statuses
    .filter((s) => s.enabled)
    .map((s) => ({
      organization: s.organization,
      lastSuccessSeconds: s.epochSeconds.lastSuccess,
      connectedSeconds: s.epochSeconds.connected,
      consecutiveFailures: s.consecutiveFailures,
    }));
}

/** The shared webhook inbox: open rows (pending or being processed), the oldest one's age, dead rows. */
export function readInboxState(db: AppDatabase): Promise<InboxBacklog> {
  return inboxBacklog(db);
}
