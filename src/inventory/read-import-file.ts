import path from 'node:path';
import { CsvSyntaxError, parseCsv } from './csv';
import { InvalidInputError } from '../errors/invalid-input-error';

/** One record of an import file, with where it is for error messages. */
interface ImportRow {
  /** "line 7" (CSV: the file line the record starts on) or "row 3" (JSON: array index + 1). */
  where: string;
  /**
   * Field → value. CSV gives strings, and leaves out empty cells (an empty cell means "not given");
   * JSON gives its values as they are (null means "clear this field").
   */
  values: Record<string, unknown>;
}

type ImportFormat = 'json' | 'csv';

/** JSON or CSV, by file extension, else by content (a JSON file starts with "[" or "{"). */
function detectFormat(fileName: string, text: string): ImportFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

export interface ImportFile {
  format: ImportFormat;
  rows: ImportRow[];
  /** Problems of the file's shape (a row that is not an object, a short CSV line), to list with the rest. */
  problems: string[];
}

/**
 * The records of an import file. A file that cannot be read at all as JSON or CSV is refused here
 * (InvalidInputError); problems of single rows are returned, so the importer can list them together
 * with the field problems of every other row.
 */
export function readImportRows(text: string, fileName: string): ImportFile {
  const format = detectFormat(fileName, text);
  return { format, ...(format === 'json' ? jsonRows(text, fileName) : csvRows(text, fileName)) };
}

function jsonRows(text: string, fileName: string): { rows: ImportRow[]; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InvalidInputError(`${fileName} is not valid JSON, nothing was written`, [(err as Error).message]);
  }
  if (!Array.isArray(data)) {
    throw new InvalidInputError(`${fileName} cannot be imported, nothing was written`, ['the file must hold one JSON array of objects']);
  }
  const problems: string[] = [];
  const rows: ImportRow[] = [];
  data.forEach((item, index) => {
    const where = `row ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) problems.push(`${where}: must be a JSON object`);
    else rows.push({ where, values: item as Record<string, unknown> });
  });
  return { rows, problems };
}

function csvRows(text: string, fileName: string): { rows: ImportRow[]; problems: string[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InvalidInputError(`${fileName} is not valid CSV, nothing was written`, [err.message]);
    throw err;
  }
  if (!records.length) return { rows: [], problems: [] };
  const [header, ...body] = records;
  const columns = header.fields.map((c) => c.trim());
  const problems: string[] = [];
  columns.forEach((c, i) => {
    if (!c) problems.push(`line ${header.line}: column ${i + 1} of the header has no name`);
    else if (columns.indexOf(c) !== i) problems.push(`line ${header.line}: column "${c}" appears twice in the header`);
  });
  const rows: ImportRow[] = [];
  for (const record of body) {
    const where = `line ${record.line}`;
    if (record.fields.length !== columns.length) {
      problems.push(`${where}: has ${record.fields.length} field(s), the header has ${columns.length}`);
      continue;
    }
    // fromEntries defines own properties: a column named "__proto__" stays a column (and is refused as unknown).
    const values = Object.fromEntries(record.fields.flatMap((cell, i) => (cell.trim() !== '' ? [[columns[i], cell]] : [])));
    rows.push({ where, values });
  }
  return { rows, problems };
}
