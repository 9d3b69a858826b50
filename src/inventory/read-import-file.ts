import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CsvSyntaxError, readCsvRecords } from './csv';
import { InvalidInputError } from '../errors/invalid-input-error';
import type { ImportProblems } from './import-problems';

/** One record of an import file, with where it is for error messages. */
export interface ImportRow {
  /** "line 7" (CSV: the file line the record starts on) or "row 3" (JSON: array index + 1). */
  where: string;
  /** The line or row number, to list problems in file order. */
  position: number;
  /**
   * Field → value. CSV gives strings, and leaves out empty cells (an empty cell means "not given");
   * JSON gives its values as they are (null means "clear this field").
   */
  values: Record<string, unknown>;
}

export type ImportFormat = 'json' | 'csv';

/**
 * The file to import: a path (the CLI; read as a stream), its text (the HTTP API's CSV body, tests),
 * or a JSON document already parsed (the HTTP API's JSON body).
 */
export type ImportSource = { fileName: string } & (
  | { path: string; text?: undefined; json?: undefined }
  | { text: string; path?: undefined; json?: undefined }
  | { json: unknown; path?: undefined; text?: undefined }
);

/** What a CSV header may name, for one kind of import. */
export interface ColumnSpec {
  /** The field names (as in JSON and in exports). */
  fields: readonly string[];
  /** Other header spellings, in canonical form (see canonicalColumn) → field: "workemail" → "emails". */
  aliases: Readonly<Record<string, string>>;
  /** Fields several columns may fill (Email and Work Email): their values are joined with ";". */
  multi: ReadonlySet<string>;
  /** Fields whose column must be in the header (else the file is refused once, not row by row). */
  required: readonly string[];
  /** Columns that are not fields: "ignore" (HR exports carry Department, Title ...) or "refuse" (a typo would lose data). */
  unknownColumns: 'ignore' | 'refuse';
  /** "an employee field", for messages. */
  noun: string;
}

/** JSON or CSV, by file extension, else by content (a JSON file starts with "[" or "{"). */
async function detectFormat(source: ImportSource): Promise<ImportFormat> {
  if (source.json !== undefined) return 'json';
  const ext = path.extname(source.fileName).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  const start = source.text ?? (await readStart(source.path!));
  return /^\s*[[{]/.test(start.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

async function readStart(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Opens an import file. A file that cannot be read at all (not JSON, a broken CSV quote) is refused
 * (InvalidInputError); problems of the header and of single rows' shape go to `problems`, so the
 * importer lists them with the field problems of every other row. CSV is read as a stream, a
 * record at a time; JSON is parsed whole (one array).
 */
export async function openImportRows(
  source: ImportSource,
  spec: ColumnSpec,
  problems: ImportProblems,
): Promise<{ format: ImportFormat; rows: AsyncIterable<ImportRow>; ignoredColumns: string[] }> {
  const format = await detectFormat(source);
  if (format === 'json') {
    const data = source.json !== undefined ? source.json : parseJson(await readWhole(source), source.fileName);
    return { format, rows: jsonRows(data, source.fileName, problems), ignoredColumns: [] };
  }
  const ignoredColumns: string[] = [];
  return { format, rows: csvRows(source, spec, problems, ignoredColumns), ignoredColumns };
}

async function readWhole(source: ImportSource): Promise<string> {
  return source.text ?? (await fs.promises.readFile(source.path!, 'utf8'));
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InvalidInputError(`${fileName} is not valid JSON, nothing was written`, [(err as Error).message]);
  }
}

// Not an async generator: a document that is not an array is refused when the file is opened.
function jsonRows(data: unknown, fileName: string, problems: ImportProblems): AsyncIterable<ImportRow> {
  if (!Array.isArray(data)) {
    throw new InvalidInputError(`${fileName} cannot be imported, nothing was written`, ['the file must hold one JSON array of objects']);
  }
  return (async function* () {
    for (const [index, item] of data.entries()) {
      const row = { where: `row ${index + 1}`, position: index + 1 };
      if (item === null || typeof item !== 'object' || Array.isArray(item)) problems.add(row, `${row.where}: must be a JSON object`);
      else yield { ...row, values: item as Record<string, unknown> };
    }
  })();
}

/** "First Name", "first_name", "FIRSTNAME" → "firstname". */
export function canonicalColumn(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_.-]+/g, '');
}

function csvStream(source: ImportSource): AsyncIterable<Buffer | string> {
  return source.path !== undefined ? fs.createReadStream(source.path) : Readable.from([source.text]);
}

async function* csvRows(source: ImportSource, spec: ColumnSpec, problems: ImportProblems, ignoredColumns: string[]): AsyncGenerator<ImportRow> {
  let columns: Array<string | null> | null = null;
  try {
    for await (const record of readCsvRecords(csvStream(source))) {
      const where = `line ${record.line}`;
      if (!columns) {
        columns = readHeader(record.fields, { where, position: record.line }, spec, problems, ignoredColumns);
        if (!columns) return; // the header is unusable: listing every row against it would only repeat that
        continue;
      }
      const row = { where, position: record.line };
      if (record.fields.length !== columns.length) {
        problems.add(row, `${where}: has ${record.fields.length} field(s), the header has ${columns.length}`);
        continue;
      }
      const values: Record<string, unknown> = {};
      record.fields.forEach((cell, i) => {
        const field = columns![i];
        if (field === null || cell.trim() === '') return;
        values[field] = field in values ? `${values[field] as string};${cell}` : cell;
      });
      yield { ...row, values };
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InvalidInputError(`${source.fileName} is not valid CSV, nothing was written`, [err.message]);
    throw err;
  }
}

/** The field of each column (null: not imported), or null when the header cannot be used. */
function readHeader(
  names: string[],
  at: { where: string; position: number },
  spec: ColumnSpec,
  problems: ImportProblems,
  ignoredColumns: string[],
): Array<string | null> | null {
  const byCanonical = new Map<string, string>(spec.fields.map((f) => [canonicalColumn(f), f]));
  for (const [alias, field] of Object.entries(spec.aliases)) byCanonical.set(alias, field);
  const seen = new Map<string, string>();
  const columns = names.map((raw, i) => {
    const name = raw.trim();
    if (!name) {
      problems.add(at, `${at.where}: column ${i + 1} of the header has no name`);
      return null;
    }
    const field = byCanonical.get(canonicalColumn(name));
    if (!field) {
      if (spec.unknownColumns === 'ignore') ignoredColumns.push(name);
      else problems.add(at, `${at.where}: column "${name}" is not ${spec.noun} (use ${spec.fields.join(', ')})`);
      return null;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined && !spec.multi.has(field)) {
      problems.add(at, `${at.where}: columns "${earlier}" and "${name}" both give ${field}`);
    }
    seen.set(field, name);
    return field;
  });
  const missing = spec.required.filter((f) => !seen.has(f));
  if (missing.length) problems.add(at, `${at.where}: the header has no column for ${missing.join(', ')}`);
  return missing.length ? null : columns;
}
