// Runs of one organization: status, trigger, duration and counts, filtered by status and trigger.
// The list refreshes itself: every 15 s, every 3 s while a run is going.
import { h, replace, errorBox, loading } from '../dom.js';
import { runsTable } from '../components/runs-table.js';
import { syncActions } from '../components/sync-actions.js';
import { select, filterForm } from '../components/fields.js';

const STATUSES = ['succeeded', 'partial', 'failed', 'interrupted', 'running'];
const TRIGGERS = ['scheduled', 'manual', 'webhook'];
/** New runs (a webhook's, the nightly one) appear by themselves; a run going is followed closely. */
const REFRESH_MS = 15_000;
const RUNNING_REFRESH_MS = 3000;

export async function render({ main, params: [org], session, api, onCleanup, isCurrent }) {
  const status = select('filter-status', 'Status', STATUSES);
  const trigger = select('filter-trigger', 'Trigger', TRIGGERS);
  const limit = select('filter-limit', 'Show', ['50', '100', '500', '1000'], { all: null, chosen: '100', label: (n) => `last ${n}` });
  const list = h('div', { class: 'runs-list' }, loading('the runs'));
  replace(
    main,
    h('h1', {}, `Runs: ${org}`),
    filterForm('Filter the runs', status.field, trigger.field, limit.field),
    list,
    syncActions({ api, session, org }),
  );

  let runs = [];
  let timer = null;
  let drawn = false;
  onCleanup(() => clearTimeout(timer));
  const show = () => {
    const shown = runs.filter((r) => (!status.input.value || r.status === status.input.value) && (!trigger.input.value || r.trigger === trigger.input.value));
    replace(list, h('p', { class: 'muted small', role: 'status' }, `${shown.length} of ${runs.length} runs shown`), runsTable(shown));
  };
  const load = async () => {
    try {
      ({ runs } = await api.runs(org, Number(limit.input.value)));
    } catch (err) {
      if (isCurrent()) replace(list, errorBox(err, 'Could not read the runs'));
      return;
    }
    if (!isCurrent()) return;
    // Never redrawn under someone's focus (a link they are about to follow would vanish).
    if (!drawn || !list.contains(document.activeElement)) show();
    drawn = true;
    clearTimeout(timer);
    timer = setTimeout(load, runs.some((r) => r.status === 'running') ? RUNNING_REFRESH_MS : REFRESH_MS);
  };
  status.input.addEventListener('change', show);
  trigger.input.addEventListener('change', show);
  limit.input.addEventListener('change', load);
  await load();
}
