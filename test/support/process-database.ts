import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database';
import { loadMigrations } from '../../src/db/migrate';
import { openTestDatabase, type TestDatabase } from './test-database';
import { pgliteTemplatePath } from './pglite-template';
import { killAllChildren } from './child-processes';

/**
 * A migrated database that the code under test opens itself from its environment (a `jamf-sync`
 * process, or `startService` with a config), and the test can read after it: a fresh PostgreSQL
 * database when TEST_DATABASE_URL is set, otherwise an embedded PGlite folder. Closed (dropped, or
 * the folder removed) when the test file ends, once its children are killed.
 *
 * The folder starts as a copy of the suite's migrated template (global-setup.ts), as a PostgreSQL
 * test database starts migrated: opening it costs ~1 s instead of initdb's 5–10 s of CPU, which on
 * a loaded machine is what made these tests slow. (The demo test still starts from an empty folder.)
 */
export interface ProcessDatabase {
  /** DATABASE_URL or DATA_DIR for the child's environment. */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  /** The PGlite folder (undefined on PostgreSQL). */
  dataDir?: string;
  /**
   * Opens it in the test's process, runs `fn`, and closes it again on PGlite: the embedded database
   * has one process at a time, so while a child `serve` runs this goes through serve's socket, and
   * no other child may have it open meanwhile (PostgreSQL: one shared pool).
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
  const template = pgliteTemplatePath(loadMigrations().map((m) => m.tag));
  // The dump is a tar of the data folder (paths start with "/"; tar makes them relative).
  if (fs.existsSync(template)) execFileSync('tar', ['-xf', template, '-C', dataDir], { stdio: 'ignore', timeout: 60_000 });
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
