import { once } from 'node:events';
import { formatCsvLine } from './csv';
import { neutraliseCsvFormula } from './csv-formula';

export type ExportFormat = 'json' | 'csv';

/** Where an export goes: stdout in the CLI, a string in tests. */
export interface TextSink {
  write(chunk: string): Promise<void>;
}

/** A sink on a stream that waits for 'drain' when the stream's buffer is full, so memory stays flat. */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
  };
}

export function stringSink(): TextSink & { text(): string } {
  const parts: string[] = [];
  return {
    async write(chunk) {
      parts.push(chunk);
    },
    text: () => parts.join(''),
  };
}

/**
 * Writes records as they come, a page at a time: JSON as one array with one record per line, CSV
 * with a header. `flatten` turns a record into the CSV columns' values; a CSV cell a spreadsheet
 * would run as a formula is neutralised (csv-formula.ts), JSON is written as stored.
 */
export class RecordWriter<R> {
  private count = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly format: ExportFormat,
    private readonly columns: readonly string[],
    private readonly flatten: (record: R) => unknown[],
  ) {}

  async begin(): Promise<void> {
    await this.sink.write(this.format === 'json' ? '[' : formatCsvLine(this.columns));
  }

  async writePage(records: readonly R[]): Promise<void> {
    if (!records.length) return;
    let chunk = '';
    for (const record of records) {
      chunk +=
        this.format === 'json'
          ? `${this.count === 0 ? '' : ','}\n${JSON.stringify(record)}`
          : formatCsvLine(this.flatten(record).map(neutraliseCsvFormula));
      this.count++;
    }
    await this.sink.write(chunk);
  }

  async end(): Promise<number> {
    if (this.format === 'json') await this.sink.write(this.count ? '\n]\n' : ']\n');
    return this.count;
  }
}

export function isoTime(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
