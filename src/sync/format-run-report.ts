import type { RunReport } from './run-report';

/**
 * Warnings about people, listed one by one (each names the emails to compare), since an admin acts
 * on each (every code is also summed up with one example).
 */
const LISTED_IN_FULL = new Map([
  ['possible_duplicate_employee', 'Possible duplicate employees'],
  ['employee_name_derived_from_email', 'Employee names derived from emails'],
  ['serial_not_in_jamf', 'Serial numbers Jamf does not have'],
  ['extension_attribute_invalid', 'Extension attribute values of the wrong type (not applied)'],
]);
/** Partial runs (run-selection.ts) say what they read: they never mark anything removed. */
const PARTIAL_MODES: Record<string, string> = { serial: 'serial numbers only', computers: 'computers only', mobiles: 'mobile devices only' };
const LIST_LIMIT = 100;
/** Assets leaving or re-entering the connection's scope (not removal): [done, dry run] titles. */
const SCOPE_CHANGES: ReadonlyArray<[string, [string, string]]> = [
  ['leave_scope', ['Assets now out of scope (kept, not removed)', 'Assets that would leave the scope (kept, not removed)']],
  ['enter_scope', ['Assets back in scope', 'Assets that would come back into scope']],
];

/** The human summary `jamf-sync sync` prints (the JSON report has everything). */
export function formatRunReport(report: RunReport): string {
  const c = report.counts;
  const skipped = Object.entries(c.skipped)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const seconds = report.finishedAt ? (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000 : null;
  const lines = [
    `${report.mode === 'dry_run' ? 'Dry run (nothing was written)' : `Run ${report.id}`}` +
      `${PARTIAL_MODES[report.mode] ? ` (${PARTIAL_MODES[report.mode]})` : ''} for ${report.organization}: ${report.status}` +
      (seconds !== null ? ` in ${seconds.toFixed(1)} s` : ''),
    ...(report.scopeDescription ? [`  scope             ${report.scopeDescription}`] : []),
    `  devices fetched   ${c.fetched}`,
    `  assets ${report.mode === 'dry_run' ? 'to create' : 'created  '} ${c.created}`,
    `  assets ${report.mode === 'dry_run' ? 'to update' : 'updated  '} ${c.updated}`,
    `  unchanged         ${c.unchanged}`,
    `  skipped           ${Object.values(c.skipped).reduce((a, b) => a + b, 0)}${skipped ? ` (${skipped})` : ''}`,
    `  employees ${report.mode === 'dry_run' ? 'to create' : 'created'}   ${c.employeesCreated}, linked ${c.employeesLinked}`,
    `  removed from Jamf ${c.removed}`,
    ...(c.outOfScope || c.backInScope ? [`  ${report.mode === 'dry_run' ? 'would leave scope' : 'left the scope   '} ${c.outOfScope ?? 0}, back in scope ${c.backInScope ?? 0}`] : []),
    `  warnings          ${c.warnings}`,
    `  errors            ${c.errors}`,
  ];
  if (report.failureReason) lines.push('', `Failed${report.errorCode ? ` (${report.errorCode})` : ''}: ${report.failureReason}`);
  const byCode = new Map<string, number>();
  for (const w of report.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  if (byCode.size) {
    lines.push('', 'Warnings:');
    for (const [code, n] of byCode) {
      const example = report.warnings.find((w) => w.code === code)!;
      lines.push(`  ${code} x${n}, e.g. ${example.serialNumber ?? '(no serial)'} (Jamf id ${example.jamfId}): ${example.message}`);
    }
  }
  for (const [code, title] of LISTED_IN_FULL) {
    const listed = report.warnings.filter((w) => w.code === code);
    if (!listed.length) continue;
    lines.push('', `${title} (${code}):`);
    for (const w of listed.slice(0, LIST_LIMIT)) lines.push(`  ${w.serialNumber ?? '(no serial)'} (Jamf id ${w.jamfId}): ${w.message}`);
    if (listed.length > LIST_LIMIT) lines.push(`  ... and ${listed.length - LIST_LIMIT} more (use --json or export runs)`);
  }
  for (const [action, title] of SCOPE_CHANGES) {
    const listed = report.changes.filter((ch) => ch.action === action);
    if (!listed.length) continue;
    lines.push('', `${title[report.mode === 'dry_run' ? 1 : 0]} (${listed.length}${report.changesTruncated ? '+' : ''}):`);
    for (const ch of listed.slice(0, LIST_LIMIT)) lines.push(`  ${ch.serialNumber} (Jamf id ${ch.jamfId ?? '-'})`);
    if (listed.length > LIST_LIMIT) lines.push(`  ... and ${listed.length - LIST_LIMIT} more (use --json or export changes)`);
  }
  if (report.errors.length) {
    lines.push('', 'Errors:');
    for (const e of report.errors.slice(0, 20)) lines.push(`  ${e.code} ${e.serialNumber ?? '(no serial)'} (Jamf id ${e.jamfId}): ${e.message}`);
    if (c.errors > 20) lines.push(`  ... and ${c.errors - 20} more (use --json or export runs)`);
  }
  return lines.join('\n');
}
