import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';
import * as schema from './schema';
import { acquireDataDirLock, DataDirLockedError, type DataDirHolder, type DataDirLock } from './data-dir-lock';

export type AppDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: AppDatabase;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, without credentials, for logs and messages. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded database this process opened itself, with its folder's lock (for `serve` to share it). */
  embedded?: { client: PGlite; lock: DataDirLock; dataDir: string };
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
  /**
   * Embedded database: `serve` refuses a folder another process holds; a command (the default)
   * held off by a running `serve` works through the socket on which serve shares it.
   */
  role?: DataDirHolder['role'];
  /** Told when the folder's holder can only be judged by watching its heartbeat, or if this process lost the lock. */
  onLockNotice?: (message: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.maxConnections ?? 10, options.synchronousCommit ?? true)
    : openPglite(options.dataDir ?? './data', options);
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

async function openPglite(dataDir: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    // PGlite is single-process: two processes on one folder would corrupt it.
    try {
      lock = await acquireDataDirLock(dataDir, {
        role: options.role ?? 'command',
        onWatching: (holder, forMs) =>
          options.onLockNotice?.(
            `${path.resolve(dataDir)} is locked by process ${holder.pid} on host ${holder.host}, which cannot be checked from here: ` +
              `waiting up to ${Math.round(forMs / 1000)} s for its heartbeat to show it is alive`,
          ),
        onLost: (by) =>
          options.onLockNotice?.(
            `the lock of ${path.resolve(dataDir)} now names ${by ? `process ${by.pid} on host ${by.host}` : 'nobody'}: it judged this process gone; ` +
              'stop one of the two at once, both writing the embedded database will corrupt it',
          ),
      });
    } catch (err) {
      if (err instanceof DataDirLockedError && err.holder.role === 'serve' && err.holder.socket && options.role !== 'serve') {
        return openThroughServe(err);
      }
      throw err;
    }
  }
  let client: PGlite;
  try {
    client = inMemory ? new PGlite({ loadDataDir: options.loadDataDir }) : new PGlite(path.resolve(dataDir));
    await client.waitReady;
  } catch (err) {
    await lock?.release();
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
        await lock?.release();
      }
    },
    ...(lock && { embedded: { client, lock, dataDir: path.resolve(dataDir) } }),
  };
}

/**
 * The folder is held by a running `serve`: reach its database through the socket it shares it on
 * (never open the files a second time). One connection: serve runs one statement at a time anyway.
 */
async function openThroughServe(locked: DataDirLockedError): Promise<DatabaseHandle> {
  const socket = locked.holder.socket!;
  const port = Number(/\.s\.PGSQL\.(\d+)$/.exec(socket)?.[1] ?? 5432);
  const pool = new Pool({ host: path.dirname(socket), port, user: 'postgres', database: 'postgres', max: 1 });
  // serve ending the session (shutdown, or a transaction held too long) fails the query running;
  // the pool's own copy of that error must not crash the command.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema }) as unknown as AppDatabase;
  try {
    await db.execute(sql`select 1`);
  } catch (err) {
    await pool.end().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    // The socket is not reachable from here (another machine, or no permission): the lock stands.
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES') throw locked;
    throw new DatabaseUnavailableError(`Cannot reach the running serve's database through ${socket}: ${(err as Error).message}`);
  }
  return {
    db,
    kind: 'pglite',
    location: `${locked.dataDir} (through the running serve, ${socket})`,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
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
