// One asset: its facts, where each came from (the last change that set it: a run, or no run for
// an import or a review decision), and its change history. For ops, the secure fields
// (FileVault key, locks, AppleCare) after giving a reason, which the audit trail records.
import { h, replace, errorBox, loading, formatDateTime, timeAgo, badge } from '../dom.js';
import { may } from '../session.js';
import { dataTable } from '../components/data-table.js';

const FACTS = [
  ['assetType', 'Type'],
  ['make', 'Make'],
  ['model', 'Model'],
  ['modelIdentifier', 'Model identifier'],
  ['modelNumber', 'Model number'],
  ['displaySizeInches', 'Display (inches)'],
  ['releaseDate', 'Released'],
  ['color', 'Colour'],
  ['keyboardLanguage', 'Keyboard'],
  ['imei', 'IMEI'],
  ['memoryMb', 'Memory (MB)'],
  ['processor', 'Processor'],
  ['processorFrequencyMhz', 'Processor (MHz)'],
  ['storageMb', 'Storage (MB)'],
  ['storageType', 'Storage type'],
  ['operatingSystem', 'OS'],
  ['status', 'Status'],
  ['condition', 'Condition'],
  ['location', 'Location'],
  ['assigneeEmail', 'Assignee'],
  ['jamfId', 'Jamf id'],
];

const text = (value) => (value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The change that last set each field: a field's own change, else the facts it was created with. */
export function originsOf(history) {
  const origins = new Map();
  for (const change of history) {
    if (change.field === '(created)' && change.new && typeof change.new === 'object') {
      for (const field of Object.keys(change.new)) origins.set(field, change);
    } else {
      origins.set(change.field, change);
    }
  }
  return origins;
}

function origin(change) {
  if (!change) return h('span', { class: 'muted' }, 'no change recorded for it');
  const when = timeAgo(change.at);
  return change.runId
    ? h('span', {}, h('a', { href: `#/runs/${change.runId}` }, 'a sync'), ' ', when)
    : h('span', {}, 'not a sync (an import or a review decision) ', when);
}

export async function render({ main, params: [org, serial], session, api, isCurrent }) {
  replace(main, h('p', { class: 'breadcrumb' }, h('a', { href: `#/orgs/${encodeURIComponent(org)}/assets` }, `Assets: ${org}`)), h('h1', {}, `Asset ${serial}`), loading('the asset'));
  let asset;
  try {
    asset = await api.asset(org, serial);
  } catch (err) {
    if (isCurrent()) main.lastChild.replaceWith(errorBox(err, 'Could not read the asset'));
    return;
  }
  if (!isCurrent()) return;
  const origins = originsOf(asset.history);
  const presence =
    asset.jamfPresence === 'removed' ? badge(`removed from Jamf ${formatDateTime(asset.jamfRemovedAt)}`, 'warn') : asset.jamfPresence === 'present' ? badge('in Jamf', 'ok') : badge('not from Jamf', 'muted');
  main.lastChild.replaceWith(
    h('p', {}, presence, ' ', h('span', { class: 'muted small' }, `updated ${formatDateTime(asset.updatedAt)}`)),
    h(
      'section',
      { 'aria-labelledby': 'facts-heading' },
      h('h2', { id: 'facts-heading' }, 'Facts'),
      dataTable({
        caption: 'Each fact and where it came from',
        rows: FACTS.map(([key, label]) => ({ key, label, value: asset[key], origin: origins.get(key) })),
        columns: [
          { key: 'label', label: 'Field' },
          { key: 'value', label: 'Value', cell: (r) => text(r.value) },
          { key: 'origin', label: 'Set by', cell: (r) => (r.value === null ? null : origin(r.origin)) },
        ],
      }),
    ),
    may(session, 'ops') ? secureSection({ api, org, serial }) : null,
    h(
      'section',
      { 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, `Change history (${asset.history.length}${asset.historyNext ? '+' : ''})`),
      dataTable({
        caption: 'Changes, oldest first',
        rows: asset.history,
        empty: 'No change recorded.',
        columns: [
          { key: 'at', label: 'When', cell: (c) => formatDateTime(c.at) },
          { key: 'field', label: 'Field', cell: (c) => h('code', {}, c.field) },
          { key: 'old', label: 'Before', cell: (c) => (c.field === '(created)' ? null : text(c.old)) },
          { key: 'new', label: 'After', cell: (c) => (c.field === '(created)' ? h('details', {}, h('summary', {}, 'the facts it was created with'), h('pre', { class: 'facts-text' }, JSON.stringify(c.new, null, 2))) : text(c.new)) },
          { key: 'runId', label: 'By', cell: (c) => (c.runId ? h('a', { href: `#/runs/${c.runId}` }, 'a sync', h('span', { class: 'visually-hidden' }, ` (change at ${formatDateTime(c.at)})`)) : 'import or review') },
        ],
      }),
      asset.historyNext ? h('p', { class: 'muted small' }, 'The first 1000 changes; the rest are in GET …/changes?serial=…') : null,
    ),
  );
}

/** Ops only: the secure fields, never shown without a reason; each read is an audit row. */
function secureSection({ api, org, serial }) {
  const reason = h('input', { id: 'secure-reason', name: 'secure-reason', required: true, autocomplete: 'off', maxlength: '500', 'aria-describedby': 'secure-help' });
  const reveal = h('button', { type: 'submit' }, 'Reveal secure fields');
  const output = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card secure-fields', novalidate: true, 'aria-labelledby': 'secure-heading' },
    h('h2', { id: 'secure-heading' }, 'Secure fields'),
    h('p', { id: 'secure-help', class: 'muted small' }, 'FileVault recovery key, activation lock, recovery lock and AppleCare ID. Each reading is recorded in the audit trail with your token and the reason.'),
    h('div', { class: 'field' }, h('label', { for: 'secure-reason' }, 'Reason (e.g. a ticket number)'), reason),
    h('div', { class: 'button-row' }, reveal),
    output,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!reason.value.trim()) {
      replace(output, h('p', { class: 'field-error', role: 'alert' }, 'Say why you read them: the audit trail records it.'));
      reason.focus();
      return;
    }
    reveal.disabled = true;
    try {
      const fields = await api.secureFields(org, serial, reason.value.trim());
      const item = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value === null ? h('span', { class: 'muted' }, 'none') : h('code', { class: 'copyable' }, String(value))));
      replace(
        output,
        h(
          'dl',
          { class: 'facts' },
          item('FileVault recovery key', fields.recoveryKey),
          item('Activation lock', fields.activationLockEnabled === null ? null : fields.activationLockEnabled ? 'enabled' : 'disabled'),
          item('Recovery lock', fields.recoveryLockEnabled === null ? null : fields.recoveryLockEnabled ? 'enabled' : 'disabled'),
          item('AppleCare ID', fields.appleCareId),
        ),
        h('p', { class: 'muted small audit-note' }, 'This reading is audit row ', h('code', {}, fields.auditId)),
      );
    } catch (err) {
      replace(output, errorBox(err, 'The secure fields were not read'));
    } finally {
      reveal.disabled = false;
    }
  });
  return form;
}
