/**
 * A small RFC 4180 CSV reader and writer (no CSV package is installed, and import/export need only
 * this): comma-separated, fields optionally in double quotes, `""` for a quote inside quotes,
 * commas and line breaks allowed inside quotes, LF, CRLF or CR line endings, an optional UTF-8 BOM.
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

/** Parses CSV text into records. Blank lines are skipped. Throws CsvSyntaxError on a broken quote. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  /** Whether the current record has any content (so blank lines are not records). */
  let started = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    if (started) {
      endField();
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    started = false;
  };

  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote.
      started = true;
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(openedOn, 'a quoted field is not closed (missing ")');
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          // Keep the line break as written, but count lines once per CRLF.
          if (c === '\r' && input[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
          } else {
            field += c;
            i++;
          }
          line++;
          continue;
        }
        field += c;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(line, `unexpected text after a closing quote (write "" for a quote inside a quoted field)`);
      }
      continue;
    }
    if (ch === ',') {
      started = true;
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // An unquoted field; a stray quote inside it is kept as written (13" display).
    started = true;
    field += ch;
    i++;
  }
  endRecord();
  return records;
}

/** One CSV line (with CRLF, as RFC 4180 writes), quoting only the fields that need it. */
export function formatCsvLine(values: readonly unknown[]): string {
  return `${values.map(formatCsvField).join(',')}\r\n`;
}

function formatCsvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
