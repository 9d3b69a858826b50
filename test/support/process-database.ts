import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database';
import { openTestDatabase, type TestDatabase } from './test-database';
import { killAllChildren } from './child-processes';

/**
 * A database that a `jamf-sync` process started by a test can open, and the test can read after it:
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set, otherwise an embedded PGlite folder.
 * Closed (dropped, or the folder removed) when the test file ends, once its children are killed.
 */
export interface ProcessDatabase {
  /** DATABASE_URL or DATA_DIR for the child's environment. */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  /** The PGlite folder (undefined on PostgreSQL). */
  dataDir?: string;
  /**
   * Opens it in the test's process, runs `fn`, and closes it again on PGlite: the embedded database
   * has one user at a time, so no child may have it open meanwhile (PostgreSQL: one shared pool).
   */
  use<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T>;
}

const opened: Array<{ close(): Promise<void> }> = [];

export async function openProcessDatabase(): Promise<ProcessDatabase> {
  if (process.env.TEST_DATABASE_URL) {
    const db: TestDatabase = await openTestDatabase();
    opened.push(db);
    return { env: { DATABASE_URL: db.url! }, kind: 'postgres', use: (fn) => fn(db) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamf-sync-test-process-db-'));
  opened.push({ close: async () => fs.rmSync(dataDir, { recursive: true, force: true }) });
  return {
    env: { DATA_DIR: dataDir },
    kind: 'pglite',
    dataDir,
    use: async (fn) => {
      const db = await openDatabase({ dataDir });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
  };
}

// Registered when a test file imports this module: its databases go when the file ends.
afterAll(async () => {
  // No child may still have a database open while it is dropped or its folder removed.
  await killAllChildren();
  for (const db of opened.splice(0)) await db.close();
});
