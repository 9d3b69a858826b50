import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

export type AppDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: AppDatabase;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, without credentials, for logs and messages. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded database. */
  url?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * PostgreSQL: false lets a commit return before its WAL reaches disk (a crash can lose the last
   * fraction of a second of commits, never corrupt). Only for work that is redone when lost.
   */
  synchronousCommit?: boolean;
  /** Start an in-memory embedded database from a dump (tests: much faster than initdb). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.maxConnections ?? 10, options.synchronousCommit ?? true) : openPglite(options.dataDir ?? './data', options.loadDataDir);
}

async function openPostgres(url: string, max: number, synchronousCommit: boolean): Promise<DatabaseHandle> {
  const pool = new Pool({
    connectionString: url,
    max,
    // Webhooks come in bursts: a connection closed after pg's default 10 idle seconds would be
    // opened again, at a cost of milliseconds, by the first webhook of the next burst.
    idleTimeoutMillis: 5 * 60_000,
    ...(!synchronousCommit && { options: '-c synchronous_commit=off' }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema }) as unknown as AppDatabase;
  const handle: DatabaseHandle = {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
  try {
    await handle.ping();
  } catch (err) {
    // The pool never reached the server: nothing to flush, and the ping's error is the one to report.
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${handle.location}: ${(err as Error).message}`);
  }
  return handle;
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    // PGlite is single-process: two processes on one folder would corrupt it.
    lock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = inMemory ? new PGlite({ loadDataDir }) : new PGlite(path.resolve(dataDir));
    await client.waitReady;
  } catch (err) {
    lock?.release();
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}: ${(err as Error).message}`);
  }
  const db = drizzlePglite(client, { schema }) as unknown as AppDatabase;
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'memory' : path.resolve(dataDir),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

class DatabaseUnavailableError extends Error {
  readonly code = 'database_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
