import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createSimulatorApp } from './create-simulator-app';
import type { FleetStore } from './fleet-store';
import type { SimulatorFaults } from './faults';
import { RequestStats, type SimulatorStats } from './request-stats';
import { buildSimulatorContext, closeServer, listen, type SimulatorOptions } from './start-simulator';
import { TENANT_NAME, tenantRequestPath } from './tenant-paths';

export { TENANT_NAME, tenantRequestPath } from './tenant-paths';

/** One simulated Jamf Pro among many: everything a single simulator takes but where it listens. */
export interface TenantOptions extends Omit<SimulatorOptions, 'port' | 'host' | 'tls'> {
  /** Lowercase letters, digits and dashes: the tenant is served under /t/<name>. */
  name: string;
}

export interface TenantSimulatorOptions {
  /** 0 = any free port (default). */
  port?: number;
  host?: string;
  tenants: TenantOptions[];
}

export interface SimulatedTenant {
  name: string;
  /** The tenant's Jamf Pro URL, e.g. http://127.0.0.1:41234/t/acme (a connection's base URL). */
  url: string;
  store: FleetStore;
  setFaults(faults: Partial<SimulatorFaults>): void;
  stats(): SimulatorStats;
}

export interface RunningTenantSimulator {
  /** Base URL of the process, e.g. http://127.0.0.1:41234 (tenants are under /t/<name>). */
  url: string;
  port: number;
  tenants: ReadonlyMap<string, SimulatedTenant>;
  tenant(name: string): SimulatedTenant;
  /** Every tenant's API requests together: requests, peak concurrency across tenants, by status. */
  stats(): SimulatorStats;
  close(): Promise<void>;
}

/**
 * Many Jamf Pro tenants in one process, for benchmarks and tests that connect hundreds of
 * organizations: each has its own fleet, credentials, version, faults (latency) and stats, and is
 * served under `/t/<name>/…` exactly as `startSimulator` serves one at the root (the request's path
 * is rewritten, so routes, stats and error bodies are the single simulator's). The Jamf client
 * keeps a base URL's path, so a connection to `<url>/t/<name>` works as one to a tenant's host.
 * `GET /__sim/tenants` lists the tenants; `GET /__sim/stats` counts all of them.
 */
export async function startTenantSimulator(options: TenantSimulatorOptions): Promise<RunningTenantSimulator> {
  const apps = new Map<string, { app: Express; tenant: Omit<SimulatedTenant, 'url'>; describe: () => Record<string, unknown> }>();
  for (const t of options.tenants) {
    if (!TENANT_NAME.test(t.name)) throw new Error(`Invalid tenant name "${t.name}": lowercase letters, digits and dashes, up to 63 characters`);
    if (apps.has(t.name)) throw new Error(`Tenant "${t.name}" is given twice`);
    const { ctx, store, faults, stats } = buildSimulatorContext(t);
    apps.set(t.name, {
      app: createSimulatorApp(ctx),
      tenant: { name: t.name, store, setFaults: (changes) => faults.update(changes), stats: () => stats.snapshot() },
      describe: () => ({
        name: t.name,
        path: `/t/${t.name}`,
        clientId: ctx.credentials.clientId,
        username: ctx.credentials.username,
        jamfVersion: ctx.jamfVersion,
        computers: store.count('computers'),
        mobileDevices: store.count('mobileDevices'),
        latencyMs: faults.faults.latencyMs,
      }),
    });
  }
  const overall = new RequestStats();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const routed = tenantRequestPath(url);
    if (routed) {
      const entry = apps.get(routed.tenant);
      if (!entry) return sendJson(res, 404, { error: `No tenant "${routed.tenant}" in this simulator` });
      if (routed.path.startsWith('/api')) {
        const end = overall.begin(routed.path);
        res.on('finish', () => end(res.statusCode));
        res.on('close', () => end(res.statusCode));
      }
      req.url = routed.path;
      entry.app(req, res);
      return;
    }
    const pathname = url.split('?')[0];
    if (req.method === 'GET' && pathname === '/__sim/tenants') return sendJson(res, 200, [...apps.values()].map((a) => a.describe()));
    if (req.method === 'GET' && pathname === '/__sim/stats') {
      const byTenant = Object.fromEntries([...apps].map(([name, a]) => [name, a.tenant.stats().requests]));
      return sendJson(res, 200, { ...overall.snapshot(), byTenant });
    }
    if (req.method === 'POST' && pathname === '/__sim/stats/reset') {
      overall.reset();
      return sendJson(res, 200, overall.snapshot());
    }
    sendJson(res, 404, { error: 'Not found: tenants are served under /t/<name>/ (GET /__sim/tenants lists them)' });
  };

  const host = options.host ?? '127.0.0.1';
  const server = await listen(createServer(handle), options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const tenants = new Map([...apps].map(([name, a]) => [name, { ...a.tenant, url: `${url}/t/${name}` }]));
  return {
    url,
    port,
    tenants,
    tenant: (name) => {
      const found = tenants.get(name);
      if (!found) throw new Error(`No tenant "${name}" in this simulator`);
      return found;
    },
    stats: () => overall.snapshot(),
    close: () => closeServer(server),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
