import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../crypto/secret-box';
import type { AuthFailureLimiter } from '../http/auth-failure-limiter';
import type { SyncStarter } from './start-sync';

export interface ApiDeps {
  db: AppDatabase;
  config: Config;
  box: SecretBox | null;
  logger: Logger;
  /** Where syncs started from the API run (default: on this thread); serve runs them with its background work. */
  startSync?: SyncStarter;
  /** Counts wrong tokens per address (default: one per router, that is per process). */
  authFailures?: AuthFailureLimiter;
}

/** What route groups are given: the deps, with the sync starter decided. */
export type RouteDeps = ApiDeps & { startSync: SyncStarter };
