import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's two locks, as its own `query` and `transaction` use them: the transaction lock (held by
 * `transaction()` from BEGIN to COMMIT, and by each `query()` outside one) and, inside it, the query
 * lock around each call into PostgreSQL. A socket client holds the first for a whole exchange or
 * transaction, so its statements and the host's never mix in one transaction.
 */
export class PgliteGate {
  constructor(private readonly pg: PGlite) {}

  /** Waits for the transaction lock; resolves with the function that gives it back. */
  acquire(): Promise<() => void> {
    return new Promise((acquired) => {
      void this.pg._runExclusiveTransaction(() => new Promise<void>((release) => acquired(() => release())));
    });
  }

  /** Runs one wire-protocol message (the caller holds the transaction lock), streaming the answer. */
  exec(message: Uint8Array, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    return this.pg.runExclusive(() => this.pg.execProtocolRawStream(message, { onRawData: onChunk }));
  }

  inTransaction(): boolean {
    return this.pg.isInTransaction();
  }
}
