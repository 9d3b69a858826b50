import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database';
import fs from 'node:fs';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { pgliteTemplatePath } from './pglite-template';

/**
 * A migrated database for one test file: embedded PGlite in memory by default, or a fresh database
 * on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close), so test files
 * running in parallel never see each other's rows.
 */
export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's own database (PostgreSQL only), for child processes. */
  url?: string;
}

export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = pgliteTemplatePath(loadMigrations().map((m) => m.tag));
    const loadDataDir = fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined;
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir });
    await migrate(handle.db);
    return handle;
  }
  const name = `jamf_sync_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => c.query(`create database ${name}`));
  const url = withDatabaseName(serverUrl, name);
  const handle = await openDatabase({ url, maxConnections: 5 });
  await migrate(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await withAdminClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdminClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
