// Preview (dry run) and sync buttons for an admin (or ops): offered only to a role that may use
// them. A preview shows what a sync would do; a sync opens its run page, which follows it live.
import { h, replace, errorBox, number, announce } from '../dom.js';
import { may } from '../session.js';

export function syncActions({ api, session, org }) {
  if (!may(session, 'admin')) return null;
  const output = h('div', { class: 'sync-output', 'aria-live': 'polite' });
  const preview = h('button', { type: 'button', class: 'button-secondary' }, 'Preview sync');
  const sync = h('button', { type: 'button' }, 'Sync now');
  const busy = (on) => {
    preview.disabled = on;
    sync.disabled = on;
  };

  preview.addEventListener('click', async () => {
    busy(true);
    replace(output, h('p', { class: 'muted', role: 'status' }, 'Previewing: reading Jamf, nothing is written…'));
    try {
      const report = await api.startSync(org, { dryRun: true });
      replace(output, previewSummary(report));
      announce('Preview ready');
    } catch (err) {
      replace(output, errorBox(err, 'The preview failed'));
    } finally {
      busy(false);
    }
  });

  sync.addEventListener('click', () => {
    const start = h('button', { type: 'button' }, `Start the sync of ${org}`);
    const cancel = h('button', { type: 'button', class: 'button-quiet' }, 'Cancel');
    cancel.addEventListener('click', () => {
      replace(output);
      sync.focus();
    });
    start.addEventListener('click', async () => {
      busy(true);
      start.disabled = true;
      if (!(await startSyncAndOpenRun({ api, org, output }))) busy(false);
    });
    replace(output, h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm the sync' }, h('p', {}, 'A full sync writes to the inventory now. Start it?'), start, ' ', cancel));
    start.focus();
  });

  return h(
    'section',
    { class: 'card sync-actions', 'aria-labelledby': 'sync-actions-heading' },
    h('h2', { id: 'sync-actions-heading' }, 'Sync'),
    h('p', { class: 'muted small' }, 'A preview reads Jamf and shows what a sync would change, writing nothing.'),
    h('div', { class: 'button-row' }, preview, sync),
    output,
  );
}

export function previewSummary(report) {
  const c = report.counts;
  const skipped = Object.values(c.skipped ?? {}).reduce((a, b) => a + b, 0);
  const item = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, number.format(value)));
  const byField = new Map();
  for (const change of report.changes ?? []) {
    // A planned creation or removal has no field: it counts under what it does.
    const key = change.field ?? (change.action === 'create' ? '(new asset)' : `(${change.action})`);
    byField.set(key, (byField.get(key) ?? 0) + 1);
  }
  return h(
    'div',
    { class: 'preview' },
    h('h3', {}, 'Preview: what a sync would do'),
    h(
      'dl',
      { class: 'counts' },
      item('Read from Jamf', c.fetched),
      item('Would create', c.created),
      item('Would update', c.updated),
      item('Unchanged', c.unchanged),
      item('Would mark removed', c.removed),
      item('Skipped', skipped),
      item('Employees created', c.employeesCreated),
      item('Warnings', c.warnings),
      item('Errors', c.errors),
    ),
    byField.size
      ? h(
          'ul',
          { class: 'changes-by-field' },
          [...byField].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([field, n]) => h('li', {}, h('code', {}, field), `: ${number.format(n)}`)),
        )
      : h('p', { class: 'muted' }, 'No change would be made.'),
  );
}

/**
 * Starts a real sync and opens its run page (which follows it live); when it does not start, says
 * why in `output`, with a link to the failed run the API recorded. True when it started.
 */
export async function startSyncAndOpenRun({ api, org, output }) {
  replace(output, h('p', { class: 'muted', role: 'status' }, 'Starting the sync…'));
  try {
    const started = await api.startSync(org, { dryRun: false });
    location.hash = `#/runs/${started.runId}`;
    return true;
  } catch (err) {
    const runId = err.details?.runId;
    replace(output, errorBox(err, 'The sync did not start'), runId ? h('p', {}, h('a', { href: `#/runs/${runId}` }, 'Open the failed run')) : null);
    return false;
  }
}
