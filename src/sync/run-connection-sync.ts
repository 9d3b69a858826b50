import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/query';
import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { currentLease, syncLeaseName, withLease } from '../leases/job-lease';
import { jamfClientForConnection } from '../connections/jamf-client-for-connection';
import { requireConnection, toSyncTarget } from '../connections/connection-store';
import { AppError } from '../errors/app-error';
import { runFullSync, type FullSyncOptions } from './full-sync';
import { mapJamfRecordToDevice } from './record-to-device';
import type { RunReport } from './run-report';
import { RUN_OWNER } from './run-store';

export interface ConnectionSyncDeps {
  db: AppDatabase;
  config: Config;
  box: SecretBox | null;
  logger: Logger;
}

/** A lease is renewed every third of this while a sync runs; a crashed holder frees it after this. */
const SYNC_LEASE_TTL_MS = 2 * 60_000;

/**
 * Runs a full sync of one organization's connection: under the connection's lease (so runs never
 * overlap, across processes too), with a client made from the connection's settings. `window`
 * names the schedule window for scheduled runs, so each window runs once across replicas.
 */
export async function runConnectionSync(
  deps: ConnectionSyncDeps,
  organizationSlug: string,
  options: FullSyncOptions & {
    window?: string;
    /** Run only if the connection never completed a full sync (the first sync at start). */
    onlyIfNeverSynced?: boolean;
  },
): Promise<RunReport | null> {
  const { organization, connection } = await requireConnection(deps.db, organizationSlug);
  if (connection.fetchFileVaultKeys && !deps.box) throw new MissingEncryptionKeyError('the FileVault recovery keys this connection fetches');
  const client = jamfClientForConnection(organization, connection, deps);
  try {
    // Fail fast with the client's clear error (credentials, reachability) before any run row exists.
    await client.jamfProVersion();
    const sync = async () => {
      // Checked under the lease, so replicas starting together run the first sync once.
      if (options.onlyIfNeverSynced && (await hasCompletedFullSync(deps.db, connection.id))) return null;
      return runFullSync({ db: deps.db, client, logger: deps.logger, mapDevice: mapJamfRecordToDevice, box: deps.box }, toSyncTarget(organization, connection), options);
    };
    // A dry run writes nothing, so it may run beside a real one.
    if (options.dryRun) return await sync();
    const name = syncLeaseName(connection.id);
    const outcome = await withLease(
      deps,
      { name, holder: `${RUN_OWNER}:${randomUUID()}`, window: options.window ?? `manual:${randomUUID()}`, ttlMs: SYNC_LEASE_TTL_MS },
      sync,
    );
    if (outcome.ran) return outcome.result;
    if (options.onlyIfNeverSynced) return null;
    if (options.window) return null; // another replica took this window
    const lease = await currentLease(deps.db, name);
    throw new AppError(
      409,
      'sync_already_running',
      `A sync of "${organizationSlug}" is already running (${lease?.holder ?? 'another process'}, lease until ${lease?.expiresAt?.toISOString() ?? '?'}); try again when it has finished`,
    );
  } finally {
    await client.close();
  }
}

async function hasCompletedFullSync(db: AppDatabase, connectionId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    sql`select 1 as one from sync_runs where connection_id = ${connectionId} and mode = 'full' and status in ('succeeded', 'partial') limit 1`,
  );
  return rows.length > 0;
}
