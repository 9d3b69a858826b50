import { z } from 'zod';

/** Request and response pieces every route group shares. Response schemas describe what is answered (the OpenAPI test holds real responses to them). */

/** A serial number as a query value: PostgreSQL text cannot hold NUL, and no serial has a control character. */
export const serialText = z
  .string()
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

/** The most any list answers at once; `limit` defaults to 100. */
export const MAX_PAGE_SIZE = 1000;
export const pageLimit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100).describe(`At most ${MAX_PAGE_SIZE}; 100 unless given`);

/** An opaque cursor: the `next` of the previous page. */
export const cursorText = z.string().max(500).describe('The `next` of the previous page');

/** An organization's slug in the path; the role check reads it before anything is looked up. */
export const orgParams = z.object({ org: z.string().describe('The organization slug, e.g. acme') });

export const isoTime = z.string().describe('ISO 8601 time, UTC');

/** A time given in a query: any form Date parses, answered back as ISO. */
export const timeQuery = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date or time such as 2026-12-01 or 2026-12-01T08:00:00Z')
  .transform((v) => new Date(v));

export const runCountsSchema = z.object({
  fetched: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.record(z.string(), z.number()),
  employeesCreated: z.number(),
  employeesLinked: z.number(),
  removed: z.number(),
  warnings: z.number(),
  errors: z.number(),
  recoveryKeysStored: z.number().optional(),
  outOfScope: z.number().optional().describe("Assets a complete run found outside the connection's scope for the first time (kept, not removed)"),
  backInScope: z.number().optional().describe('Assets marked out of scope that the run saw in scope again'),
});

/** A connection's device scope (README, Device scope per connection); {} is every device. */
export const deviceScopeSchema = z.object({
  siteId: z.string().optional(),
  building: z.string().optional(),
  department: z.string().optional(),
  managedOnly: z.boolean().optional(),
  kinds: z.array(z.enum(['computers', 'mobiles'])).optional(),
  computersFilter: z.string().optional(),
  mobilesFilter: z.string().optional(),
});

export const runIssueSchema = z.object({
  code: z.string(),
  serialNumber: z.string().nullable(),
  jamfId: z.string().nullable(),
  message: z.string(),
});
