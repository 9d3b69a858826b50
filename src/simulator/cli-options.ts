import type { SimulatorFaults } from './faults';
import type { SimulatorFleet } from './fleet-types';
import { DEFAULT_CREDENTIALS, DEFAULT_FLEET_SIZE } from './simulator-defaults';
import type { SimulatorOptions } from './start-simulator';
import type { TenantSimulatorOptions } from './start-tenant-simulator';
import { tenantCredentials, tenantNames } from './tenant-paths';

/** Raw `simulator` flags as commander hands them over (strings, or undefined when not given). */
export interface RawSimulatorFlags {
  port?: string;
  host?: string;
  computers?: string;
  mobiles?: string;
  seed?: string;
  fleet?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  jamfVersion?: string;
  latencyMs?: string;
  latencyPerRecordMs?: string;
  errorRate?: string;
  rateLimitRate?: string;
  retryAfter?: string;
  tokenLifetime?: string;
  deny?: string[];
  gatewayTimeoutAbove?: string;
  unrenderableComputer?: string[];
  unrenderableMobile?: string[];
  tlsCert?: string;
  tlsKey?: string;
  /** Serve this many tenants under /t/<name> instead of one at the root. */
  tenants?: string;
  /** Comma-separated Jamf Pro releases the tenants play in turn (default: --jamf-version for all). */
  jamfVersions?: string;
}

/** Paths of the certificate and key to serve HTTPS with; read by the command, not here. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export class CliOptionError extends Error {}

/** Turns flags into simulator options, rejecting nonsense before anything starts. Pure. */
export function simulatorOptionsFromFlags(flags: RawSimulatorFlags, fleet?: SimulatorFleet): SimulatorOptions {
  const faults: Partial<SimulatorFaults> = {};
  const setFault = <K extends keyof SimulatorFaults>(key: K, value: SimulatorFaults[K] | undefined): void => {
    if (value !== undefined) faults[key] = value;
  };
  setFault('latencyMs', number(flags.latencyMs, 'latency-ms', 0));
  setFault('latencyPerRecordMs', number(flags.latencyPerRecordMs, 'latency-per-record-ms', 0));
  setFault('errorRate', number(flags.errorRate, 'error-rate', 0, 1));
  setFault('rateLimitRate', number(flags.rateLimitRate, 'rate-limit-rate', 0, 1));
  setFault('retryAfterSeconds', number(flags.retryAfter, 'retry-after', 0));
  setFault('tokenLifetimeSeconds', integer(flags.tokenLifetime, 'token-lifetime', 1));
  setFault('gatewayTimeoutAbovePageSize', integer(flags.gatewayTimeoutAbove, 'gateway-timeout-above', 0));
  if (flags.unrenderableComputer) faults.unrenderableComputerIds = flags.unrenderableComputer;
  if (flags.unrenderableMobile) faults.unrenderableMobileDeviceIds = flags.unrenderableMobile;
  return {
    port: integer(flags.port, 'port', 0, 65535) ?? 0,
    host: flags.host ?? '127.0.0.1',
    computers: integer(flags.computers, 'computers', 0) ?? DEFAULT_FLEET_SIZE.computers,
    mobiles: integer(flags.mobiles, 'mobiles', 0) ?? DEFAULT_FLEET_SIZE.mobiles,
    seed: integer(flags.seed, 'seed') ?? DEFAULT_FLEET_SIZE.seed,
    fleet,
    clientId: flags.clientId ?? DEFAULT_CREDENTIALS.clientId,
    clientSecret: flags.clientSecret ?? DEFAULT_CREDENTIALS.clientSecret,
    username: flags.username ?? DEFAULT_CREDENTIALS.username,
    password: flags.password ?? DEFAULT_CREDENTIALS.password,
    jamfVersion: flags.jamfVersion,
    faults,
    deniedPrivileges: flags.deny ?? [],
  };
}

function number(raw: string | undefined, name: string, min = -Infinity, max = Infinity): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value) || value < min || value > max) {
    throw new CliOptionError(`--${name} must be a number${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}, got "${raw}"`);
  }
  return value;
}

function integer(raw: string | undefined, name: string, min = -Infinity, max = Infinity): number | undefined {
  const value = number(raw, name, min, max);
  if (value !== undefined && !Number.isInteger(value)) throw new CliOptionError(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

/** `--tls-cert` and `--tls-key` go together: one without the other is a mistake, not plain HTTP. */
export function tlsFilesFromFlags(flags: Pick<RawSimulatorFlags, 'tlsCert' | 'tlsKey'>): TlsFiles | undefined {
  if (!flags.tlsCert && !flags.tlsKey) return undefined;
  if (!flags.tlsCert || !flags.tlsKey) throw new CliOptionError('--tls-cert and --tls-key must be given together (PEM files)');
  return { certFile: flags.tlsCert, keyFile: flags.tlsKey };
}

/**
 * `--tenants N`: N tenants (tenant-001 …) of the fleet size the flags give, each its own seed
 * (seed + index), credentials (tenantCredentials) and release (--jamf-versions in turn); faults
 * such as --latency-ms apply to each. Undefined without --tenants. Pure.
 */
export function tenantOptionsFromFlags(flags: RawSimulatorFlags, single: SimulatorOptions): TenantSimulatorOptions | undefined {
  if (flags.tenants === undefined) {
    if (flags.jamfVersions !== undefined) throw new CliOptionError('--jamf-versions goes with --tenants');
    return undefined;
  }
  const count = integer(flags.tenants, 'tenants', 1, 10_000)!;
  if (flags.fleet) throw new CliOptionError('--fleet serves one tenant: give it without --tenants');
  if (flags.tlsCert || flags.tlsKey) throw new CliOptionError('--tls-cert and --tls-key serve one tenant: give them without --tenants');
  const versions = flags.jamfVersions?.split(',').map((v) => v.trim()).filter(Boolean) ?? [single.jamfVersion];
  if (!versions.length) throw new CliOptionError('--jamf-versions must name at least one release, e.g. 11.31.0,10.49.0');
  const { port, host, ...perTenant } = single;
  const credentials = {
    clientId: single.clientId ?? DEFAULT_CREDENTIALS.clientId,
    clientSecret: single.clientSecret ?? DEFAULT_CREDENTIALS.clientSecret,
    username: single.username ?? DEFAULT_CREDENTIALS.username,
    password: single.password ?? DEFAULT_CREDENTIALS.password,
  };
  return {
    port,
    host,
    tenants: tenantNames(count).map((name, i) => ({
      ...perTenant,
      name,
      ...tenantCredentials(credentials, name),
      seed: (single.seed ?? DEFAULT_FLEET_SIZE.seed) + i,
      jamfVersion: versions[i % versions.length],
      faults: { ...single.faults },
    })),
  };
}
