import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/query';
import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { currentLease, syncLeaseName, withLease } from '../leases/job-lease';
import { jamfClientForConnection } from '../connections/jamf-client-for-connection';
import { requireConnection, toSyncTarget, type ConnectionRow, type OrganizationRow } from '../connections/connection-store';
import type { SyncTarget } from '../connections/sync-target';
import type { JamfClient } from '../jamf/jamf-client';
import { AppError } from '../errors/app-error';
import { runFailureFor, type RunFailure } from '../runs/run-failure';
import { runFullSync, type FullSyncOptions } from './full-sync';
import { mapJamfRecordToDevice } from './record-to-device';
import type { RunReport } from './run-report';
import { RUN_OWNER, recordFailedRun } from './run-store';
import { emptyCounts } from './run-tally';
import { reportFinishedRun } from './run-events';
import { selectionMode } from './run-selection';
import type { DeviceScope } from '../scope/device-scope';
import { enqueueRunNotification } from '../notifications/enqueue-run-notification';

export interface ConnectionSyncDeps {
  db: AppDatabase;
  config: Config;
  box: SecretBox | null;
  logger: Logger;
}

/** A lease is renewed every third of this while a sync runs; a crashed holder frees it after this. */
const SYNC_LEASE_TTL_MS = 2 * 60_000;

/**
 * A sync that failed before its run could start (credentials refused, Jamf unreachable, unusable
 * settings). Its run is recorded as `failed` all the same; the error carries the run's stable
 * code and message, and the run id in its details.
 */
export class RunFailedError extends AppError {
  constructor(
    readonly runId: string,
    failure: RunFailure,
    cause: unknown,
  ) {
    const original = cause instanceof AppError ? cause : null;
    const details = original?.details && typeof original.details === 'object' ? original.details : {};
    super(original?.status ?? 500, failure.code, failure.message, { ...details, runId });
    this.name = 'RunFailedError';
  }
}

export interface ConnectionSyncOptions extends FullSyncOptions {
  window?: string;
  /** Run only if the connection never completed a full sync (the first sync at start). */
  onlyIfNeverSynced?: boolean;
  /** A retry of this failed run: skipped when a newer full run of the connection exists. */
  retryOf?: string;
  /** Dry runs only: read with this scope instead of the stored one (`connections update --preview`). */
  scopeOverride?: DeviceScope;
}

/**
 * Runs a full sync of one organization's connection: under the connection's lease (so runs never
 * overlap, across processes too), with a client made from the connection's settings. `window`
 * names the schedule window for scheduled runs, so each window runs once across replicas.
 * Every real sync that fails leaves a `failed` run, also when it fails before reading anything:
 * then it throws a RunFailedError. A dry run writes nothing and throws the error as it is.
 */
export async function runConnectionSync(deps: ConnectionSyncDeps, organizationSlug: string, options: ConnectionSyncOptions): Promise<RunReport | null> {
  const { organization, connection } = await requireConnection(deps.db, organizationSlug);
  const target = toSyncTarget(organization, connection);
  if (options.scopeOverride) {
    if (!options.dryRun) throw new Error('runConnectionSync: a scope override is for dry runs only');
    target.deviceScope = options.scopeOverride;
  }
  const sync = async () => {
    // Checked under the lease, so replicas starting together run the first sync (or a retry) once.
    if (options.onlyIfNeverSynced && (await hasCompletedFullSync(deps.db, connection.id))) return null;
    if (options.retryOf && (await lastFullRunId(deps.db, connection.id)) !== options.retryOf) return null;
    let client: JamfClient | undefined;
    try {
      client = clientFor(organization, connection, deps);
      // Fails fast with the client's clear error (credentials, reachability, TLS) before reading pages.
      await client.jamfProVersion();
    } catch (err) {
      await client?.close();
      if (options.dryRun) throw err;
      throw await recordEarlyFailure(deps, target, options, err);
    }
    try {
      return await runFullSync({ db: deps.db, client, logger: deps.logger, mapDevice: mapJamfRecordToDevice, box: deps.box }, target, options);
    } finally {
      await client.close();
    }
  };
  // A dry run writes nothing, so it may run beside a real one.
  if (options.dryRun) return sync();
  const name = syncLeaseName(connection.id);
  const outcome = await withLease(
    deps,
    { name, holder: `${RUN_OWNER}:${randomUUID()}`, window: options.window ?? `manual:${randomUUID()}`, ttlMs: SYNC_LEASE_TTL_MS },
    sync,
  );
  if (outcome.ran) return outcome.result;
  if (options.onlyIfNeverSynced || options.retryOf) return null;
  if (options.window) return null; // another replica took this window
  const lease = await currentLease(deps.db, name);
  throw new AppError(
    409,
    'sync_already_running',
    `A sync of "${organizationSlug}" is already running (${lease?.holder ?? 'another process'}, lease until ${lease?.expiresAt?.toISOString() ?? '?'}); try again when it has finished`,
  );
}

/** The connection's Jamf client; settings it cannot be made from are the connection's to fix. */
function clientFor(organization: OrganizationRow, connection: ConnectionRow, deps: ConnectionSyncDeps): JamfClient {
  try {
    if (connection.fetchFileVaultKeys && !deps.box) throw new MissingEncryptionKeyError('the FileVault recovery keys this connection fetches');
    return jamfClientForConnection(organization, connection, deps);
  } catch (err) {
    if (typeof (err as { code?: unknown }).code === 'string') throw err;
    // e.g. a secret stored under a key that is no longer configured.
    throw new AppError(500, 'connection_config_invalid', `The connection "${organization.slug}" cannot be used: ${(err as Error).message}`);
  }
}

/** Records the failed run of a sync that could not start, and the error to throw for it. */
async function recordEarlyFailure(deps: ConnectionSyncDeps, target: SyncTarget, options: ConnectionSyncOptions, err: unknown): Promise<unknown> {
  const failure = runFailureFor(err);
  const counts = emptyCounts();
  try {
    const run = await recordFailedRun(deps.db, { organizationId: target.organizationId, connectionId: target.connectionId, trigger: options.trigger, mode: selectionMode(options.selection ?? {}), counts, failure, dueAt: options.dueAt });
    reportFinishedRun({ organization: target.organizationSlug, trigger: options.trigger, status: 'failed', counts });
    const { organizationId, organizationSlug, connectionId } = target;
    const ended = { runId: run.id, trigger: options.trigger, mode: selectionMode(options.selection ?? {}), status: 'failed' as const, startedAt: run.startedAt, finishedAt: run.finishedAt };
    await enqueueRunNotification(deps.db, deps.logger, { organizationId, organizationSlug, connectionId, ...ended, counts, failure });
    deps.logger.warn({ organization: target.organizationSlug, runId: run.id, errorCode: failure.code, failureReason: failure.message }, 'full sync failed before it could start');
    return new RunFailedError(run.id, failure, err);
  } catch (recordErr) {
    deps.logger.error({ err: recordErr, organization: target.organizationSlug }, 'could not record the failed run (database unreachable?)');
    return err;
  }
}

async function hasCompletedFullSync(db: AppDatabase, connectionId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    sql`select 1 as one from sync_runs where connection_id = ${connectionId} and mode = 'full' and status in ('succeeded', 'partial') limit 1`,
  );
  return rows.length > 0;
}

async function lastFullRunId(db: AppDatabase, connectionId: string): Promise<string | null> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select id from sync_runs where connection_id = ${connectionId} and mode = 'full' order by started_at desc, id desc limit 1`,
  );
  return rows[0]?.id ?? null;
}
