import type { DatabaseHandle } from '../db/open-database';
import { pendingMigrations } from '../db/migrate';
import type { ReadinessCheck } from '../http/health-routes';

/** Ready = the database answers and has every migration this version ships. */
export function databaseReadiness(database: DatabaseHandle): ReadinessCheck {
  return async () => {
    try {
      await database.ping();
    } catch (err) {
      return { ready: false, details: { database: { ok: false, kind: database.kind, error: (err as Error).message } } };
    }
    const pending = await pendingMigrations(database.db);
    return {
      ready: pending.length === 0,
      details: { database: { ok: pending.length === 0, kind: database.kind, pendingMigrations: pending } },
    };
  };
}
