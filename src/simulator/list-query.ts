import type { JsonObject } from './fleet-types';
import type { FieldCatalog } from './record-fields';
import { compareFieldValues, compileRsql, FieldError, type RecordPredicate } from './rsql-matcher';
import { parseRsql, RsqlSyntaxError } from './rsql-parser';

/**
 * Paging, sorting and filtering of a Jamf collection endpoint, as pure functions over records.
 * Jamf's rules: `page` is zero-based, `page-size` defaults to 100 and is silently clamped to 2000,
 * `totalCount` counts every filtered record (not just the page).
 */

const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 2000;

export interface Paging {
  page: number;
  pageSize: number;
}

/** Query values arrive as a string, an array of strings (repeated keys) or not at all. */
export function queryList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

export function queryFirst(value: unknown): string | undefined {
  return queryList(value)[0];
}

export function parsePaging(pageValue: unknown, pageSizeValue: unknown): Paging {
  const page = parseNonNegativeInteger(queryFirst(pageValue), 0, 'page');
  const requested = parseNonNegativeInteger(queryFirst(pageSizeValue), DEFAULT_PAGE_SIZE, 'page-size');
  if (requested < 1) throw new FieldError('page-size must be greater than 0');
  return { page, pageSize: Math.min(requested, MAX_PAGE_SIZE) };
}

function parseNonNegativeInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new FieldError(`Invalid value [${raw}] for parameter [${name}]`);
  return n;
}

export type RecordComparator = (a: JsonObject, b: JsonObject) => number;

/**
 * `sort=general.name:asc,id:desc` or repeated `sort=` parameters. An `id` tie-breaker is always
 * appended, so a page boundary never splits or repeats records whose sort keys are equal.
 */
export function parseSort(values: string[], fields: FieldCatalog, defaultSort: string, idField: string): RecordComparator {
  const criteria = (values.length > 0 ? values : [defaultSort])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((criterion) => {
      const [name = '', direction = 'asc'] = criterion.split(':');
      const field = fields[name];
      if (!field) {
        throw new FieldError(
          `Cannot sort by field [${name}]. Fields that can be used in sorting results of this endpoint: [${Object.keys(fields).join(', ')}]`,
        );
      }
      const dir = direction.toLowerCase();
      if (dir !== 'asc' && dir !== 'desc') throw new FieldError(`Invalid sort direction [${direction}]`);
      return { field, sign: dir === 'desc' ? -1 : 1 };
    });
  const idSpec = fields[idField];
  if (idSpec) criteria.push({ field: idSpec, sign: 1 });
  return (a, b) => {
    for (const { field, sign } of criteria) {
      const order = compareFieldValues(field.type, field.read(a), field.read(b));
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}

export function parseFilter(filter: string | undefined, fields: FieldCatalog): RecordPredicate | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  try {
    return compileRsql(parseRsql(filter), fields);
  } catch (error) {
    if (error instanceof RsqlSyntaxError) throw new FieldError(`Invalid RSQL filter: ${error.message}`);
    throw error;
  }
}

export interface PageResult<T> {
  totalCount: number;
  results: T[];
}

export function filterAndSort(
  records: readonly JsonObject[],
  predicate: RecordPredicate | undefined,
  comparator: RecordComparator,
): JsonObject[] {
  const matching = predicate ? records.filter(predicate) : [...records];
  return matching.sort(comparator);
}

/** One zero-based page; a page past the end is empty, with the same totalCount. */
export function pageOf<T>(ordered: readonly T[], paging: Paging): PageResult<T> {
  const start = paging.page * paging.pageSize;
  return { totalCount: ordered.length, results: ordered.slice(start, start + paging.pageSize) };
}
