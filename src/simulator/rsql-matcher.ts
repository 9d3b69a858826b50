import type { JsonObject } from './fleet-types';
import type { RsqlNode, RsqlOperator } from './rsql-parser';
import type { FieldCatalog, FieldSpec, FieldType } from './record-fields';

/** A filter or sort named a field the endpoint does not offer, or used it in a way it cannot be. */
export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

export type RecordPredicate = (record: JsonObject) => boolean;

/**
 * Turns a parsed RSQL tree into a predicate over stored records. Unknown fields fail here, before
 * any record is read, with Jamf's wording.
 */
export function compileRsql(node: RsqlNode, fields: FieldCatalog): RecordPredicate {
  if (node.type !== 'comparison') {
    const parts = node.children.map((child) => compileRsql(child, fields));
    return node.type === 'and'
      ? (record) => parts.every((part) => part(record))
      : (record) => parts.some((part) => part(record));
  }
  const field = fields[node.selector];
  if (!field) {
    throw new FieldError(
      `Cannot filter by field [${node.selector}]. Fields that can be used in filtering results of this endpoint: [${Object.keys(fields).join(', ')}]`,
    );
  }
  return compileComparison(field, node.selector, node.operator, node.values);
}

function compileComparison(field: FieldSpec, selector: string, operator: RsqlOperator, rawValues: string[]): RecordPredicate {
  if (field.type === 'boolean' && !['==', '!=', '=in=', '=out='].includes(operator)) {
    throw new FieldError(`Operator ${operator} cannot be used with boolean field [${selector}]`);
  }
  const expected = rawValues.map((raw) => normalizeExpected(field.type, selector, raw));
  const equalsAny = (actual: unknown): boolean => expected.some((want) => equals(field.type, actual, want));

  switch (operator) {
    case '==':
    case '=in=':
      return (record) => equalsAny(field.read(record));
    case '!=':
    case '=out=':
      return (record) => !equalsAny(field.read(record));
    default: {
      const want = expected[0];
      return (record) => {
        const order = compareValues(field.type, field.read(record), want);
        if (order === undefined) return false;
        if (operator === '<') return order < 0;
        if (operator === '<=') return order <= 0;
        if (operator === '>') return order > 0;
        return order >= 0;
      };
    }
  }
}

/** Expected values, converted once; string patterns with `*` become regular expressions. */
type Expected = number | boolean | string | RegExp | null;

function normalizeExpected(type: FieldType, selector: string, raw: string): Expected {
  if (raw === 'null' && type !== 'string') return null;
  switch (type) {
    case 'id':
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw new FieldError(`Invalid number [${raw}] for field [${selector}]`);
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new FieldError(`Invalid boolean [${raw}] for field [${selector}]`);
      return raw === 'true';
    case 'datetime': {
      const t = Date.parse(raw);
      if (Number.isNaN(t)) throw new FieldError(`Invalid date [${raw}] for field [${selector}]`);
      return t;
    }
    default:
      return raw.includes('*') ? wildcard(raw) : raw.toLowerCase();
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i');
}

/** The stored value in comparable form, or null when absent or of the wrong kind. */
function actualValue(type: FieldType, value: unknown): number | boolean | string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'id':
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
      return Number.isNaN(n) ? null : n;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'datetime': {
      const t = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? null : t;
    }
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

function equals(type: FieldType, rawActual: unknown, want: Expected): boolean {
  const actual = actualValue(type, rawActual);
  if (want === null) return actual === null;
  if (actual === null) return false;
  if (want instanceof RegExp) return want.test(String(actual));
  if (typeof actual === 'string' && typeof want === 'string') return actual.toLowerCase() === want;
  return actual === want;
}

/** Order of a stored value against an expected one; undefined when either is missing. */
function compareValues(type: FieldType, rawActual: unknown, want: Expected | undefined): number | undefined {
  const actual = actualValue(type, rawActual);
  if (actual === null || want === null || want === undefined || want instanceof RegExp) return undefined;
  if (typeof actual === 'number' && typeof want === 'number') return actual - want;
  if (typeof actual === 'string' && typeof want === 'string') return actual.toLowerCase().localeCompare(want);
  return undefined;
}

/** Compares two stored records' values of one field, for sorting. Missing values sort first. */
export function compareFieldValues(type: FieldType, a: unknown, b: unknown): number {
  const left = actualValue(type, a);
  const right = actualValue(type, b);
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const l = String(left).toLowerCase();
  const r = String(right).toLowerCase();
  return l < r ? -1 : l > r ? 1 : 0;
}
