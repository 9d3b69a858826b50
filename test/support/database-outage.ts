import net from 'node:net';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database';
import { openTestDatabase, type TestDatabase } from './test-database';

/**
 * A database the test can take down, as an outage would. On PostgreSQL: a connection to the test's
 * own database through a TCP proxy; `goDown` cuts every connection and refuses new ones (what a
 * server that stopped or restarted does), `comeBack` listens again on the same port. On the
 * embedded PGlite, a database of its own that `goDown` closes (it cannot come back).
 */
export interface DatabaseOutage {
  handle: DatabaseHandle;
  /** True when this database holds the same rows as `db` (PostgreSQL through the proxy). */
  sharesRows: boolean;
  goDown(): Promise<void>;
  /** Null on PGlite. */
  comeBack: (() => Promise<void>) | null;
  close(): Promise<void>;
}

export async function openDatabaseOutage(db: TestDatabase): Promise<DatabaseOutage> {
  if (!db.url) {
    const own = await openTestDatabase();
    let closed = false;
    return {
      handle: own,
      sharesRows: false,
      goDown: async () => {
        closed = true;
        await own.close();
      },
      comeBack: null,
      close: async () => {
        if (!closed) await own.close();
      },
    };
  }
  const target = new URL(db.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.listen(0);
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const handle = await openDatabase({ url: proxied.toString(), maxConnections: 2 });
  return {
    handle,
    sharesRows: true,
    goDown: () => proxy.stop(),
    comeBack: () => proxy.listen(proxy.port),
    close: async () => {
      await proxy.stop();
      await handle.close().catch(() => undefined);
    },
  };
}

class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  listen(port: number): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** Refuses new connections and cuts the open ones. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
