import type { FleetStore } from './fleet-store';
import type { FaultInjector } from './faults';
import type { ListQueryCache } from './list-query-cache';
import type { RequestStats } from './request-stats';
import type { TokenStore } from './token-store';

export interface SimulatorCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/** Everything the routes share; built once per running simulator. */
export interface SimulatorContext {
  store: FleetStore;
  tokens: TokenStore;
  faults: FaultInjector;
  stats: RequestStats;
  listCache: ListQueryCache;
  credentials: SimulatorCredentials;
  jamfVersion: string;
  /** When set, `/api/v1/jamf-pro-version` answers this status instead of the version. */
  versionEndpointStatus: number | null;
  now: () => number;
}
