/** Pure arithmetic of the fleet benchmark: how runs overlapped, spread and added up. */

export interface BenchRun {
  slug: string;
  status: string;
  /** host:pid of the replica that ran it. */
  owner: string;
  startedAt: number;
  /** When it finished or was marked interrupted; null while it runs. */
  finishedAt: number | null;
  fetched: number;
}

/** Most runs that were going at the same moment (the bound to check: SYNC_MAX_CONCURRENT). */
export function maxOverlap(runs: readonly Pick<BenchRun, 'startedAt' | 'finishedAt'>[], now: number): number {
  const edges = runs.flatMap((r) => [
    { at: r.startedAt, step: 1 },
    { at: r.finishedAt ?? now, step: -1 },
  ]);
  // An end and a start at the same instant do not overlap.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let going = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (going += e.step));
  return max;
}

/** How far the busiest or idlest replica is from an even share of the runs, as a share of it (0.1 = ±10 %). */
export function deviationFromEven(runsPerReplica: readonly number[]): number {
  const total = runsPerReplica.reduce((a, b) => a + b, 0);
  if (!runsPerReplica.length || total === 0) return 0;
  const even = total / runsPerReplica.length;
  return Math.max(...runsPerReplica.map((n) => Math.abs(n - even))) / even;
}

/**
 * A six-field node-cron expression (seconds first) that fires once, at `at` (UTC, to the second):
 * the bench's "nightly window" at a moment of its choosing.
 */
export function cronAt(at: Date): string {
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
}

/** A plain text table: the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padStart(i === 0 ? 0 : widths[i]).padEnd(i === 0 ? widths[i] : 0)).join('  ')).join('\n');
}
