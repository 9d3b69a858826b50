import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { selectRows, type Executor } from '../../src/db/query';

/**
 * A row in an organization's webhook inbox as the receiver and the worker leave it (a dead one,
 * one refreshed, ...), for tests of what people read and retry: reaching `dead` for real takes
 * every attempt of the worker against a failing Jamf, which other tests cover.
 */
export async function insertInboxRow(
  db: Executor,
  slug: string,
  row: { status: 'pending' | 'done' | 'dead' | 'ignored'; outcome?: string | null; eventName?: string; serialNumber?: string; attempts?: number; lastError?: string; receivedAt?: Date },
): Promise<number> {
  const [inserted] = await selectRows<{ id: string | number }>(
    db,
    sql`insert into webhook_inbox (organization_id, connection_id, dedupe_key, event_name, status, outcome, device_kind, jamf_id,
          serial_number, content_type, payload, attempts, last_error, received_at, processed_at)
        select o.id, c.id, ${randomUUID()}, ${row.eventName ?? 'ComputerInventoryCompleted'}, ${row.status}, ${row.outcome ?? null},
          'computer', '1', ${row.serialNumber ?? null}, 'json', '{}'::jsonb, ${row.attempts ?? 0}, ${row.lastError ?? null},
          ${(row.receivedAt ?? new Date()).toISOString()}::timestamptz, ${row.status === 'pending' ? null : new Date().toISOString()}::timestamptz
        from organizations o join jamf_connections c on c.organization_id = o.id where o.slug = ${slug}
        returning id`,
  );
  if (!inserted) throw new Error(`insertInboxRow: organization ${slug} has no connection`);
  return Number(inserted.id);
}
