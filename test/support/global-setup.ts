import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { loadMigrations, migrate } from '../../src/db/migrate';
import type { AppDatabase } from '../../src/db/open-database';
import { pgliteTemplatePath } from './pglite-template';

/**
 * Creating an embedded database runs initdb (about 5–8 s); loading a dump of one takes about 1 s.
 * So the suite makes one migrated database, dumps it, and every test file starts from that dump.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const file = pgliteTemplatePath(loadMigrations().map((m) => m.tag));
  if (fs.existsSync(file)) return;
  const client = await PGlite.create();
  await migrate(drizzle(client) as unknown as AppDatabase);
  const dump = (await client.dumpDataDir('none')) as Blob;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  await client.close();
}
