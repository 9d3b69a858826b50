import fs from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PgliteGate } from './pglite-gate';
import { fatalError, ProtocolError, readFrontendMessages, ReadyForQueryScanner, simpleQuery, SYNC, type FrontendMessage } from './wire-messages';

export interface EmbeddedSocketServerOptions {
  /**
   * Longest a client may keep the database to itself (an open transaction, or an exchange it has
   * not finished). Everything else waits meanwhile, webhook acknowledgements too, and Jamf gives up
   * on a webhook after 2 s; past it the client's transaction is rolled back and it is disconnected.
   */
  maxHoldMs: number;
  /** Told when a client's session ends; `abnormal` unless the client said goodbye or the server is closing. */
  onSessionEnded?: (info: { reason: string; abnormal: boolean }) => void;
}

export interface EmbeddedSocketServer {
  readonly path: string;
  /** Stops accepting, ends every session (rolling back what it left open) and removes the socket file. */
  close(): Promise<void>;
}

/**
 * Serves an embedded PGlite database on a Unix socket, to PostgreSQL clients (`pg`, psql) of the
 * machine's users allowed into the socket's folder. PGlite has one session, which the process that
 * opened it keeps using: each client's exchange (a query, or an extended-protocol sequence up to its
 * Sync, or a whole transaction) runs while holding PGlite's own transaction lock, the one its
 * `query` and `transaction` take, so the host's queries and the clients' never interleave inside a
 * transaction of the other. Modelled on @electric-sql/pglite-socket, which only takes the per-query
 * lock, so a client's BEGIN … COMMIT would swallow the host's queries in between.
 */
export async function startEmbeddedSocketServer(pg: PGlite, socketPath: string, options: EmbeddedSocketServerOptions): Promise<EmbeddedSocketServer> {
  const gate = new PgliteGate(pg);
  const sessions = new Set<SocketSession>();
  const server = net.createServer((socket) => {
    const session = new SocketSession(socket, gate, options, () => sessions.delete(session));
    sessions.add(session);
  });
  // The caller holds the data folder's lock: a socket file left here belongs to a process that died.
  fs.rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  let closing: Promise<void> | undefined;
  return {
    path: socketPath,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([...sessions].map((s) => s.end('the service is shutting down', false)));
        await closed;
        fs.rmSync(socketPath, { force: true });
      })()),
  };
}

/** One client connection. Its messages run one at a time, in order, each when PGlite is free. */
class SocketSession {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private queue: FrontendMessage[] = [];
  private running: Promise<void> | undefined;
  /** Set while this session holds PGlite's transaction lock. */
  private release: (() => void) | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  /** Whether the last message run ended its exchange (its answer carried a ReadyForQuery). */
  private atExchangeEnd = true;
  private ending: Promise<void> | undefined;
  private readonly scanner = new ReadyForQueryScanner();

  constructor(
    private readonly socket: net.Socket,
    private readonly gate: PgliteGate,
    private readonly options: EmbeddedSocketServerOptions,
    private readonly onGone: () => void,
  ) {
    socket.on('data', (data) => this.receive(data));
    socket.on('error', () => void this.end('the client connection failed', true));
    // Closed before saying goodbye ("X"): the command died or was killed, maybe inside a transaction.
    socket.on('close', () => void this.end('the client disconnected without ending its session', true));
  }

  private receive(data: Buffer): void {
    if (this.ending) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    let read;
    try {
      read = readFrontendMessages(this.buffer, this.started);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.socket.end(fatalError('08P01', `protocol violation: ${err.message}`));
      void this.end(`protocol violation: ${err.message}`, true);
      return;
    }
    this.buffer = read.rest;
    for (const message of read.messages) {
      if (message.kind === 'startup') this.started = true;
      this.queue.push(message);
    }
    this.running ??= this.drain()
      .catch((err: Error) => void this.end(`PGlite failed: ${err.message}`, true))
      .finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    for (let message = this.queue.shift(); message && !this.ending; message = this.queue.shift()) {
      if (message.kind === 'encryptionRequest') this.socket.write('N');
      else if (message.kind === 'cancelRequest' || (message.kind === 'message' && message.type === 'X')) {
        void this.end('the client ended the session', false);
      } else await this.run(message.bytes);
    }
  }

  /** Runs one message on PGlite, streaming its answer to the client. */
  private async run(bytes: Uint8Array): Promise<void> {
    if (!this.release) {
      this.release = await this.gate.acquire();
      if (this.ending) return this.releaseGate();
      this.holdTimer = setTimeout(() => this.holdTooLong(), this.options.maxHoldMs);
    }
    this.scanner.reset();
    await this.gate.exec(bytes, (chunk) => {
      this.scanner.feed(chunk);
      if (!this.socket.destroyed) this.socket.write(chunk);
    });
    this.atExchangeEnd = this.scanner.status !== null;
    // Idle: the exchange is over and no transaction is open, so the host's queries may run again.
    if (this.scanner.status === 'I') this.releaseGate();
  }

  private holdTooLong(): void {
    const reason =
      `the running jamf-sync serve ended this session: it kept the embedded database to itself for more than ${this.options.maxHoldMs} ms, ` +
      'which would delay webhook acknowledgements (Jamf gives up after 2 s); its open transaction was rolled back';
    if (!this.socket.destroyed) this.socket.end(fatalError('25P03', reason));
    void this.end(`held the database for more than ${this.options.maxHoldMs} ms`, true);
  }

  /**
   * Ends the session once: waits for the message running, then, holding the lock, closes what the
   * client left open (an unfinished exchange, a transaction, its prepared statements, which would
   * otherwise stay in PGlite's one session for the next client to collide with).
   */
  end(reason: string, abnormal: boolean): Promise<void> {
    return (this.ending ??= (async () => {
      this.queue = [];
      await this.running?.catch(() => undefined);
      if (!this.started) {
        // Never began a session (a liveness probe from the data folder's lock): nothing to close.
        this.socket.destroy();
        this.onGone();
        return;
      }
      this.release ??= await this.gate.acquire();
      try {
        if (!this.atExchangeEnd) await this.gate.exec(SYNC, () => undefined);
        if (this.gate.inTransaction()) await this.gate.exec(simpleQuery('ROLLBACK'), () => undefined);
        await this.gate.exec(simpleQuery('DEALLOCATE ALL'), () => undefined);
      } finally {
        this.releaseGate();
        // Ended, not destroyed: an error already written (why the session was ended) still reaches the client.
        this.socket.end();
        setTimeout(() => this.socket.destroy(), 1000).unref();
        this.onGone();
        this.options.onSessionEnded?.({ reason, abnormal });
      }
    })());
  }

  private releaseGate(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
