import type { Config } from '../config';
import { JamfPermissionError, type JamfClient } from '../jamf';
import type { StreamOptions } from '../jamf/jamf-client';
import type { Logger } from '../logging/logger';
import { AppError } from '../errors/app-error';
import { jamfClientForSettings, type ClientSettings } from './jamf-client-for-connection';
import { JamfRequestError } from '../jamf/errors';
import { isEmptyScope, scopeIncludesKind, type DeviceScope } from '../scope/device-scope';
import { scopeJamfFilter, ScopeNotResolvableError, type InventoryKind } from '../scope/scope-filter';

/** What `connections add|update` found when it tried the connection. */
export interface ConnectionCheck {
  /** Jamf Pro's version, null when it will not say (the client then found its API by stepping down). */
  jamfProVersion: string | null;
  computerInventoryApi: string;
  computers: number;
  mobileDevices: number;
  /** The privileges a sync needs that the check exercised, all granted. */
  privileges: string[];
  /** Devices Jamf counts in the connection's scope, when it has one. */
  scope?: ScopeCheck;
}

/** Tries a connection's settings before they are saved; null when the caller chose --no-verify. */
export type ConnectionVerifier = (organizationSlug: string, settings: ClientSettings & { fetchFileVaultKeys: boolean; deviceScope?: DeviceScope }) => Promise<ConnectionCheck>;

/**
 * The connection was tried and does not work: nothing was saved. Says why (the Jamf client's own
 * message: refused credentials, unreachable, untrusted certificate) or which privileges are missing.
 */
export class ConnectionCheckFailedError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super(422, 'connection_check_failed', `${message} Nothing was saved; fix it and run again, or save it unchecked with --no-verify.`, details);
    this.name = 'ConnectionCheckFailedError';
  }
}

/** A check needs a quick answer: one retry at most (the sync itself keeps JAMF_MAX_ATTEMPTS). */
const CHECK_MAX_ATTEMPTS = 2;

export function jamfConnectionVerifier(deps: { config: Config; logger: Logger }): ConnectionVerifier {
  return async (organizationSlug, settings) => {
    const client = jamfClientForSettings(organizationSlug, settings, deps, {
      prefetchPages: 0,
      maxAttempts: Math.min(CHECK_MAX_ATTEMPTS, deps.config.JAMF_MAX_ATTEMPTS),
    });
    try {
      const check = await checkJamfConnection(client, { fetchFileVaultKeys: settings.fetchFileVaultKeys });
      // The scope is tried only on a connection that works: its error is then about the scope.
      if (settings.deviceScope && !isEmptyScope(settings.deviceScope)) check.scope = await checkScopeWithJamf(client, settings.deviceScope);
      return check;
    } catch (err) {
      if (err instanceof ConnectionCheckFailedError || !(err instanceof AppError)) throw err;
      throw new ConnectionCheckFailedError(`The Jamf connection does not work (${err.code}): ${err.message}`, { cause: err.code });
    } finally {
      await client.close();
    }
  };
}

/** One privilege a sync needs, and whether the check found it granted. */
export interface PrivilegeProbe {
  privilege: string;
  granted: boolean;
  /** The privilege as Jamf named it when it refused (it may word it otherwise); null when granted. */
  refusedAs: string | null;
}

/** What a check read: every privilege is tried, so one attempt tells each granted or missing one. */
export interface ConnectionProbe {
  jamfProVersion: string | null;
  computerInventoryApi: string;
  /** Jamf's totals; null when the privilege to read them is missing. */
  computers: number | null;
  mobileDevices: number | null;
  privileges: PrivilegeProbe[];
}

/**
 * Reads what a sync reads, one record of each: the version, a page of computers and of mobile
 * devices (their totals), departments, buildings and, when the connection fetches them, FileVault
 * keys. A refused privilege is noted, not thrown, so one attempt names every missing one; any other
 * failure (credentials refused, unreachable) is thrown as the client raised it.
 */
export async function probeJamfConnection(client: JamfClient, options: { fetchFileVaultKeys: boolean }): Promise<ConnectionProbe> {
  const { version, computerInventoryApi } = await client.jamfProVersion();
  const probes: Array<[string, () => Promise<unknown>]> = [
    ['Read Computers', () => totalOf((o) => client.streamComputers(o))],
    ['Read Mobile Devices', () => totalOf((o) => client.streamMobileDevices(o))],
    ['Read Departments', () => client.departmentName('1')],
    ['Read Buildings', () => client.buildingName('1')],
    ...(options.fetchFileVaultKeys ? [['View Disk Encryption Recovery Key', () => totalOf((o) => client.streamFileVaultKeys(o))] as [string, () => Promise<unknown>]] : []),
  ];
  const results = await Promise.all(
    probes.map(async ([privilege, read]) => {
      try {
        return { privilege, granted: true, refusedAs: null, value: await read() };
      } catch (err) {
        if (!(err instanceof JamfPermissionError)) throw err;
        return { privilege, granted: false, refusedAs: err.privilege ?? privilege, value: null };
      }
    }),
  );
  return {
    jamfProVersion: version?.raw ?? null,
    computerInventoryApi,
    computers: results[0].value as number | null,
    mobileDevices: results[1].value as number | null,
    privileges: results.map(({ privilege, granted, refusedAs }) => ({ privilege, granted, refusedAs })),
  };
}

