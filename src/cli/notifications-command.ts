import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { getConfig } from '../config';
import type { AppDatabase } from '../db/open-database';
import { selectRows } from '../db/query';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../db/schema/notifications';
import { openServiceDatabase } from '../service/open-service-database';
import { requireOrganization } from '../organizations/organization-store';
import { InvalidInputError } from '../errors/invalid-input-error';
import { listNotifications, retryDeadNotifications, type NotificationListItem } from '../notifications/notification-outbox';
import { runCommand } from './run-command';
import { EXIT_CODES } from './exit-codes';
import { COMMAND_DESCRIPTIONS } from './command-descriptions';

interface ListOptions {
  org?: string;
  status?: string;
  limit: string;
  json?: boolean;
}

/**
 * `jamf-sync notifications list|retry`: the run notifications queued, delivered or dead (newest
 * first), and putting dead ones back in the queue. Targets are set with `connections add|update
 * --notify-url`. Beside a running `serve` on the embedded database they work through it.
 */
export function registerNotificationsCommand(program: Command): void {
  const notifications = program.command('notifications').description(COMMAND_DESCRIPTIONS.notifications);

  notifications
    .command('list')
    .description('recent run notifications, newest first: event, status, attempts, next attempt, last error')
    .option('--org <slug>', 'only this organization')
    .option('--status <status>', `only this status (${NOTIFICATION_STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (opts: ListOptions) => {
        const problems: string[] = [];
        const limit = Number(opts.limit);
        if (!/^\d+$/.test(opts.limit) || limit < 1 || limit > 10_000) problems.push('--limit: must be a whole number from 1 to 10000');
        if (opts.status !== undefined && !(NOTIFICATION_STATUSES as readonly string[]).includes(opts.status)) {
          problems.push(`--status: must be one of ${NOTIFICATION_STATUSES.join(', ')}`);
        }
        if (problems.length) throw new InvalidInputError('Invalid options for "notifications list"', problems);
        await withDatabase(async (db) => {
          const organizationId = opts.org ? (await requireOrganization(db, opts.org)).id : undefined;
          const rows = await listNotifications(db, { organizationId, status: opts.status as NotificationStatus | undefined, limit });
          process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatList(rows));
        });
      }),
    );

  notifications
    .command('retry [id]')
    .description('put a dead notification (or all of them with --all-dead) back in the queue with fresh attempts')
    .option('--all-dead', 'every dead notification')
    .option('--org <slug>', 'with --all-dead: only this organization')
    .action(
      runCommand(async (id: string | undefined, opts: { allDead?: boolean; org?: string }) => {
        const problems: string[] = [];
        if (Boolean(id) === Boolean(opts.allDead)) problems.push('give a notification id or --all-dead');
        if (id && !/^\d+$/.test(id)) problems.push(`"${id}" is not a notification id (a number, see "notifications list")`);
        if (opts.org && !opts.allDead) problems.push('--org goes with --all-dead');
        if (problems.length) throw new InvalidInputError('Invalid options for "notifications retry"', problems);
        return withDatabase(async (db) => {
          const organizationId = opts.org ? (await requireOrganization(db, opts.org)).id : undefined;
          const requeued = await retryDeadNotifications(db, id ? { id: Number(id) } : { allDead: true, organizationId });
          if (id && !requeued.length) {
            const [row] = await selectRows<{ status: string }>(db, sql`select status from notification_outbox where id = ${Number(id)}`);
            process.stderr.write(row ? `Notification ${id} is ${row.status}, not dead; nothing to retry.\n` : `No notification with id ${id}.\n`);
            return EXIT_CODES.failure;
          }
          process.stdout.write(
            requeued.length
              ? `Re-queued ${requeued.length} notification${requeued.length === 1 ? '' : 's'} (${requeued.join(', ')}); a running "serve" sends them within seconds.\n`
              : 'No dead notifications to retry.\n',
          );
          return EXIT_CODES.ok;
        });
      }),
    );
}

function formatList(rows: NotificationListItem[]): string {
  if (!rows.length) return 'No notifications.\n';
  return rows
    .map((r) => {
      const when = r.status === 'delivered' ? `delivered ${r.deliveredAt}` : r.status === 'pending' ? `next attempt ${r.nextAttemptAt}` : r.status;
      const error = r.lastError && r.status !== 'delivered' ? `\n\t${r.lastError}` : '';
      return `${r.id}\t${r.organization}\t${r.events.join(',')}\trun ${r.runId ?? '-'}\t${r.attempts} attempt(s)\t${when}${error}\n`;
    })
    .join('');
}

async function withDatabase<T>(fn: (db: AppDatabase) => Promise<T>): Promise<T> {
  const database = await openServiceDatabase(getConfig());
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
