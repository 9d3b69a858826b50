import type { Config } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import type { JamfClient } from '../jamf';
import type { Logger } from '../logging/logger';
import type { ConnectionRow, OrganizationRow } from '../connections/connection-store';
import { jamfClientForConnection } from '../connections/jamf-client-for-connection';
import { batchingJamfClient } from './batching-jamf-client';

/**
 * The worker's Jamf client for a connection: the connection's settings (as jamfClientForConnection
 * uses them), no page prefetch (the worker reads one filtered page and stops), and single-device
 * fetches batched into list requests.
 */
export function webhookJamfClient(
  organization: OrganizationRow,
  connection: ConnectionRow,
  deps: { config: Config; box: SecretBox | null; logger: Logger },
): JamfClient {
  const inner = jamfClientForConnection(organization, connection, deps, { prefetchPages: 0 });
  return batchingJamfClient(inner, { maxBatch: Math.min(connection.pageSize, 200) });
}
