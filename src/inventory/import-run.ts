import type { AppDatabase } from '../db/open-database';
import type { Executor } from '../db/query';
import { InvalidInputError } from '../errors/invalid-input-error';
import { ImportProblems, type ImportProblem } from './import-problems';
import { openImportRows, type ColumnSpec, type ImportFormat, type ImportRow, type ImportSource } from './read-import-file';
import { inOrganizationTransaction } from './organization-transaction';

export type ImportInput = ImportSource & {
  organizationSlug: string;
  /** Check everything and count what would change, then roll back: nothing is written. */
  dryRun?: boolean;
};

export interface ImportSummary {
  organization: string;
  format: ImportFormat;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows (and header lines) with a problem; any refuses the whole file. */
  refused: number;
  /** Every problem in file order (a dry run returns them; a real import throws them). */
  problems: string[];
  /** The same problems with their line or row number and field, for the HTTP API. */
  problemDetails: ImportProblem[];
  /** Columns or fields present in the file that are not imported. */
  ignoredFields: string[];
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/** One kind of import: how a row is checked alone, then how a batch of rows meets the database. */
export interface Importer<Row> {
  spec: ColumnSpec;
  /** Checks a row on its own and against earlier rows of the file (collisions); null: nothing more to check. */
  check(row: ImportRow, problems: ImportProblems): Row | null;
  /**
   * Compares a batch with the database, reporting what it refuses, then writes it if `mayWrite()`
   * still says so once the whole batch has been compared.
   */
  apply(tx: Executor, organizationId: string, batch: Row[], problems: ImportProblems, mayWrite: () => boolean): Promise<BatchOutcome>;
  /** Fields seen in the file that are not imported. */
  ignoredFields(): string[];
}

const BATCH_ROWS = 1000;

/** A real import refused for its problems: what the CLI prints, and the summary the HTTP API answers with. */
export class ImportRefusedError extends InvalidInputError {
  constructor(
    message: string,
    readonly importSummary: ImportSummary,
  ) {
    super(message, importSummary.problems);
  }
}

class DryRunFinished extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

/**
 * Reads the file once, as a stream, inside one transaction: each row is checked as it comes, and
 * each batch of 1,000 is compared with the database and written. Memory holds one batch plus what
 * collision checks need (each email or serial seen, with its line), never the whole file. The
 * first problem stops the writing; the rest of the file is still read so that every problem is
 * listed; then the transaction is rolled back, so a file is imported whole or not at all. A dry
 * run does the same without writing and always rolls back.
 */
export async function runImport<Row>(db: AppDatabase, input: ImportInput, importer: Importer<Row>): Promise<ImportSummary> {
  const problems = new ImportProblems();
  const dryRun = input.dryRun ?? false;
  const opened = await openImportRows(input, importer.spec, problems);
  try {
    return await inOrganizationTransaction(db, input.organizationSlug, async (tx, organizationId) => {
      const totals: BatchOutcome = { created: 0, updated: 0, unchanged: 0 };
      const mayWrite = () => !dryRun && problems.count === 0;
      let rows = 0;
      let batch: Row[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const outcome = await importer.apply(tx, organizationId, batch, problems, mayWrite);
        totals.created += outcome.created;
        totals.updated += outcome.updated;
        totals.unchanged += outcome.unchanged;
        batch = [];
      };
      for await (const row of opened.rows) {
        rows++;
        const checked = importer.check(row, problems);
        if (checked !== null) batch.push(checked);
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush();
      const summary: ImportSummary = {
        organization: input.organizationSlug,
        format: opened.format,
        dryRun,
        rows,
        ...totals,
        refused: problems.refused,
        problems: problems.inFileOrder(),
        problemDetails: problems.detailed(),
        ignoredFields: [...opened.ignoredColumns, ...importer.ignoredFields()],
      };
      if (dryRun) throw new DryRunFinished(summary);
      if (problems.count) throw new ImportRefusedError(`${input.fileName}: ${problems.count} problem(s), nothing was written`, summary);
      return summary;
    });
  } catch (err) {
    if (err instanceof DryRunFinished) return err.summary;
    throw err;
  }
}

export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
