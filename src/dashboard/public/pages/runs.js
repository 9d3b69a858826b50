// Runs of one organization: status, trigger, duration and counts, filtered by status and trigger
// (by the API: the last 100 failed runs are the last 100 failed ones, not the failed among the
// last 100). The list refreshes itself: every 15 s, every 3 s while a run is going.
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
    const filtered = status.input.value || trigger.input.value;
    replace(list, h('p', { class: 'muted small', role: 'status' }, `${runs.length} ${filtered ? 'matching ' : ''}run${runs.length === 1 ? '' : 's'} shown`), runsTable(runs));
  };
  let loads = 0;
  const load = async () => {
    // A filter changed while a read was under way: only the latest read is shown.
    const mine = ++loads;
    let answer;
    try {
      answer = await api.runs(org, Number(limit.input.value), { status: status.input.value, trigger: trigger.input.value });
    } catch (err) {
      if (isCurrent() && mine === loads) replace(list, errorBox(err, 'Could not read the runs'));
      return;
    }
    if (!isCurrent() || mine !== loads) return;
    runs = answer.runs;
    // Never redrawn under someone's focus (a link they are about to follow would vanish).
    if (!drawn || !list.contains(document.activeElement)) show();
    drawn = true;
    clearTimeout(timer);
    timer = setTimeout(load, runs.some((r) => r.status === 'running') ? RUNNING_REFRESH_MS : REFRESH_MS);
  };
  status.input.addEventListener('change', load);
  trigger.input.addEventListener('change', load);
  limit.input.addEventListener('change', load);
  await load();
}
