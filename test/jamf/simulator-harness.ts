/**
 * Shared setup for the client's integration tests: a simulator on a free port and a client
 * pointed at it with tiny retry delays (tests never wait on real backoff).
 */
import { createServer } from 'node:net';
import { startSimulator } from '../../src/simulator/start-simulator';
import { HttpJamfClient } from '../../src/jamf/http-jamf-client';
import type { HttpJamfClientOptions } from '../../src/jamf/http-jamf-client-options';

export const CLIENT_ID = 'integration-client';
export const CLIENT_SECRET = 'integration-secret-value';
export const USERNAME = 'integration-admin';
export const PASSWORD = 'integration-password-value';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
export type SimulatorOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    port: 0,
    computers: 0,
    mobiles: 0,
    seed: 7,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    username: USERNAME,
    password: PASSWORD,
    ...options,
  });
}

export function testClient(simulator: { url: string }, overrides: Partial<HttpJamfClientOptions> = {}): HttpJamfClient {
  return new HttpJamfClient({
    baseUrl: simulator.url,
    auth: { kind: 'client', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    maxRetryAfterMs: 5,
    timeoutMs: 10_000,
    ...overrides,
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Requests the simulator saw for paths starting with `prefix`. */
export function requestsTo(simulator: Simulator, prefix: string): number {
  return Object.entries(simulator.stats().byPath)
    .filter(([path]) => path.startsWith(prefix))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** A local port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never answers: every request to it times out. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
