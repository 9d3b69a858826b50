// One run: what it was, why it failed (code, message, what to do), its counts, its warnings and
// errors per device and its field-level changes, both filterable. A run still going is followed
// live.
import { h, replace, errorBox, loading, formatDateTime, duration, runStatusBadge, number, announce } from '../dom.js';
import { lastError } from '../components/org-status.js';
import { dataTable } from '../components/data-table.js';
import { select, searchBox, filterForm } from '../components/fields.js';

const REFRESH_MS = 2000;
/** Rows drawn at once; the filters narrow the rest down. */
const SHOWN = 300;

export async function render({ main, params: [id], api, onCleanup, isCurrent }) {
  replace(main, h('h1', {}, 'Run'), loading('the run'));
  let timer = null;
  onCleanup(() => clearTimeout(timer));
  let drawnIssues = false;
  const issuesSection = h('section', { 'aria-labelledby': 'issues-heading' });
  const changesSection = h('section', { 'aria-labelledby': 'changes-heading' });
  const head = h('div');

  const load = async () => {
    let run;
    try {
      run = await api.run(id);
    } catch (err) {
      if (isCurrent()) replace(main, h('h1', {}, 'Run'), errorBox(err, 'Could not read the run'));
      return;
    }
    if (!isCurrent()) return;
    replace(head, ...summary(run));
    // The lists are drawn once the run has ended (while it runs they grow; the counts say how much).
    if (!drawnIssues && run.status !== 'running') {
      drawnIssues = true;
      issues(issuesSection, run);
      changes(changesSection, run);
    }
    if (!main.contains(head)) replace(main, head, issuesSection, changesSection);
    clearTimeout(timer);
    if (run.status === 'running') timer = setTimeout(load, REFRESH_MS);
    else if (drawnIssues && timer !== null) announce(`The run ended: ${run.status}`);
  };
  await load();
}

