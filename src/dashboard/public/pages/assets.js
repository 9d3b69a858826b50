// Assets of one organization as the inventory holds them (never the secure fields): searchable
// and sortable, read page by page from GET …/assets. An admin can preview and start a sync here.
import { h, replace, errorBox, loading, number, badge, formatDateTime } from '../dom.js';
import { dataTable, sortRows } from '../components/data-table.js';
import { select, searchBox, filterForm } from '../components/fields.js';
import { syncActions } from '../components/sync-actions.js';

/** Beyond this many assets the page stops reading and says so (the API's filters will narrow it down). */
const MAX_ASSETS = 20000;
const PAGE = 100;

const COLUMNS = [
  { key: 'serialNumber', label: 'Serial', sortable: true, cell: (a) => h('code', {}, a.serialNumber) },
  { key: 'assetType', label: 'Type', sortable: true },
  { key: 'model', label: 'Model', sortable: true },
  { key: 'displaySizeInches', label: 'Display', sortable: true, numeric: true, cell: (a) => (a.displaySizeInches === null ? null : `${a.displaySizeInches}″`) },
  { key: 'releaseDate', label: 'Released', sortable: true },
  { key: 'operatingSystem', label: 'OS', sortable: true },
  { key: 'assigneeEmail', label: 'Assignee', sortable: true },
  {
    key: 'jamfPresence',
    label: 'In Jamf',
    sortable: true,
    cell: (a) =>
      a.jamfPresence === 'removed'
        ? h('span', { title: a.jamfRemovedAt ? `Removed from Jamf ${formatDateTime(a.jamfRemovedAt)}` : null }, badge('removed', 'warn'))
        : a.jamfPresence === 'present'
          ? badge('present', 'ok')
          : badge('not from Jamf', 'muted'),
  },
];

export async function render({ main, params: [org], session, api, isCurrent }) {
  const status = h('div', { class: 'assets-status' }, loading('the assets'));
  replace(main, h('h1', {}, `Assets: ${org}`), syncActions({ api, session, org }), status);
  const assets = [];
  let truncated = false;
  try {
    let after;
    do {
      const page = await api.assets(org, { limit: 1000, after });
      if (!isCurrent()) return;
      assets.push(...page.assets);
      after = page.next;
      replace(status, h('p', { class: 'muted', role: 'status' }, `Loading the assets… ${number.format(assets.length)} so far`));
    } while (after && !(truncated = assets.length >= MAX_ASSETS));
  } catch (err) {
    if (isCurrent()) replace(status, errorBox(err, 'Could not read the assets'));
    return;
  }
  replace(status, table(assets, truncated));
}

function table(assets, truncated) {
  const search = searchBox('asset-search', 'Search', 'serial, model, OS or assignee');
  const type = select('asset-type', 'Type', [...new Set(assets.map((a) => a.assetType))].sort());
  const presence = select('asset-presence', 'In Jamf', ['present', 'removed']);
  const out = h('div');
  let sort = { key: 'serialNumber', dir: 'ascending' };
  let shownCount = PAGE;
  const show = () => {
    const needle = search.input.value.trim().toLowerCase();
    const matching = assets.filter(
      (a) =>
        (!type.input.value || a.assetType === type.input.value) &&
        (!presence.input.value || a.jamfPresence === presence.input.value) &&
        (!needle || [a.serialNumber, a.model, a.operatingSystem, a.assigneeEmail, a.assetType].some((v) => v && String(v).toLowerCase().includes(needle))),
    );
    const sorted = sortRows(matching, (a) => a[sort.key], sort.dir);
    const more = sorted.length > shownCount ? h('button', { type: 'button', class: 'button-secondary', onclick: () => ((shownCount += PAGE * 5), show()) }, `Show more (${number.format(sorted.length - shownCount)} left)`) : null;
    replace(
      out,
      h('p', { class: 'muted small', role: 'status' }, `${number.format(matching.length)} of ${number.format(assets.length)} assets`, truncated ? ` (the first ${number.format(assets.length)} read)` : ''),
      dataTable({
        caption: 'Assets',
        columns: COLUMNS,
        rows: sorted.slice(0, shownCount),
        sort,
        empty: assets.length ? 'No asset matches.' : 'No asset yet: run a sync.',
        onSort: (key) => {
          sort = { key, dir: sort.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending' };
          show();
          out.querySelector(`th[aria-sort="${sort.dir}"] button`)?.focus();
        },
      }),
      more,
    );
  };
  search.input.addEventListener('input', () => ((shownCount = PAGE), show()));
  type.input.addEventListener('change', show);
  presence.input.addEventListener('change', show);
  const wrap = h('section', { 'aria-label': 'Asset list' }, filterForm('Filter the assets', search.field, type.field, presence.field), out);
  show();
  return wrap;
}
