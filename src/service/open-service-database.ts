import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/open-database';
import { migrate } from '../db/migrate';
import { applyEnvironmentConnection } from '../connections/default-connection';

/** Opens and migrates the database, and applies the environment's connection, as every command needs. */
export async function openServiceDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(database.db);
    await applyEnvironmentConnection(database.db, config);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
