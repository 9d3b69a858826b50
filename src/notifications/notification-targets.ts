import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import { selectOne, selectRows, type Executor } from '../db/query';
import type { NotifyFormat } from '../db/schema/notifications';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { AppError } from '../errors/app-error';
import { DEFAULT_ORGANIZATION_SLUG, findConnection } from '../connections/connection-store';
import { generateSigningSecret } from './sign-notification';

/** A connection's notification target as people may see it: never the secret. */
export interface NotifyTargetView {
  url: string;
  format: NotifyFormat;
  /** 'environment': NOTIFY_URL / NOTIFY_SECRET; 'stored': set with `connections add|update`. */
  source: 'environment' | 'stored';
  secretCreatedAt: string;
}

/** What the sender needs: where, how, and the signing secret. */
export interface NotifyTarget {
  url: string;
  format: NotifyFormat;
  secret: string;
}

interface TargetRow {
  url: string;
  format: NotifyFormat;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
  secret_created_at: Date | string;
}

async function targetRow(db: Executor, connectionId: string): Promise<TargetRow | null> {
  return selectOne<TargetRow>(
    db,
    sql`select url, format, secret_ciphertext, secret_key_id, secret_created_at from notification_targets where connection_id = ${connectionId}`,
  );
}

export async function notifyTargetView(db: Executor, connectionId: string): Promise<NotifyTargetView | null> {
  const row = await targetRow(db, connectionId);
  return row
    ? { url: row.url, format: row.format, source: row.secret_ciphertext ? 'stored' : 'environment', secretCreatedAt: new Date(row.secret_created_at).toISOString() }
    : null;
}

/**
 * Sets (or changes) a connection's target. A connection without a stored secret gets a new one,
 * returned so the command can show it once; a target that had one keeps it (changing the URL must
 * not break the receiver's check), unless `rotate`.
 */
export async function setNotifyTarget(
  db: Executor,
  box: SecretBox | null,
  connection: { id: string; organizationId: string },
  change: { url?: string; format?: NotifyFormat; rotate?: boolean },
): Promise<{ target: NotifyTargetView; newSecret: string | null }> {
  const existing = await targetRow(db, connection.id);
  if (!existing && !change.url) {
    throw new AppError(409, 'notify_target_missing', 'This connection has no notification target: set one with --notify-url <https URL>');
  }
  const needsSecret = !existing?.secret_ciphertext || change.rotate;
  if (needsSecret && !box) throw new MissingEncryptionKeyError('the signing secret of a notification target');
  const newSecret = needsSecret ? generateSigningSecret() : null;
  const sealed = newSecret ? box!.seal(newSecret) : null;
  const url = change.url ?? existing!.url;
  const format = change.format ?? existing?.format ?? 'json';
  await db.execute(sql`insert into notification_targets (connection_id, organization_id, url, format, secret_ciphertext, secret_key_id, secret_created_at)
      values (${connection.id}, ${connection.organizationId}, ${url}, ${format}, ${sealed?.ciphertext ?? null}, ${sealed?.keyId ?? null}, now())
      on conflict (connection_id) do update set url = excluded.url, format = excluded.format, updated_at = now()
        ${sealed ? sql`, secret_ciphertext = excluded.secret_ciphertext, secret_key_id = excluded.secret_key_id, secret_created_at = now()` : sql``}`);
  return { target: (await notifyTargetView(db, connection.id))!, newSecret };
}

/** Removes a connection's target; pending notifications to it are given up when their turn comes. */
export async function clearNotifyTarget(db: Executor, connectionId: string): Promise<boolean> {
  const rows = await selectRows<{ connection_id: string }>(db, sql`delete from notification_targets where connection_id = ${connectionId} returning connection_id`);
  return rows.length > 0;
}

/** The target a notification of this connection is sent to now, with its secret; null when none is set. */
export async function resolveNotifyTarget(db: Executor, box: SecretBox | null, config: Pick<Config, 'NOTIFY_SECRET'>, connectionId: string): Promise<NotifyTarget | null> {
  const row = await targetRow(db, connectionId);
  if (!row) return null;
  let secret: string;
  if (row.secret_ciphertext && row.secret_key_id) {
    if (!box) throw new MissingEncryptionKeyError('and read the signing secret of a notification target');
    secret = box.open({ ciphertext: row.secret_ciphertext, keyId: row.secret_key_id });
  } else if (config.NOTIFY_SECRET) {
    secret = config.NOTIFY_SECRET;
  } else {
    throw new AppError(409, 'notify_secret_missing', 'This notification target takes its signing secret from NOTIFY_SECRET, which is not set');
  }
  return { url: row.url, format: row.format, secret };
}

/**
 * NOTIFY_URL (with NOTIFY_FORMAT and NOTIFY_SECRET) sets the target of the default organization's
 * connection at start, as JAMF_URL sets the connection; the secret stays in the environment. With
 * NOTIFY_URL unset, a target the environment had set is removed (one set by the CLI stays).
 */
export async function applyEnvironmentNotifyTarget(db: AppDatabase, config: Pick<Config, 'NOTIFY_URL' | 'NOTIFY_FORMAT'>): Promise<boolean> {
  const found = await findConnection(db, DEFAULT_ORGANIZATION_SLUG);
  if (!found) return false;
  const connectionId = found.connection.id;
  if (!config.NOTIFY_URL) {
    await db.execute(sql`delete from notification_targets where connection_id = ${connectionId} and secret_ciphertext is null`);
    return false;
  }
  await db.execute(sql`insert into notification_targets (connection_id, organization_id, url, format)
      values (${connectionId}, ${found.organization.id}, ${config.NOTIFY_URL}, ${config.NOTIFY_FORMAT})
      on conflict (connection_id) do update set url = excluded.url, format = excluded.format, secret_ciphertext = null, secret_key_id = null,
        updated_at = now()
      where (notification_targets.url, notification_targets.format, notification_targets.secret_ciphertext) is distinct from (excluded.url, excluded.format, null)`);
  return true;
}

/**
 * A target URL as logs, lists and the API show it: scheme and host only. The path of a chat
 * webhook (Slack's /services/T…/B…/…) is itself a credential.
 */
export function displayTargetUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' && !u.search ? '/' : '/…'}`;
  } catch {
    return '(unreadable URL)';
  }
}
