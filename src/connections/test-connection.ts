import type { Config } from '../config';
import { MissingEncryptionKeyError, type SecretBox } from '../crypto/secret-box';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import type { ConnectionRow, OrganizationRow } from './connection-store';
import { jamfClientForConnection } from './jamf-client-for-connection';
import { checkScopeWithJamf, probeJamfConnection, type ScopeCheck } from './check-connection';
import { describeScope, isEmptyScope } from '../scope/device-scope';

/**
 * What trying a stored connection found, every part answered even when an earlier one failed: the
 * API's `POST …/connection/test`, for an admin setting a customer's Jamf up. Unlike the CLI's check
 * before saving, nothing is refused: the report says what works and what is missing.
 */
export interface ConnectionTestReport {
  /** Everything a sync needs works: Jamf answered, took the credentials, and granted each privilege. */
  ok: boolean;
  /** Jamf Pro answered at all (TLS included). */
  reachable: boolean;
  /** Jamf Pro accepted the credentials. */
  authenticated: boolean;
  jamfProVersion: string | null;
  /** The computer inventory API a sync will use (v3, v2 or v1); null when Jamf was not reached. */
  computerInventoryApi: string | null;
  /** Each privilege a sync needs: granted, missing, or unchecked (Jamf was not reached or refused the credentials). */
  privileges: Array<{ privilege: string; status: 'granted' | 'missing' | 'unchecked' }>;
  computers: number | null;
  mobileDevices: number | null;
  /** Why it does not work, when it does not: the Jamf client's code and message (never a secret). */
  problem: { code: string; message: string } | null;
  /** The connection's device scope as Jamf applies it (devices it keeps per kind); null without a scope or when Jamf refused it (see problem). */
  scope: (ScopeCheck & { description: string }) | null;
}

/** Failures that mean Jamf Pro never answered (or could not be trusted to have). */
const UNREACHED = new Set(['jamf_unavailable', 'jamf_tls_untrusted', 'jamf_redirect_refused', 'jamf_config_invalid', 'connection_secret_missing', 'encryption_key_missing']);

/** The privileges a sync of this connection needs, in the order the check reads them. */
export function neededPrivileges(connection: Pick<ConnectionRow, 'fetchFileVaultKeys'>): string[] {
  return ['Read Computers', 'Read Mobile Devices', 'Read Departments', 'Read Buildings', ...(connection.fetchFileVaultKeys ? ['View Disk Encryption Recovery Key'] : [])];
}

/** A check needs a quick answer: one retry at most (the sync itself keeps JAMF_MAX_ATTEMPTS). */
const TEST_MAX_ATTEMPTS = 2;

export async function testStoredConnection(
  deps: { config: Config; box: SecretBox | null; logger: Logger },
  organization: OrganizationRow,
  connection: ConnectionRow,
): Promise<ConnectionTestReport> {
  let client: ReturnType<typeof jamfClientForConnection> | undefined;
  try {
    client = jamfClientForConnection(organization, connection, deps, {
      prefetchPages: 0,
      maxAttempts: Math.min(TEST_MAX_ATTEMPTS, deps.config.JAMF_MAX_ATTEMPTS),
    });
    const probe = await probeJamfConnection(client, { fetchFileVaultKeys: connection.fetchFileVaultKeys });
    const missing = probe.privileges.filter((p) => !p.granted);
    // The scope is tried only on a connection that works: its error is then about the scope.
    const scope = missing.length === 0 ? await tryScope(client, connection) : { check: null, problem: null };
    return {
      ok: missing.length === 0 && !scope.problem,
      reachable: true,
      authenticated: true,
      jamfProVersion: probe.jamfProVersion,
      computerInventoryApi: probe.computerInventoryApi,
      privileges: probe.privileges.map((p) => ({ privilege: p.privilege, status: p.granted ? 'granted' : 'missing' })),
      computers: probe.computers,
      mobileDevices: probe.mobileDevices,
      problem: missing.length
        ? {
            code: 'jamf_permission_denied',
            message: `The Jamf API client lacks ${missing.map((p) => p.refusedAs ?? p.privilege).join(', ')} (add ${missing.length === 1 ? 'it' : 'them'} to its API role in Jamf Pro)`,
          }
        : scope.problem,
      scope: scope.check,
    };
  } catch (err) {
    const problem = asProblem(err);
    return {
      ok: false,
      reachable: !UNREACHED.has(problem.code),
      authenticated: !UNREACHED.has(problem.code) && problem.code !== 'jamf_auth_failed',
      jamfProVersion: null,
      computerInventoryApi: null,
      privileges: neededPrivileges(connection).map((privilege) => ({ privilege, status: 'unchecked' })),
      computers: null,
      mobileDevices: null,
      problem,
      scope: null,
    };
  } finally {
    await client?.close();
  }
}

/** The scope's device counts as Jamf filters them, or Jamf's refusal of it (an unknown field, a building it does not have). */
async function tryScope(
  client: ReturnType<typeof jamfClientForConnection>,
  connection: ConnectionRow,
): Promise<{ check: (ScopeCheck & { description: string }) | null; problem: { code: string; message: string } | null }> {
  if (isEmptyScope(connection.deviceScope)) return { check: null, problem: null };
  try {
    return { check: { ...(await checkScopeWithJamf(client, connection.deviceScope)), description: describeScope(connection.deviceScope) }, problem: null };
  } catch (err) {
    // The check's words are the CLI's ("Nothing was saved … --no-verify"): the API saved the scope already.
    const message = asProblem(err).message.replace(/ Nothing was saved;.*$/, '');
    return { check: null, problem: { code: 'scope_refused', message } };
  }
}

/** The Jamf client's errors are written for admins and hold no secret; anything else is not ours to show. */
function asProblem(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof MissingEncryptionKeyError) return { code: err.code, message: err.message };
  throw err;
}
