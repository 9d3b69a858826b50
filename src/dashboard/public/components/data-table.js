// A table that reads as cards on a phone (each cell labelled by its column, styles.css), with
// optional sortable columns: a button in each sortable header, its order in aria-sort.
import { h } from '../dom.js';

/**
 * columns: [{ key, label, cell(row) → node or text, sortable?, numeric? }]
 * sort: { key, dir: 'ascending'|'descending' } and onSort(key) when a header is activated.
 */
export function dataTable({ caption, columns, rows, sort, onSort, empty = 'Nothing to show.' }) {
  const header = h(
    'tr',
    {},
    columns.map((col) => {
      const sorted = sort?.key === col.key ? sort.dir : null;
      const content = col.sortable && onSort
        ? h('button', { type: 'button', class: 'sort', onclick: () => onSort(col.key) }, col.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''))
        : col.label;
      return h('th', { scope: 'col', class: col.numeric ? 'num' : null, 'aria-sort': col.sortable ? (sorted ?? 'none') : null }, content);
    }),
  );
  const body = rows.length
    ? rows.map((row) => h('tr', {}, columns.map((col) => h('td', { 'data-label': col.label, class: [col.numeric && 'num', col.nowrap && 'nowrap'].filter(Boolean).join(' ') || null }, cellOf(col, row)))))
    : [h('tr', {}, h('td', { colspan: columns.length, class: 'muted empty' }, empty))];
  return h('div', { class: 'table-wrap' }, h('table', { class: onSort ? 'data sortable' : 'data' }, caption ? h('caption', {}, caption) : null, h('thead', {}, header), h('tbody', {}, body)));
}

function cellOf(col, row) {
  const value = col.cell ? col.cell(row) : row[col.key];
  return value === null || value === undefined || value === '' ? h('span', { class: 'muted' }, '—') : value;
}

/** Sorts rows by a column's value (numbers as numbers, text with the locale, empty values last). */
export function sortRows(rows, valueOf, dir) {
  const sign = dir === 'descending' ? -1 : 1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    const xEmpty = x === null || x === undefined || x === '';
    const yEmpty = y === null || y === undefined || y === '';
    if (xEmpty || yEmpty) return xEmpty === yEmpty ? 0 : xEmpty ? 1 : -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  });
}
