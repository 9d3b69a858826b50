import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { ImportRefusedError, type ImportInput, type ImportSummary } from '../inventory/import-run';
import type { ImportProblem } from '../inventory/import-problems';
import { importEmployees } from '../inventory/import-employees';
import { importAssets } from '../inventory/import-assets';
import type { AppDatabase } from '../db/open-database';

export const IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
export const IMPORT_TOO_LARGE = `An import body is at most 10 MB (${IMPORT_BODY_LIMIT_BYTES} bytes); split the file and import it in parts (each part is all or nothing)`;

/**
 * An import from the HTTP API: the same importer as `jamf-sync import` (runImport: all or nothing,
 * every problem by line or row), fed the CSV text or the parsed JSON array of the request. A
 * refused body is answered 422 `import_refused` with every problem, as the CLI lists them.
 */
export async function importFromRequest(
  db: AppDatabase,
  kind: 'employees' | 'assets',
  request: { organizationSlug: string; dryRun: boolean; req: Request; json: unknown },
) {
  const csv = typeof request.req.body === 'string' ? request.req.body : null;
  const input: ImportInput =
    csv !== null
      ? { organizationSlug: request.organizationSlug, dryRun: request.dryRun, fileName: `${kind}.csv`, text: csv }
      : { organizationSlug: request.organizationSlug, dryRun: request.dryRun, fileName: `${kind}.json`, json: request.json };
  try {
    const summary = kind === 'employees' ? await importEmployees(db, input) : await importAssets(db, input);
    return importAnswer(summary);
  } catch (err) {
    if (err instanceof ImportRefusedError) {
      const { rows, refused, problemDetails } = err.importSummary;
      throw refusal(err.summary, { rows, refused, problems: problemDetails.map((p) => problemAnswer(p, err.importSummary.format)) });
    }
    if (err instanceof InvalidInputError) {
      throw refusal(err.summary, { rows: null, refused: null, problems: err.problems.map((message) => ({ line: null, row: null, field: null, message })) });
    }
    throw err;
  }
}

export function importAnswer(s: ImportSummary) {
  return {
    organization: s.organization,
    format: s.format,
    dryRun: s.dryRun,
    rows: s.rows,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
    refused: s.refused,
    problems: s.problemDetails.map((p) => problemAnswer(p, s.format)),
    ignoredFields: s.ignoredFields,
  };
}

function problemAnswer(p: ImportProblem, format: 'csv' | 'json') {
  return { line: format === 'csv' ? p.position : null, row: format === 'json' ? p.position : null, field: p.field, message: p.text };
}

function refusal(summary: string, details: unknown): AppError {
  // The importer names its input "employees.csv"; the API's caller sent a body.
  return new AppError(422, 'import_refused', summary.replace(/^(employees|assets)\.(csv|json)/, 'the request body'), details);
}
