import type { Config } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import { createHttpJamfClient, type JamfClient } from '../jamf';
import type { Logger } from '../logging/logger';
import { connectionAuth, type ConnectionRow, type OrganizationRow } from '../connections/connection-store';
import { environmentSecret } from '../connections/default-connection';
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
  const inner = createHttpJamfClient({
    baseUrl: connection.baseUrl,
    auth: connectionAuth(connection, deps.box, environmentSecret(deps.config, organization.slug)),
    pageSize: connection.pageSize,
    maxConcurrency: connection.maxConcurrency,
    timeoutMs: deps.config.JAMF_TIMEOUT_MS,
    maxAttempts: deps.config.JAMF_MAX_ATTEMPTS,
    prefetchPages: 0,
    logger: deps.logger.child({ organization: organization.slug, component: 'jamf-client' }),
  });
  return batchingJamfClient(inner, { maxBatch: Math.min(connection.pageSize, 200) });
}
