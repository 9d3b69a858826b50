import type { SimulatorCredentials } from './simulator-context';

/** Credentials the simulator accepts unless told otherwise (documented in `simulator --help`). */
export const DEFAULT_CREDENTIALS: Readonly<SimulatorCredentials> = Object.freeze({
  clientId: 'sim-client',
  clientSecret: 'sim-secret',
  username: 'sim-admin',
  password: 'sim-password',
});

export const DEFAULT_FLEET_SIZE = Object.freeze({ computers: 50, mobiles: 50, seed: 1 });
