import { connectionSetting } from '../config/connection-settings';
import type { Executor } from '../db/query';
import type { NotifyFormat } from '../db/schema/notifications';
import type { SecretBox } from '../crypto/secret-box';
import { clearNotifyTarget, displayTargetUrl, setNotifyTarget } from './notification-targets';

/** The notification options of `connections add|update` as commander gives them. */
export interface RawNotifyOptions {
  notifyUrl?: string;
  notifyFormat?: string;
  /** false with --no-notify. */
  notify?: boolean;
  rotateNotifySecret?: boolean;
}

/** What the options ask for: set or change the target (maybe with a new secret), or remove it. */
export type NotifyChange = { kind: 'set'; url?: string; format?: NotifyFormat; rotate?: boolean } | { kind: 'clear' };

/**
 * Checks the notification options (the URL and format rules are the connection settings', shared
 * with NOTIFY_URL / NOTIFY_FORMAT); problems are worded like the other options' ("--flag: ...").
 */
export function parseNotifyOptions(raw: RawNotifyOptions, mode: 'add' | 'update'): { change?: NotifyChange; problems: string[] } {
  const problems: string[] = [];
  const clear = raw.notify === false || raw.notifyUrl?.trim() === '';
  let url: string | undefined;
  if (raw.notifyUrl?.trim()) {
    const parsed = connectionSetting.notifyUrl.safeParse(raw.notifyUrl.trim());
    if (parsed.success) url = parsed.data;
    else problems.push(...parsed.error.issues.map((i) => `--notify-url: ${i.message}`));
  }
  let format: NotifyFormat | undefined;
  if (raw.notifyFormat !== undefined) {
    const parsed = connectionSetting.notifyFormat.safeParse(raw.notifyFormat.trim().toLowerCase());
    if (parsed.success) format = parsed.data;
    else problems.push(`--notify-format: ${parsed.error.issues[0].message}`);
  }
  if (clear && (raw.notifyUrl?.trim() || raw.notifyFormat !== undefined || raw.rotateNotifySecret)) {
    problems.push('--no-notify: removes the notification target; give it without --notify-url, --notify-format or --rotate-notify-secret');
  }
  if (mode === 'add') {
    if (clear) problems.push('--no-notify: a new connection has no notification target to remove');
    if (raw.notifyFormat !== undefined && !raw.notifyUrl?.trim()) problems.push('--notify-format: goes with --notify-url');
    if (raw.rotateNotifySecret) problems.push('--rotate-notify-secret: a new target gets a new secret anyway (use it with "connections update")');
  }
  if (problems.length) return { problems };
  if (clear) return { change: { kind: 'clear' }, problems };
  if (url === undefined && format === undefined && !raw.rotateNotifySecret) return { problems };
  return { change: { kind: 'set', url, format, rotate: raw.rotateNotifySecret || undefined }, problems };
}

/**
 * Applies the change to the saved connection (inside the command's transaction) and returns the
 * lines the command prints. A new signing secret is printed here, once: it is stored encrypted and
 * no command shows it again (`--rotate-notify-secret` makes another).
 */
export async function applyNotifyChange(
  db: Executor,
  box: SecretBox | null,
  connection: { id: string; organizationId: string },
  change: NotifyChange | undefined,
): Promise<string[]> {
  if (!change) return [];
  if (change.kind === 'clear') {
    const removed = await clearNotifyTarget(db, connection.id);
    return [`  notifications ${removed ? 'removed (notifications still queued are given up)' : 'none was set'}`];
  }
  const { target, newSecret } = await setNotifyTarget(db, box, connection, change);
  const lines = [`  notifications ${displayTargetUrl(target.url)} (${target.format})`];
  if (newSecret) {
    lines.push(
      `  signing secret ${newSecret}`,
      '                (shown once: give it to the receiver now to verify X-Jamf-Sync-Signature; rotate with --rotate-notify-secret)',
    );
  }
  return lines;
}
