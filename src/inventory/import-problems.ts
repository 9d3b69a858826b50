/** One problem: its line (CSV) or row (JSON) number, the field it is about (null: the whole row or the header), and the sentence. */
export interface ImportProblem {
  position: number;
  field: string | null;
  text: string;
}

/**
 * The problems found in an import file, listed in file order whatever step found them (reading,
 * checking a field, comparing with the database), and how many rows they refuse.
 */
export class ImportProblems {
  private readonly list: ImportProblem[] = [];
  private readonly refusedPositions = new Set<number>();

  /** A problem of the row (or header line) at `at`; `text` starts with its "line 7" / "row 3"; `field` when it is one field's. */
  add(at: { position: number }, text: string, field: string | null = null): void {
    this.list.push({ position: at.position, text, field });
    this.refusedPositions.add(at.position);
  }

  get count(): number {
    return this.list.length;
  }

  /** Rows (and header lines) with at least one problem. */
  get refused(): number {
    return this.refusedPositions.size;
  }

  /** Every problem, by position in the file (a stable sort keeps each row's problems in the order found). */
  inFileOrder(): string[] {
    return this.detailed().map((p) => p.text);
  }

  /** The same, with each one's position and field (the HTTP API answers them so). */
  detailed(): ImportProblem[] {
    return [...this.list].sort((a, b) => a.position - b.position);
  }
}
