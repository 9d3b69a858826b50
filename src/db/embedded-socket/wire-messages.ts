/**
 * The few pieces of PostgreSQL's wire protocol (version 3) the embedded database's socket needs:
 * cutting the client's byte stream into messages, spotting the end of each exchange in PGlite's
 * answers, and an error to send before closing. Everything else passes through to PGlite as is.
 */

/** Before its startup message a client may ask for TLS or GSS encryption; "N" declines. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Far above any statement this service sends; a length past it is a client that is not speaking the protocol. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export type FrontendMessage =
  | { kind: 'encryptionRequest' }
  | { kind: 'cancelRequest' }
  | { kind: 'startup'; bytes: Uint8Array }
  /** `type` is the message's first byte: "Q" query, "P" parse, "S" sync, "X" terminate, … */
  | { kind: 'message'; type: string; bytes: Uint8Array };

export class ProtocolError extends Error {}

/**
 * Cuts complete messages off the front of `buffer`. Until the startup message has been read,
 * messages have no type byte (startup, TLS or cancel requests); after it, each starts with one.
 */
export function readFrontendMessages(buffer: Buffer, started: boolean): { messages: FrontendMessage[]; rest: Buffer } {
  const messages: FrontendMessage[] = [];
  let offset = 0;
  let inStartup = !started;
  for (;;) {
    const headerBytes = inStartup ? 4 : 5;
    if (buffer.length - offset < headerBytes) break;
    const length = buffer.readInt32BE(offset + headerBytes - 4);
    if (length < 4 || length > MAX_MESSAGE_BYTES) throw new ProtocolError(`invalid message length ${length}`);
    const total = headerBytes - 4 + length;
    if (buffer.length - offset < total) break;
    const bytes = new Uint8Array(buffer.subarray(offset, offset + total));
    offset += total;
    if (!inStartup) {
      messages.push({ kind: 'message', type: String.fromCharCode(bytes[0]), bytes });
      continue;
    }
    const code = length >= 8 ? buffer.readInt32BE(offset - total + 4) : -1;
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) messages.push({ kind: 'encryptionRequest' });
    else if (code === CANCEL_REQUEST) messages.push({ kind: 'cancelRequest' });
    else if (code === PROTOCOL_3) {
      messages.push({ kind: 'startup', bytes });
      inStartup = false;
    } else throw new ProtocolError(`unsupported protocol version ${code >> 16}.${code & 0xffff}`);
  }
  return { messages, rest: buffer.subarray(offset) };
}

/**
 * Follows PGlite's answer as it streams out, in chunks that may cut a message anywhere, and keeps
 * the status of the last ReadyForQuery: "I" idle (the exchange is over and no transaction is open),
 * "T" in a transaction, "E" in a failed transaction.
 */
export class ReadyForQueryScanner {
  /** Status of the last ReadyForQuery seen since `reset`, or null. */
  status: string | null = null;
  private header = Buffer.alloc(5);
  private headerFilled = 0;
  private bodyLeft = 0;
  private type = 0;

  reset(): void {
    this.status = null;
  }

  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        // ReadyForQuery's body is its one status byte.
        if (this.type === 0x5a && take > 0 && this.bodyLeft === 1) this.status = String.fromCharCode(chunk[i]);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      this.header[this.headerFilled++] = chunk[i++];
      if (this.headerFilled === 5) {
        this.type = this.header[0];
        this.bodyLeft = this.header.readInt32BE(1) - 4;
        this.headerFilled = 0;
      }
    }
  }
}

/** A fatal ErrorResponse: the client shows `message` as the error of what it was waiting for. */
export function fatalError(sqlState: string, message: string): Buffer {
  const field = (code: string, value: string) => Buffer.concat([Buffer.from(code, 'ascii'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'ascii');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** A Sync message: ends an extended-protocol exchange the client left open. */
export const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** A simple Query message. */
export function simpleQuery(text: string): Uint8Array {
  const body = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('Q', 0, 'ascii');
  head.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, body]));
}
