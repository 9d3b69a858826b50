/**
 * Validates list results one record at a time, so one malformed record is reported (with its id)
 * and skipped instead of failing the page that carries a hundred good ones.
 */
import type { z } from 'zod';

export type JamfRecordKind = 'computer' | 'mobileDevice' | 'fileVault' | 'department' | 'building';

export interface RecordIssue {
  /** Dotted path inside the record, e.g. "hardware.processorSpeedMhz". */
  path: string;
  message: string;
}

export interface InvalidRecordReport {
  kind: JamfRecordKind;
  /** The record's id as Jamf sent it, or null when even the id is missing. */
  id: string | null;
  issues: RecordIssue[];
}

export interface ValidatedRecords<T> {
  records: T[];
  invalid: InvalidRecordReport[];
}

/** Reads a record's id without trusting its shape (it may be the very thing that is malformed). */
function rawRecordId(raw: unknown, idField: string): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const value = (raw as Record<string, unknown>)[idField];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function issuesOf(error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.') || '(record)',
    message: issue.message,
  }));
}

export function validateRecords<S extends z.ZodType>(
  items: readonly unknown[],
  schema: S,
  kind: JamfRecordKind,
  idField: string,
): ValidatedRecords<z.output<S>> {
  const records: Array<z.output<S>> = [];
  const invalid: InvalidRecordReport[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else invalid.push({ kind, id: rawRecordId(item, idField), issues: issuesOf(parsed.error) });
  }
  return { records, invalid };
}
