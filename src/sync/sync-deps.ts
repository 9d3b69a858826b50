import type { AppDatabase } from '../db/open-database';
import type { JamfClient } from '../jamf/jamf-client';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../crypto/secret-box';
import type { SyncTarget } from '../connections/sync-target';
import type { JamfDevice } from '../planner/jamf-device';

type DeviceMapper = (kind: 'computer' | 'mobile', record: unknown, target: SyncTarget) => JamfDevice;

export interface SyncDeps {
  db: AppDatabase;
  client: JamfClient;
  logger: Logger;
  mapDevice: DeviceMapper;
  /** Encrypts FileVault keys; required when the connection fetches them. */
  box?: SecretBox | null;
}