/** The check `connections add|update` runs before saving: a missing privilege refuses the connection, naming every one. */
export async function checkJamfConnection(client: JamfClient, options: { fetchFileVaultKeys: boolean }): Promise<ConnectionCheck> {
  const probe = await probeJamfConnection(client, options);
  const missing = probe.privileges.filter((p) => !p.granted).map((p) => p.refusedAs ?? p.privilege);
  if (missing.length) {
    throw new ConnectionCheckFailedError(`The Jamf API client lacks ${missing.length === 1 ? 'the privilege' : 'the privileges'} ${missing.join(', ')} (add them to its API role in Jamf Pro).`, {
      missingPrivileges: missing,
    });
  }
  return {
    jamfProVersion: probe.jamfProVersion,
    computerInventoryApi: probe.computerInventoryApi,
    computers: probe.computers ?? 0,
    mobileDevices: probe.mobileDevices ?? 0,
    privileges: probe.privileges.map((p) => p.privilege),
  };
}

/** Jamf's total for a list, from its first page of one record (an empty list sends no page: 0). */
export async function totalOf(stream: (options: StreamOptions) => AsyncIterable<unknown>): Promise<number> {
  let total: number | null = null;
  for await (const record of stream({ pageSize: 1, onPage: (p) => (total = p.totalCount) })) {
    void record;
    break;
  }
  return total ?? 0;
}

export function describeCheck(check: ConnectionCheck): string {
  const version = check.jamfProVersion ? `Jamf Pro ${check.jamfProVersion}` : 'Jamf Pro (version not disclosed)';
  const count = (n: number | null, one: string, many: string) => (n === null ? `no ${many}` : `${n} ${n === 1 ? one : many}`);
  const scope = check.scope
    ? `; in scope: ${count(check.scope.computers, 'computer', 'computers')}, ${count(check.scope.mobileDevices, 'mobile device', 'mobile devices')}` +
      (check.scope.siteAfterFetch ? ' (before the site check, made after fetching)' : '')
    : '';
  return `${version}, computer inventory ${check.computerInventoryApi}: ${check.computers} computers, ${check.mobileDevices} mobile devices; granted: ${check.privileges.join(', ')}${scope}`;
}

/**
 * Tries a connection's device scope against Jamf Pro before it is saved: the building and
 * department names must exist, and each kind's filter must be one Jamf accepts (a one-item page
 * with it). Jamf is the judge of field names: its lists differ between versions and endpoints.
 */
export interface ScopeCheck {
  /** Devices Jamf's filter keeps, null for a kind the scope leaves out. */
  computers: number | null;
  mobileDevices: number | null;
  /** True when the scope has a site, which Jamf cannot filter: the counts are before it. */
  siteAfterFetch: boolean;
}

export async function checkScopeWithJamf(client: JamfClient, scope: DeviceScope): Promise<ScopeCheck> {
  const ids = {
    buildingId: scope.building && scopeIncludesKind(scope, 'computer') ? await client.buildingIdByName(scope.building) : undefined,
    departmentId: scope.department && scopeIncludesKind(scope, 'computer') ? await client.departmentIdByName(scope.department) : undefined,
  };
  const count = async (kind: InventoryKind): Promise<number | null> => {
    if (!scopeIncludesKind(scope, kind)) return null;
    let filter: string | undefined;
    try {
      filter = scopeJamfFilter(kind, scope, ids);
    } catch (err) {
      if (err instanceof ScopeNotResolvableError) throw new ConnectionCheckFailedError(`The scope cannot be applied: ${err.message}`, { cause: 'scope_unresolvable' });
      throw err;
    }
    try {
      return await totalOf((o) => (kind === 'computer' ? client.streamComputers({ ...o, filter }) : client.streamMobileDevices({ ...o, filter })));
    } catch (err) {
      if (!(err instanceof JamfRequestError)) throw err;
      const what = kind === 'computer' ? 'computers' : 'mobile devices';
      throw new ConnectionCheckFailedError(`Jamf Pro refused the scope's filter for ${what} (${filter}): ${err.message}`, {
        cause: 'scope_refused',
        filter,
        jamfError: (err.details as { jamfError?: unknown } | undefined)?.jamfError ?? null,
      });
    }
  };
  return { computers: await count('computer'), mobileDevices: await count('mobile'), siteAfterFetch: !!scope.siteId };
}
