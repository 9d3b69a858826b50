import { z } from 'zod';

/** One problem of an import body: where (CSV line or JSON row), which field (null: the whole row or the header), and the CLI's sentence. */
export const importProblemSchema = z.object({
  line: z.number().nullable().describe('CSV: the line the record starts on (1 is the header); null for JSON'),
  row: z.number().nullable().describe('JSON: the array index + 1; null for CSV'),
  field: z.string().nullable().describe('The field the problem is about; null when it is the whole row or the header'),
  message: z.string().describe('As the CLI prints it, e.g. "line 3: emails must hold at least one valid email address (got nothing)"'),
});

export const importSummarySchema = z.object({
  organization: z.string(),
  format: z.enum(['csv', 'json']),
  dryRun: z.boolean().describe('Nothing was written (dryRun=true): the counts say what an import would do'),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  refused: z.number().describe('Rows (and header lines) with a problem; any refuses the whole body'),
  problems: z.array(importProblemSchema),
  ignoredFields: z.array(z.string()).describe('Columns or fields of the body that are not imported (export-only, secure, or columns an HR export carries)'),
});

/** A refused import: 422, nothing written, every problem listed (the summary's counts when the body could be read at all). */
export const importRefusedSchema = z.object({
  error: z.object({
    code: z.literal('import_refused'),
    message: z.string(),
    details: z.object({
      rows: z.number().nullable().describe('null when the body could not be read as CSV or JSON at all'),
      refused: z.number().nullable(),
      problems: z.array(importProblemSchema),
    }),
  }),
});

/** The JSON body: one array of objects (employees or assets), each field as in the CLI's JSON files. Rows are checked one by one, so one bad row is reported by its row number. */
export const importRowsBody = (example: Record<string, unknown>) =>
  z.array(z.unknown()).meta({ description: 'One array of objects, as the CLI imports from a .json file', examples: [[example]] });
