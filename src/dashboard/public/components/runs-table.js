// Runs as a table: when, status, trigger, how long, and what each did.
import { h, timeAgo, duration, runStatusBadge, number } from '../dom.js';
import { dataTable } from './data-table.js';

const count = (key) => ({ key, numeric: true, cell: (r) => number.format(r.counts[key] ?? 0) });
const skipped = (r) => Object.values(r.counts.skipped ?? {}).reduce((a, b) => a + b, 0);

export function runsTable(runs, { caption } = {}) {
  return dataTable({
    caption,
    rows: runs,
    empty: 'No run yet.',
    columns: [
      { key: 'startedAt', label: 'Started', cell: (r) => h('a', { href: `#/runs/${r.id}` }, timeAgo(r.startedAt)) },
      { key: 'status', label: 'Status', cell: (r) => h('span', {}, runStatusBadge(r.status), r.errorCode ? h('code', { class: 'small' }, ` ${r.errorCode}`) : null) },
      { key: 'trigger', label: 'Trigger', cell: (r) => `${r.trigger} · ${r.mode}` },
      { key: 'duration', label: 'Duration', cell: (r) => (r.status === 'running' ? 'running' : duration(r.startedAt, r.finishedAt)) },
      { ...count('fetched'), label: 'Read' },
      { ...count('created'), label: 'Created' },
      { ...count('updated'), label: 'Updated' },
      { ...count('removed'), label: 'Removed' },
      { key: 'skipped', label: 'Skipped', numeric: true, cell: (r) => number.format(skipped(r)) },
      { ...count('warnings'), label: 'Warnings' },
      { ...count('errors'), label: 'Errors' },
    ],
  });
}
