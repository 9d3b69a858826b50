import { Readable, Transform } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV for imports and exports, on the maintained csv-parse / csv-stringify packages. Reading is
 * streamed (a record at a time, whatever the file's size) and gives each record the physical file
 * line it starts on, counted here: csv-parse's own line count is off after a CRLF inside a quoted
 * cell, which spreadsheet exports are full of.
 */

export interface CsvRecord {
  /** File line (1-based) the record starts on; a quoted line break makes a record span lines. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly code = 'invalid_csv';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export type CsvDelimiter = ',' | ';';

/** A record longer than this is a broken file (an unclosed quote swallowing the rest), not data. */
const MAX_RECORD_BYTES = 1_000_000;
/** How much of the file is read to find the header line (and so the delimiter). */
const HEADER_PEEK_BYTES = 64 * 1024;

/**
 * The delimiter of a file from its header line: ";" when it has more semicolons than commas
 * outside quotes (what spreadsheet programs write in locales where the comma is the decimal
 * separator), else ",".
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Reads CSV records one at a time from a stream of bytes (a file) or strings: an optional UTF-8
 * BOM, "," or ";" (detected from the header line), fields optionally in double quotes with ""
 * for a quote, line breaks inside quotes, LF, CRLF or CR endings; blank lines are skipped, a stray
 * quote inside an unquoted field is kept as written (13" display). A broken quote throws
 * CsvSyntaxError with its line.
 */
export async function* readCsvRecords(input: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord> {
  const source = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let peeked = 0;
  let ended = false;
  while (peeked < HEADER_PEEK_BYTES) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    peeked += chunk.length;
    if (chunk.includes(0x0a) || chunk.includes(0x0d)) break;
  }
  const delimiter = detectDelimiter(Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, ''));
  const lines = new LineCounter();
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      lines.append(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const bytes = Readable.from(
    (async function* () {
      yield* head;
      if (ended) return;
      for (;;) {
        const next = await source.next();
        if (next.done) return;
        yield toBuffer(next.value);
      }
    })(),
  );
  bytes.on('error', (err) => parser.destroy(err));
  tap.on('error', (err) => parser.destroy(err));
  bytes.pipe(tap).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      yield { line: lines.recordUntil(info.bytes), fields: record };
    }
  } catch (err) {
    if (err instanceof CsvError) throw new CsvSyntaxError(lines.nextRecordLine(), describeCsvError(err));
    throw err;
  } finally {
    // Stopped early (an unusable header) or failed: close the file too, not only the pipeline.
    bytes.destroy();
    await source.return?.();
  }
}

function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed (missing ")';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record is longer than ${MAX_RECORD_BYTES} bytes (a quoted field that is not closed?)`;
    default:
      return err.message;
  }
}

/**
 * Physical line numbers from byte offsets: csv-parse reports how many bytes it had read when a
 * record ended (its trailing line break included); the bytes since the previous record are the
 * blank lines before this one and the record itself. Only bytes not yet given to a record are kept.
 */
class LineCounter {
  private pending: Buffer = Buffer.alloc(0);
  /** File offset of pending[0]. */
  private offset = 0;
  /** Line breaks before `offset`. */
  private breaks = 0;

  append(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
  }

  /** The line the record ending at file offset `end` started on; forgets its bytes. */
  recordUntil(end: number): number {
    const slice = this.pending.subarray(0, end - this.offset);
    const line = this.breaks + 1 + leadingBreaks(slice);
    this.breaks += countBreaks(slice);
    this.pending = this.pending.subarray(slice.length);
    this.offset = end;
    return line;
  }

  /** Where the record being read (the broken one) starts. */
  nextRecordLine(): number {
    return this.breaks + 1 + leadingBreaks(this.pending);
  }
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** Line breaks in `bytes`: CRLF, LF or CR each count once. */
function countBreaks(bytes: Buffer): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === LF) n++;
    else if (bytes[i] === CR && bytes[i + 1] !== LF) n++;
  }
  return n;
}

/** Blank lines at the start of `bytes` (a BOM before them is not content). */
function leadingBreaks(bytes: Buffer): number {
  let i = BOM.every((b, k) => bytes[k] === b) ? BOM.length : 0;
  let n = 0;
  while (i < bytes.length && (bytes[i] === LF || bytes[i] === CR)) {
    if (bytes[i] === LF || bytes[i + 1] !== LF) n++;
    i++;
  }
  return n;
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/**
 * One CSV line (with CRLF, as RFC 4180 writes), quoting only the fields that need it (a delimiter,
 * a quote, a line break, or leading or trailing whitespace, which readers may trim). Every cell of
 * every export passes through `csvCellText`, once, before csv-stringify quotes it.
 */
export function formatCsvLine(values: readonly unknown[]): string {
  return stringify([values.map(csvCellText)], { record_delimiter: 'windows', quoted_match: NEEDS_QUOTES });
}

/** Besides what csv-stringify quotes anyway (delimiter, quote, CRLF): a lone LF or CR, edge whitespace. */
const NEEDS_QUOTES = [/[\r\n]/, /^\s/, /\s$/];

/** A cell's text: empty for null, JSON for an object, else its string form. */
function csvCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
