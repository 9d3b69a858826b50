/**
 * The problems found in an import file, listed in file order whatever step found them (reading,
 * checking a field, comparing with the database), and how many rows they refuse.
 */
export class ImportProblems {
  private readonly list: Array<{ position: number; text: string }> = [];
  private readonly refusedPositions = new Set<number>();

  /** A problem of the row (or header line) at `at`; `text` starts with its "line 7" / "row 3". */
  add(at: { position: number }, text: string): void {
    this.list.push({ position: at.position, text });
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
    return [...this.list].sort((a, b) => a.position - b.position).map((p) => p.text);
  }
}
