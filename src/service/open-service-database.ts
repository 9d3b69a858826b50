import type { Config } from '../config';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../db/open-database';
import { migrate } from '../db/migrate';
import { applyEnvironmentConnection } from '../connections/default-connection';
import { secretBoxFromConfig } from '../crypto/secret-box-from-config';
import { upgradeRecoveryKeyFingerprints } from '../crypto/upgrade-fingerprints';
import { applyEnvironmentNotifyTarget } from '../notifications/notification-targets';

/**
 * Opens and migrates the database, applies the environment's connection, and recomputes recovery-key
 * fingerprints of an older scheme (a data migration that needs ENCRYPTION_KEY, which SQL cannot
 * have), as every command needs. A command on an embedded folder held by a running `serve` works
 * through it (see open-database.ts).
 */
export async function openServiceDatabase(
  config: Config,
  options: Pick<OpenDatabaseOptions, 'role' | 'onLockNotice'> = { onLockNotice: (message) => process.stderr.write(`${message}\n`) },
): Promise<DatabaseHandle> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, ...options });
  try {
    await migrate(database.db);
    await applyEnvironmentConnection(database.db, config);
    await applyEnvironmentNotifyTarget(database.db, config);
    await upgradeRecoveryKeyFingerprints(database.db, secretBoxFromConfig(config));
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
