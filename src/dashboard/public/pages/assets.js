// Assets of one organization as the inventory holds them (never the secure fields): filtered by
// type and presence by the API (GET …/assets?type=&presence=, page by page), then searchable and
// sortable here. Each serial opens the asset's page. An admin can preview and start a sync here.
import { h, replace, errorBox, loading, number, badge, formatDateTime } from '../dom.js';
import { dataTable, sortRows } from '../components/data-table.js';
import { select, searchBox, filterForm } from '../components/fields.js';
import { syncActions } from '../components/sync-actions.js';

/** Beyond this many assets the page stops reading and says so (the API's filters will narrow it down). */
const MAX_ASSETS = 20000;
const PAGE = 100;

const COLUMNS = [
  { key: 'serialNumber', label: 'Serial', sortable: true, cell: (a) => h('a', { href: `#/orgs/${encodeURIComponent(a.organization)}/assets/${encodeURIComponent(a.serialNumber)}` }, h('code', {}, a.serialNumber)) },
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

/** Asset types as the inventory knows them (src/db/schema/assets.ts). */
const ASSET_TYPES = ['laptop', 'desktop', 'mobile', 'tablet', 'tv', 'watch', 'headset', 'unknown'];

export async function render({ main, params: [org], session, api, isCurrent }) {
  const type = select('asset-type', 'Type', ASSET_TYPES);
  const presence = select('asset-presence', 'In Jamf', ['present', 'removed']);
  const search = searchBox('asset-search', 'Search', 'serial, model, OS or assignee');
  const status = h('div', { class: 'assets-status' }, loading('the assets'));
  replace(
    main,
    h('h1', {}, `Assets: ${org}`),
    syncActions({ api, session, org }),
    h('section', { 'aria-label': 'Asset list' }, filterForm('Filter the assets', search.field, type.field, presence.field), status),
  );
  let reads = 0;
  const read = async () => {
    // A filter changed while pages were being read: only the latest read goes on.
    const mine = ++reads;
    const filters = { type: type.input.value, presence: presence.input.value };
    const assets = [];
    let truncated = false;
    try {
      let after;
      do {
        const page = await api.assets(org, { limit: 1000, after, ...filters });
        if (!isCurrent() || mine !== reads) return;
        assets.push(...page.assets.map((a) => ({ ...a, organization: org })));
        after = page.next;
        replace(status, h('p', { class: 'muted', role: 'status' }, `Loading the assets… ${number.format(assets.length)} so far`));
      } while (after && !(truncated = assets.length >= MAX_ASSETS));
    } catch (err) {
      if (isCurrent() && mine === reads) replace(status, errorBox(err, 'Could not read the assets'));
      return;
    }
    replace(status, table(assets, truncated, { search, filtered: Boolean(filters.type || filters.presence) }));
  };
  type.input.addEventListener('change', read);
  presence.input.addEventListener('change', read);
  await read();
}

function table(assets, truncated, { search, filtered }) {
  const out = h('div');
  let sort = { key: 'serialNumber', dir: 'ascending' };
  let shownCount = PAGE;
  const show = () => {
    const needle = search.input.value.trim().toLowerCase();
    const matching = assets.filter(
      (a) =>
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
        empty: assets.length || filtered ? 'No asset matches.' : 'No asset yet: run a sync.',
        onSort: (key) => {
          sort = { key, dir: sort.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending' };
          show();
          out.querySelector(`th[aria-sort="${sort.dir}"] button`)?.focus();
        },
      }),
      more,
    );
  };
  // The search box outlives each read: its listener is the latest table's.
  search.input.oninput = () => ((shownCount = PAGE), show());
  show();
  return out;
}
