import type { Config } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import { createHttpJamfClient, type HttpJamfClientOptions, type JamfClient } from '../jamf';
import { readCaFile } from '../jamf/ca-file';
import type { JamfCredentials } from '../jamf/http-jamf-client-options';
import type { Logger } from '../logging/logger';
import { DEFAULT_ORGANIZATION_SLUG, connectionAuth, type ConnectionRow, type OrganizationRow } from './connection-store';
import { environmentSecret } from './default-connection';

/** What a client needs of a connection, stored or about to be (`connections add` checks it first). */
export interface ClientSettings {
  baseUrl: string;
  auth: JamfCredentials;
  pageSize: number;
  maxConcurrency: number;
  caFile: string | null;
}

/** Settings a caller tunes for its own use (e.g. the webhook worker reads no pages ahead). */
type ClientOverrides = Partial<Pick<HttpJamfClientOptions, 'prefetchPages' | 'maxAttempts'>>;

export function jamfClientForConnection(
  organization: OrganizationRow,
  connection: ConnectionRow,
  deps: { config: Config; box: SecretBox | null; logger: Logger },
  overrides: ClientOverrides = {},
): JamfClient {
  return jamfClientForSettings(
    organization.slug,
    {
      baseUrl: connection.baseUrl,
      auth: connectionAuth(connection, deps.box, environmentSecret(deps.config, organization.slug)),
      pageSize: connection.pageSize,
      maxConcurrency: connection.maxConcurrency,
      caFile: connection.caFile,
    },
    deps,
    overrides,
  );
}

export function jamfClientForSettings(
  organizationSlug: string,
  settings: ClientSettings,
  deps: { config: Config; logger: Logger },
  overrides: ClientOverrides = {},
): JamfClient {
  return createHttpJamfClient({
    baseUrl: settings.baseUrl,
    auth: settings.auth,
    pageSize: settings.pageSize,
    maxConcurrency: settings.maxConcurrency,
    timeoutMs: deps.config.JAMF_TIMEOUT_MS,
    maxAttempts: deps.config.JAMF_MAX_ATTEMPTS,
    ...caTrust(organizationSlug, settings.caFile, deps.config),
    logger: deps.logger.child({ organization: organizationSlug, component: 'jamf-client' }),
    ...overrides,
  });
}

/** The connection's own CA file wins over JAMF_CA_FILE; messages name whichever is in use (or would be). */
function caTrust(slug: string, caFile: string | null, config: Config): Pick<HttpJamfClientOptions, 'caCertificates' | 'caSetting'> {
  if (caFile) {
    const setting = `the CA file of connection "${slug}" (connections update --org ${slug} --ca-file)`;
    return { caCertificates: readCaFile(caFile, setting), caSetting: setting };
  }
  if (config.JAMF_CA_FILE) return { caCertificates: readCaFile(config.JAMF_CA_FILE, 'JAMF_CA_FILE'), caSetting: 'JAMF_CA_FILE' };
  return { caSetting: slug === DEFAULT_ORGANIZATION_SLUG ? 'JAMF_CA_FILE' : `JAMF_CA_FILE (or the connection's --ca-file)` };
}
