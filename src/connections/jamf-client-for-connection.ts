import type { Config } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import { createHttpJamfClient, type HttpJamfClientOptions, type JamfClient } from '../jamf';
import { readCaFile } from '../jamf/ca-file';
import type { Logger } from '../logging/logger';
import { connectionAuth, type ConnectionRow, type OrganizationRow } from './connection-store';
import { environmentSecret } from './default-connection';

export function jamfClientForConnection(
  organization: OrganizationRow,
  connection: ConnectionRow,
  deps: { config: Config; box: SecretBox | null; logger: Logger },
  /** Settings a caller tunes for its own use (e.g. the webhook worker reads no pages ahead). */
  overrides: Partial<Pick<HttpJamfClientOptions, 'prefetchPages'>> = {},
): JamfClient {
  return createHttpJamfClient({
    baseUrl: connection.baseUrl,
    auth: connectionAuth(connection, deps.box, environmentSecret(deps.config, organization.slug)),
    pageSize: connection.pageSize,
    maxConcurrency: connection.maxConcurrency,
    timeoutMs: deps.config.JAMF_TIMEOUT_MS,
    maxAttempts: deps.config.JAMF_MAX_ATTEMPTS,
    ...(deps.config.JAMF_CA_FILE ? { caCertificates: readCaFile(deps.config.JAMF_CA_FILE, 'JAMF_CA_FILE'), caSetting: 'JAMF_CA_FILE' } : {}),
    logger: deps.logger.child({ organization: organization.slug, component: 'jamf-client' }),
    ...overrides,
  });
}
