import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSimulatorApp } from './create-simulator-app';
import { FaultInjector, type SimulatorFaults } from './faults';
import { FleetStore } from './fleet-store';
import type { SimulatorFleet } from './fleet-types';
import { generateFleet, startOfUtcDay } from './generate-fleet';
import { checkSimulatedVersion, DEFAULT_JAMF_VERSION } from './jamf-version';
import { ListQueryCache } from './list-query-cache';
import { createPrng } from './prng';
import { RequestStats, type SimulatorStats } from './request-stats';
import { sendWebhook, type SendWebhookRequest, type WebhookDelivery } from './send-webhook';
import type { SimulatorContext } from './simulator-context';
import { DEFAULT_CREDENTIALS, DEFAULT_FLEET_SIZE } from './simulator-defaults';
import { TokenStore } from './token-store';

export type { SimulatorFaults } from './faults';
export type { SimulatorStats } from './request-stats';
export type { SimulatorFleet } from './fleet-types';

export { DEFAULT_CREDENTIALS } from './simulator-defaults';

export interface SimulatorOptions {
  /** 0 = any free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Generated fleet size and seed (defaults 50 / 50 / 1); ignored when `fleet` is given. */
  computers?: number;
  mobiles?: number;
  seed?: number;
  /**
   * Report dates of a generated fleet fall before this time (epoch ms or ISO). Default: start of the
   * current UTC day, so the same seed gives the same fleet all day.
   */
  referenceTime?: number | string;
  /** A loaded fleet instead of a generated one; records are served back unchanged. */
  fleet?: SimulatorFleet;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /**
   * Default '11.31.0-t1731000000'. The release decides the computer inventory served: v1 always,
   * v3 from 11.23.0, v4 from 11.30.0. Releases before 10.49.0 are refused.
   */
  jamfVersion?: string;
  /**
   * Answer `/api/v1/jamf-pro-version` with this HTTP status instead of the version (e.g. 500 or 404),
   * as a proxy that blocks the path or a broken release would: clients must find the API without it.
   */
  versionEndpointStatus?: number;
  faults?: Partial<SimulatorFaults>;
  /** e.g. ['View Disk Encryption Recovery Key']: those endpoints answer 403. */
  deniedPrivileges?: string[];
  /** Clock for token expiry and report-date bumps; tests pass a fake one instead of sleeping. */
  now?: () => number;
  /** Serve HTTPS with this certificate and key (PEM), e.g. one from a private CA, instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 or https://… with `tls` (no trailing slash). */
  url: string;
  port: number;
  store: FleetStore;
  setFaults(faults: Partial<SimulatorFaults>): void;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Sends a webhook for a device in this simulator, as Jamf would. */
  sendWebhook(request: SendWebhookRequest): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { ctx, store, faults, stats, now } = buildSimulatorContext(options);
  const host = options.host ?? '127.0.0.1';
  const app = createSimulatorApp(ctx);
  const server = await listen(options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, app) : createHttpServer(app), options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    store,
    setFaults: (changes) => faults.update(changes),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    sendWebhook: (request) => sendWebhook(store, request, now),
    close: () => closeServer(server),
  };
}

/** One tenant's state (fleet, tokens, faults, stats, credentials, version), as the routes share it. */
export function buildSimulatorContext(options: Omit<SimulatorOptions, 'port' | 'host' | 'tls'>) {
  const jamfVersion = options.jamfVersion ?? DEFAULT_JAMF_VERSION;
  checkSimulatedVersion(jamfVersion);
  const now = options.now ?? ((): number => Date.now());
  const seed = options.seed ?? DEFAULT_FLEET_SIZE.seed;
  const fleet =
    options.fleet ??
    generateFleet({
      computers: options.computers ?? DEFAULT_FLEET_SIZE.computers,
      mobiles: options.mobiles ?? DEFAULT_FLEET_SIZE.mobiles,
      seed,
      referenceTime: referenceTimeOf(options.referenceTime, now()),
    });
  const store = new FleetStore(fleet, now);
  const tokens = new TokenStore(now);
  const faults = new FaultInjector(
    { ...options.faults, deniedPrivileges: [...(options.faults?.deniedPrivileges ?? []), ...(options.deniedPrivileges ?? [])] },
    createPrng(seed ^ 0x1b873593),
    () => tokens.revokeAll(),
  );
  const stats = new RequestStats();
  const ctx: SimulatorContext = {
    store,
    tokens,
    faults,
    stats,
    listCache: new ListQueryCache(),
    credentials: {
      clientId: options.clientId ?? DEFAULT_CREDENTIALS.clientId,
      clientSecret: options.clientSecret ?? DEFAULT_CREDENTIALS.clientSecret,
      username: options.username ?? DEFAULT_CREDENTIALS.username,
      password: options.password ?? DEFAULT_CREDENTIALS.password,
    },
    jamfVersion,
    versionEndpointStatus: options.versionEndpointStatus ?? null,
    now,
  };
  return { ctx, store, faults, stats, now };
}

function referenceTimeOf(value: number | string | undefined, nowMs: number): number {
  if (value === undefined) return startOfUtcDay(nowMs);
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Invalid referenceTime: ${String(value)}`);
  return ms;
}

type Server = HttpServer | HttpsServer;

export function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    server.listen(port, host);
  });
}

/** Closes idle keep-alive sockets too, so tests and Ctrl-C do not wait for clients to hang up. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
