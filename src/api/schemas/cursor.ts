import { z } from 'zod';

/**
 * Opaque page cursors: what a list answers as `next` and takes back as `after`. A cursor is the
 * keyset position of the page's last row (e.g. a run's start time with its microseconds and id),
 * base64url JSON so a client treats it as one token rather than something to build or edit.
 */

export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * A query parameter holding a cursor of this shape; a value that is not one of ours is a 400 on
 * that parameter (never a database error from a malformed time or id).
 */
export function cursorQuery<S extends z.ZodObject>(shape: S) {
  return z
    .string()
    .max(500)
    .describe('The `next` of the previous page')
    .transform((value, ctx) => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = shape.safeParse(decoded);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this list answered (pass its `next` as it is)' });
        return z.NEVER;
      }
      return parsed.data as z.output<S>;
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidText = z.string().regex(UUID, 'must be a UUID');

/** A timestamptz as PostgreSQL prints it (microseconds kept), as read back into a cursor. */
export const timestampText = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))), 'must be a time');

/** Free text in a query (a filter, a reason): PostgreSQL text cannot hold NUL, and none of these needs a control character. */
export function queryText(max: number) {
  return z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
}