function summary(run) {
  const item = (term, value) => (value === null || value === undefined || value === '' ? null : h('div', {}, h('dt', {}, term), h('dd', {}, value)));
  const c = run.counts;
  const skipped = Object.entries(c.skipped ?? {});
  const count = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, number.format(value ?? 0)));
  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/orgs/${encodeURIComponent(run.organization)}/runs` }, `Runs of ${run.organization}`)),
    h('h1', {}, `Run of ${formatDateTime(run.startedAt)} `, runStatusBadge(run.status)),
    run.status === 'running' ? h('p', { class: 'notice notice-info', role: 'status' }, 'This run is still going; the page follows it.') : null,
    h(
      'dl',
      { class: 'facts' },
      item('Run id', h('code', {}, run.id)),
      item('Trigger', run.trigger),
      item('Mode', run.mode),
      item('Started', formatDateTime(run.startedAt)),
      item('Finished', run.finishedAt ? formatDateTime(run.finishedAt) : null),
      item('Duration', duration(run.startedAt, run.finishedAt)),
      item('Due', run.dueAt ? formatDateTime(run.dueAt) : null),
    ),
    run.errorCode || run.failureReason ? lastError({ code: run.errorCode, message: run.failureReason }) : null,
    h('h2', {}, 'Counts'),
    h(
      'dl',
      { class: 'counts' },
      count('Read from Jamf', c.fetched),
      count('Created', c.created),
      count('Updated', c.updated),
      count('Unchanged', c.unchanged),
      count('Marked removed', c.removed),
      count('Employees created', c.employeesCreated),
      count('Assets linked', c.employeesLinked),
      count('Warnings', c.warnings),
      count('Errors', c.errors),
      c.recoveryKeysStored !== undefined ? count('FileVault keys stored', c.recoveryKeysStored) : null,
    ),
    skipped.length ? h('p', {}, 'Skipped: ', skipped.map(([reason, n]) => `${number.format(n)} ${reason}`).join(', ')) : null,
  ];
}

/** Warnings and errors, per device: filter by kind, code, or any text (serial, Jamf id, message). */
function issues(section, run) {
  const all = [...run.errors.map((e) => ({ ...e, kind: 'error' })), ...run.warnings.map((w) => ({ ...w, kind: 'warning' }))];
  const heading = h('h2', { id: 'issues-heading' }, `Warnings and errors (${number.format(all.length)})`);
  if (!all.length) return replace(section, heading, h('p', { class: 'muted' }, 'None: every device went through cleanly.'));
  const kind = select('issue-kind', 'Kind', ['error', 'warning'], { label: (k) => `${k}s` });
  const code = select('issue-code', 'Code', [...new Set(all.map((i) => i.code))].sort());
  const text = searchBox('issue-text', 'Search', 'serial, Jamf id or message');
  const table = h('div');
  const show = () => {
    const needle = text.input.value.trim().toLowerCase();
    const shown = all.filter(
      (i) =>
        (!kind.input.value || i.kind === kind.input.value) &&
        (!code.input.value || i.code === code.input.value) &&
        (!needle || [i.serialNumber, i.jamfId, i.message, i.code].some((v) => v && v.toLowerCase().includes(needle))),
    );
    replace(
      table,
      countLine(shown.length, all.length, 'warnings and errors'),
      dataTable({
        rows: shown.slice(0, SHOWN),
        empty: 'Nothing matches the filters.',
        columns: [
          { key: 'kind', label: 'Kind', cell: (i) => h('span', { class: `badge badge-${i.kind === 'error' ? 'bad' : 'warn'}` }, i.kind) },
          { key: 'code', label: 'Code', nowrap: true, cell: (i) => h('code', {}, i.code) },
          { key: 'serialNumber', label: 'Serial' },
          { key: 'jamfId', label: 'Jamf id' },
          { key: 'message', label: 'Message' },
        ],
      }),
    );
  };
  for (const f of [kind, code]) f.input.addEventListener('change', show);
  text.input.addEventListener('input', show);
  replace(section, heading, filterForm('Filter the warnings and errors', kind.field, code.field, text.field), table);
  show();
}

/** Field-level changes: filter by field or by serial. */
function changes(section, run) {
  const all = run.changes ?? [];
  const heading = h('h2', { id: 'changes-heading' }, `Changes (${number.format(all.length)})`);
  if (!all.length) return replace(section, heading, h('p', { class: 'muted' }, 'This run changed nothing.'));
  const field = select('change-field', 'Field', [...new Set(all.map((c) => c.field))].sort());
  const text = searchBox('change-text', 'Serial', 'serial number');
  const table = h('div');
  const show = () => {
    const needle = text.input.value.trim().toLowerCase();
    const shown = all.filter((c) => (!field.input.value || c.field === field.input.value) && (!needle || c.serialNumber.toLowerCase().includes(needle)));
    replace(
      table,
      countLine(shown.length, all.length, 'changes'),
      dataTable({
        rows: shown.slice(0, SHOWN),
        empty: 'Nothing matches the filters.',
        columns: [
          { key: 'serialNumber', label: 'Serial' },
          { key: 'field', label: 'Field', cell: (c) => h('code', {}, c.field) },
          { key: 'old', label: 'Before', cell: (c) => valueText(c.old) },
          { key: 'new', label: 'After', cell: (c) => (c.field === '(created)' ? createdAsset(c.new) : valueText(c.new)) },
        ],
      }),
    );
  };
  field.input.addEventListener('change', show);
  text.input.addEventListener('input', show);
  replace(section, heading, filterForm('Filter the changes', field.field, text.field), table);
  show();
}

function countLine(shown, total, what) {
  const drawn = Math.min(shown, SHOWN);
  return h('p', { class: 'muted small', role: 'status' }, `${number.format(shown)} of ${number.format(total)} ${what}${drawn < shown ? ` (the first ${drawn} shown; narrow the filters)` : ''}`);
}

/** A created asset's facts, folded: the model in the summary, every fact on demand. */
function createdAsset(facts) {
  if (!facts || typeof facts !== 'object') return valueText(facts);
  const lines = Object.entries(facts).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return h('details', {}, h('summary', {}, `new ${facts.assetType ?? 'asset'}: ${facts.model ?? facts.serialNumber ?? ''}`), h('pre', { class: 'facts-text' }, lines.join('\n')));
}

function valueText(value) {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
