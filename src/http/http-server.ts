import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers the requests it knows (returns true), before the app sees them. */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The app, with handlers tried first for the few routes that must bypass it (webhooks). */
export function withFrontHandlers(app: RequestListener, ...front: FrontHandler[]): RequestListener {
  return (req, res) => {
    for (const handle of front) if (handle(req, res)) return;
    app(req, res);
  };
}

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  port: number;
  /**
   * Stops accepting connections and waits for in-flight requests (up to timeoutMs, then closes
   * their connections). Resolves false when it had to.
   */
  close(timeoutMs: number): Promise<boolean>;
}

export async function listen(app: RequestListener, port: number, host: string): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  // Keep-alive above typical load balancer idle timeouts avoids 502s on reused connections.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}`,
    close: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve(false);
        }, timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve(true);
        });
        // Idle keep-alive sockets would otherwise hold close() open until they time out.
        server.closeIdleConnections();
      }),
  };
}
