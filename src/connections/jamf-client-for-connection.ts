import type { Config } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import { createHttpJamfClient, type HttpJamfClientOptions, type JamfClient } from '../jamf';
import { readCaFile } from '../jamf/ca-file';
import type { Logger } from '../logging/logger';
import { DEFAULT_ORGANIZATION_SLUG, connectionAuth, type ConnectionRow, type OrganizationRow } from './connection-store';
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
    ...caTrust(organization, connection, deps.config),
    logger: deps.logger.child({ organization: organization.slug, component: 'jamf-client' }),
    ...overrides,
  });
}

/** The connection's own CA file wins over JAMF_CA_FILE; messages name whichever is in use (or would be). */
function caTrust(organization: OrganizationRow, connection: ConnectionRow, config: Config): Pick<HttpJamfClientOptions, 'caCertificates' | 'caSetting'> {
  if (connection.caFile) {
    const setting = `the CA file of connection "${organization.slug}" (connections update --org ${organization.slug} --ca-file)`;
    return { caCertificates: readCaFile(connection.caFile, setting), caSetting: setting };
  }
  if (config.JAMF_CA_FILE) return { caCertificates: readCaFile(config.JAMF_CA_FILE, 'JAMF_CA_FILE'), caSetting: 'JAMF_CA_FILE' };
  return { caSetting: organization.slug === DEFAULT_ORGANIZATION_SLUG ? 'JAMF_CA_FILE' : `JAMF_CA_FILE (or the connection's --ca-file)` };
}
