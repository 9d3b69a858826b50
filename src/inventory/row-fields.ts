import { z } from 'zod';
import { ASSET_CONDITIONS, ASSET_STATUSES, ASSET_TYPES } from '../db/schema';
import type { FieldKind } from './asset-fields';

/**
 * zod rules for one field of an import row, each with the sentence shown when a value breaks it.
 * Rows are checked field by field (not as one object) so every problem of every row is listed,
 * and so a field that is absent ("keep what is stored") differs from one that is null ("clear it").
 */
export interface FieldRule {
  schema: z.ZodType<unknown>;
  expectation: string;
}

export type RowValue = string | number | null;

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const textValue = z.preprocess(
  emptyToNull,
  z.union([z.null(), z.string().transform((s) => s.trim()), z.number().transform(String)]),
);

const numericString = z
  .string()
  .trim()
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)$/)
  .transform(Number);

/** `max`: what the column holds (integer 2^31-1, bigint read back as a JavaScript number). */
const numberValue = (integer: boolean, max: number) =>
  z.preprocess(
    emptyToNull,
    z.union([z.null(), z.union([z.number(), numericString]).pipe(integer ? z.number().int().min(0).max(max) : z.number().min(0).max(max))]),
  );

const enumValue = (values: readonly [string, ...string[]]) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values));

const emailValue = z.string().trim().pipe(z.email());

export function kindRule(kind: FieldKind): FieldRule {
  switch (kind) {
    case 'text':
      return { schema: textValue, expectation: 'must be text' };
    case 'real':
      return { schema: numberValue(false, 1e6), expectation: 'must be a number of 0 or more' };
    case 'integer':
      return { schema: numberValue(true, 2_147_483_647), expectation: 'must be a whole number from 0 to 2147483647' };
    case 'bigint':
      return { schema: numberValue(true, Number.MAX_SAFE_INTEGER), expectation: 'must be a whole number of 0 or more' };
  }
}

const requiredText: FieldRule = {
  schema: z.union([z.string(), z.number().transform(String)]).transform((s) => s.trim()).pipe(z.string().min(1)),
  expectation: 'is required and must not be empty',
};

export const ASSET_RULES: Record<string, FieldRule> = {
  serialNumber: requiredText,
  assetType: { schema: enumValue(ASSET_TYPES), expectation: `must be one of ${ASSET_TYPES.join(', ')}` },
  status: { schema: enumValue(ASSET_STATUSES), expectation: `must be one of ${ASSET_STATUSES.join(', ')}` },
  condition: {
    schema: z.preprocess(emptyToNull, z.union([z.null(), enumValue(ASSET_CONDITIONS)])),
    expectation: `must be one of ${ASSET_CONDITIONS.join(', ')}`,
  },
  assigneeEmail: {
    schema: z.preprocess(emptyToNull, z.union([z.null(), emailValue])),
    expectation: 'must be a valid email address',
  },
};

export const EMPLOYEE_RULES: Record<string, FieldRule> = {
  firstName: requiredText,
  lastName: requiredText,
  emails: {
    // JSON: an array; CSV (or a JSON string): emails separated by ";".
    schema: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(';') : v),
      z
        .array(z.string())
        .transform((list) => list.map((e) => e.trim()).filter(Boolean))
        .pipe(z.array(emailValue).min(1)),
    ),
    expectation: 'must hold at least one valid email address (in CSV, separated by ";")',
  },
};

/** Checks one value; on failure, the problem sentence naming the field and what was given. */
export function checkField(where: string, field: string, rule: FieldRule, value: unknown): { ok: true; value: unknown } | { ok: false; problem: string } {
  const parsed = rule.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: `${where}: ${field} ${rule.expectation} (got ${describeValue(value)})` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
