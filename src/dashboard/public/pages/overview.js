// Overview: each organization's sync health. Ops (every organization) get one list, the
// organizations in the most trouble first, refreshed every half minute (a screen left open shows
// a customer starting to fail); a reader or admin token its own organization, its latest runs and
// (admin) the preview and sync buttons.
import { h, replace, errorBox, loading, number } from '../dom.js';
import { byTrouble, healthOf } from '../health.js';
import { orgStatusCard } from '../components/org-status.js';
import { syncActions } from '../components/sync-actions.js';
import { may } from '../session.js';
import { runsTable } from '../components/runs-table.js';
import { devicesByType, webhookInbox } from '../components/org-extras.js';

const REFRESH_MS = 30_000;

export async function render({ main, session, api, onCleanup, isCurrent }) {
  const single = Boolean(session.organization);
  replace(main, h('h1', {}, single ? `Overview: ${session.organization}` : 'Organizations'), loading('the sync status'));
  let statuses;
  try {
    ({ organizations: statuses } = await api.organizations());
  } catch (err) {
    if (isCurrent()) replace(main, h('h1', {}, 'Overview'), errorBox(err, 'Could not read the sync status'));
    return;
  }
  if (!isCurrent()) return;
  if (single) return renderOne(main, statuses[0], { session, api, isCurrent });

  const list = h('div');
  replace(main, h('h1', {}, 'Organizations'), list);
  showAll(list, statuses);
  let timer = null;
  const refresh = async () => {
    // Never redrawn under someone's focus (a link they are about to follow would vanish).
    if (!list.contains(document.activeElement)) {
      try {
        const { organizations } = await api.organizations();
        if (!isCurrent()) return;
        showAll(list, organizations);
      } catch {
        // The list shown stays; the next refresh tries again (a 401 signs out in api.js).
      }
    }
    if (isCurrent()) timer = setTimeout(refresh, REFRESH_MS);
  };
  timer = setTimeout(refresh, REFRESH_MS);
  onCleanup(() => clearTimeout(timer));
}

function showAll(list, statuses) {
  const sorted = byTrouble(statuses);
  const tally = new Map();
  for (const s of sorted) {
    const { label } = healthOf(s);
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  replace(
    list,
    h(
      'p',
      { class: 'summary' },
      `${number.format(sorted.length)} organization${sorted.length === 1 ? '' : 's'}`,
      sorted.length ? `: ${[...tally].map(([label, n]) => `${n} ${label.toLowerCase()}`).join(', ')}` : '',
      '. Most trouble first.',
    ),
    sorted.length
      ? h('ul', { class: 'org-list' }, sorted.map((s) => h('li', {}, orgStatusCard(s, { manage: true }))))
      : h('p', { class: 'muted' }, 'No organization has a Jamf connection yet (jamf-sync connections add).'),
  );
}

async function renderOne(main, status, { session, api, isCurrent }) {
  const org = session.organization;
  if (!status || status.hasConnection === false) {
    replace(
      main,
      h('h1', {}, `Overview: ${org}`),
      h('p', {}, 'This organization has no Jamf connection yet.'),
      may(session, 'admin') ? h('p', {}, h('a', { href: `#/orgs/${encodeURIComponent(org)}/connect` }, 'Connect Jamf')) : null,
    );
    return;
  }
  const latest = h('section', { 'aria-labelledby': 'latest-runs' }, h('h2', { id: 'latest-runs' }, 'Latest runs'), loading('the runs'));
  replace(
    main,
    h('h1', {}, `Overview: ${org}`),
    orgStatusCard(status, { heading: 'Sync health' }),
    h('div', { class: 'card-pair' }, devicesByType({ api, org, isCurrent }), webhookInbox({ api, org, isCurrent })),
    syncActions({ api, session, org }),
    latest,
  );
  try {
    const { runs } = await api.runs(org, 5);
    if (!isCurrent()) return;
    replace(latest, h('h2', { id: 'latest-runs' }, 'Latest runs'), runsTable(runs), h('p', {}, h('a', { href: `#/orgs/${encodeURIComponent(org)}/runs` }, 'All runs')));
  } catch (err) {
    if (isCurrent()) replace(latest, h('h2', { id: 'latest-runs' }, 'Latest runs'), errorBox(err, 'Could not read the runs'));
  }
}
