/**
 * Which `/api/vN/computers-inventory` a Jamf Pro server serves, decided once per client (the
 * webhook worker keeps one client per connection, a sync run one per run) and shared by every
 * computer read: pages, single fetches, the webhook worker's batched list, FileVault keys.
 *
 * By version when `/api/v1/jamf-pro-version` answers; when it does not (404, a server error, a
 * version string we cannot read), by stepping down v4 → v3 → v1 with a one-record list request
 * until one is not a 404. A list 404 can only mean "no such endpoint", unlike a single fetch's.
 */
import type { Logger } from 'pino';
import { JamfAuthError, JamfConfigError, JamfError, JamfRedirectError, JamfResponseError, JamfTlsError, JamfUnavailableError } from './errors';
import { COMPUTER_SORT, inventoryPageParams } from './inventory-query';
import {
  COMPUTER_INVENTORY_APIS_NEWEST_FIRST,
  OLDEST_SUPPORTED_RELEASE,
  computerInventoryApiVersionFor,
  isSupportedRelease,
  parseJamfProVersion,
  releaseName,
  type ComputerInventoryApiVersion,
  type JamfProVersion,
} from './jamf-version';
import { jamfProVersionSchema } from './schemas';

export interface ComputerInventoryApiChoice {
  version: JamfProVersion | null;
  computerInventoryApi: ComputerInventoryApiVersion;
}

export interface ComputerInventoryApiResolverDeps {
  baseUrl: string;
  logger: Logger;
  /** A setting that skips the choice (the version is still read, for logs and callers). */
  pinned?: ComputerInventoryApiVersion;
  /** GET returning the body, or null on 404. */
  getOrNull(path: string, query?: URLSearchParams): Promise<unknown>;
}

const VERSION_PATH = '/api/v1/jamf-pro-version';

export class ComputerInventoryApiResolver {
  private choice: Promise<ComputerInventoryApiChoice> | null = null;

  constructor(private readonly deps: ComputerInventoryApiResolverDeps) {}

  /** The Jamf Pro version (null when unknown) and the API version every computer read uses. */
  resolve(): Promise<ComputerInventoryApiChoice> {
    if (!this.choice) {
      this.choice = this.choose().catch((error: unknown) => {
        this.choice = null; // the next call tries again (Jamf may have been down)
        throw error;
      });
    }
    return this.choice;
  }

  /** Without a request when the API version is pinned. */
  async api(): Promise<ComputerInventoryApiVersion> {
    return this.deps.pinned ?? (await this.resolve()).computerInventoryApi;
  }

  private async choose(): Promise<ComputerInventoryApiChoice> {
    const version = await this.readVersion();
    const { pinned, logger } = this.deps;
    if (pinned) return { version, computerInventoryApi: pinned };
    if (version) {
      const computerInventoryApi = computerInventoryApiVersionFor(version);
      logger.info({ jamfProVersion: version.raw, computerInventoryApi }, 'Jamf Pro version detected');
      return { version, computerInventoryApi };
    }
    const computerInventoryApi = await this.stepDown();
    logger.info({ computerInventoryApi }, 'Jamf Pro version unknown; computer inventory API found by stepping down from the newest');
    return { version: null, computerInventoryApi };
  }

  /** The version, or null when Jamf will not say; only failures that would stop every request propagate. */
  private async readVersion(): Promise<JamfProVersion | null> {
    const { logger, baseUrl } = this.deps;
    let data: unknown;
    try {
      data = await this.deps.getOrNull(VERSION_PATH);
    } catch (error) {
      if (!isVersionProbeFailure(error)) throw error;
      logger.warn({ code: (error as JamfError).code, path: VERSION_PATH }, 'Jamf Pro version probe failed; choosing the computer inventory API by trying each');
      return null;
    }
    if (data === null) {
      logger.warn({ path: VERSION_PATH }, 'Jamf Pro has no version endpoint (404); choosing the computer inventory API by trying each');
      return null;
    }
    const parsed = jamfProVersionSchema.safeParse(data);
    const version = parsed.success ? parseJamfProVersion(parsed.data.version) : null;
    if (!version) {
      logger.warn({ path: VERSION_PATH }, 'Jamf Pro answered its version in a form this service cannot read; choosing the computer inventory API by trying each');
      return null;
    }
    if (!isSupportedRelease(version)) {
      logger.warn(
        { jamfProVersion: version.raw, oldestSupported: releaseName(OLDEST_SUPPORTED_RELEASE) },
        `Jamf Pro ${version.raw} at ${baseUrl} is older than the oldest release this service supports`,
      );
    }
    return version;
  }

  private async stepDown(): Promise<ComputerInventoryApiVersion> {
    const query = inventoryPageParams({ sections: ['GENERAL'], page: 0, pageSize: 1, sort: COMPUTER_SORT });
    for (const api of COMPUTER_INVENTORY_APIS_NEWEST_FIRST) {
      if ((await this.deps.getOrNull(`/api/${api}/computers-inventory`, query)) !== null) return api;
      this.deps.logger.debug({ computerInventoryApi: api }, 'Jamf Pro does not serve this computer inventory API (404)');
    }
    throw new JamfResponseError(
      `Jamf Pro at ${this.deps.baseUrl} serves none of /api/v4, /api/v3 or /api/v1/computers-inventory (each answered 404). ` +
        `This service needs Jamf Pro ${releaseName(OLDEST_SUPPORTED_RELEASE)} or later.`,
      { baseUrl: this.deps.baseUrl },
    );
  }
}

/**
 * A version probe that failed in a way the inventory endpoints may not: a server error on that one
 * path, a refusal, an unreadable body. Refused credentials, an untrusted certificate, a refused
 * redirect, and an unreachable or throttling Jamf would fail every request alike, so those
 * propagate at once.
 */
function isVersionProbeFailure(error: unknown): boolean {
  const failsEveryRequest = [JamfAuthError, JamfConfigError, JamfTlsError, JamfRedirectError];
  if (failsEveryRequest.some((kind) => error instanceof kind)) return false;
  if (error instanceof JamfUnavailableError) return error.reason === 'server-error';
  return error instanceof JamfError;
}
