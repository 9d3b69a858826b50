import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppDatabase } from './open-database';
import { selectRows } from './query';
import { fillEmployeeNameKeys } from './fill-name-keys';

/**
 * Applies the committed SQL migrations (written by drizzle-kit into ./migrations) in order.
 * All pending migrations run in one transaction under an advisory lock, so several replicas
 * starting at once on one PostgreSQL apply each migration exactly once, and a failed migration
 * leaves nothing half-done (PostgreSQL DDL is transactional).
 */

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Arbitrary constant shared by every replica: "jamfsync" as a number. */
const MIGRATION_LOCK_ID = 0x6a616d66;

export interface Migration {
  tag: string;
  statements: string[];
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ idx: number; tag: string }>;
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: fs
        .readFileSync(path.join(dir, `${tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

export async function migrate(db: AppDatabase, migrations = loadMigrations()): Promise<{ applied: string[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
    await tx.execute(sql`create table if not exists schema_migrations (
      tag text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await selectRows<{ tag: string }>(tx, sql`select tag from schema_migrations`)).map((r) => r.tag));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.tag)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into schema_migrations (tag) values (${migration.tag})`);
      applied.push(migration.tag);
    }
    await fillEmployeeNameKeys(tx);
    return { applied };
  });
}

/** Migrations committed with this version that the database has not applied (for /readyz). */
export async function pendingMigrations(db: AppDatabase, migrations = loadMigrations()): Promise<string[]> {
  const exists = await selectRows<{ present: boolean }>(
    db,
    sql`select to_regclass('schema_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return migrations.map((m) => m.tag);
  const done = new Set((await selectRows<{ tag: string }>(db, sql`select tag from schema_migrations`)).map((r) => r.tag));
  return migrations.map((m) => m.tag).filter((tag) => !done.has(tag));
}
