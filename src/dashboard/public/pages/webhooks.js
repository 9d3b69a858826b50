// Webhooks of one organization: what waits in the inbox and for how long, what each recent event
// became (refreshed, not found in Jamf, ignored, …), and the dead events (every attempt failed),
// which an admin puts back in the queue. Refreshed every 15 seconds, as events keep arriving.
import { h, replace, errorBox, loading, number, badge, timeAgo, announce } from '../dom.js';
import { dataTable } from '../components/data-table.js';
import { may } from '../session.js';

const REFRESH_MS = 15_000;
const STATUS_TONES = { pending: 'info', processing: 'info', done: 'ok', ignored: 'muted', dead: 'bad' };

export async function render({ main, params: [org], session, api, onCleanup, isCurrent }) {
  const body = h('div', {}, loading('the webhook inbox'));
  replace(main, h('h1', {}, `Webhooks: ${org}`), body);
  let timer = null;
  const load = async () => {
    try {
      const inbox = await api.webhooks(org);
      if (!isCurrent()) return;
      // Never redrawn under someone's focus on a control (a retry button they are about to press would move).
      const active = document.activeElement;
      if (!body.contains(active) || !active.matches('a, button, input, select')) show(body, inbox, { org, session, api, reload: load });
    } catch (err) {
      if (isCurrent()) replace(body, errorBox(err, 'Could not read the webhook inbox'));
    }
  };
  await load();
  const tick = async () => {
    await load();
    if (isCurrent()) timer = setTimeout(tick, REFRESH_MS);
  };
  timer = setTimeout(tick, REFRESH_MS);
  onCleanup(() => clearTimeout(timer));
}

function show(body, inbox, { org, session, api, reload }) {
  const c = inbox.counts;
  const item = (label, value, tone) => h('div', {}, h('dt', {}, label), h('dd', { class: tone ?? null }, value));
  replace(
    body,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'inbox-heading' },
      h('h2', { id: 'inbox-heading' }, 'Inbox'),
      h(
        'dl',
        { class: 'counts' },
        item('Waiting', number.format(c.pending)),
        item('Oldest waiting', c.oldestPendingAgeSeconds === null ? '—' : ageText(c.oldestPendingAgeSeconds)),
        item('Dead', number.format(c.dead), c.dead ? 'count-bad' : null),
        item('Received in 24 h', number.format(c.receivedLastDay)),
      ),
      h('p', { class: 'muted small' }, 'Each webhook is acknowledged at once and processed in the background; a failed one is retried with backoff, then left dead.'),
    ),
    deadSection(inbox.dead, { org, session, api, reload }),
    h(
      'section',
      { 'aria-labelledby': 'recent-heading' },
      h('h2', { id: 'recent-heading' }, `Recent events (${number.format(inbox.recent.length)})`),
      dataTable({ caption: 'Recent webhook events, newest first', columns: EVENT_COLUMNS, rows: inbox.recent, empty: 'No webhook received yet: set them up on the Connect Jamf page.' }),
    ),
  );
}

function ageText(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

const device = (e) => (e.serialNumber ? h('code', {}, e.serialNumber) : e.jamfId ? `${e.deviceKind ?? 'device'} ${e.jamfId}` : null);

const EVENT_COLUMNS = [
  { key: 'receivedAt', label: 'Received', cell: (e) => timeAgo(e.receivedAt) },
  { key: 'eventName', label: 'Event' },
  { key: 'device', label: 'Device', cell: device },
  { key: 'status', label: 'Status', cell: (e) => badge(e.status, STATUS_TONES[e.status] ?? 'muted') },
  { key: 'outcome', label: 'Outcome', cell: (e) => (e.outcome ? h('code', {}, e.outcome) : null) },
  { key: 'deliveries', label: 'Deliveries', numeric: true },
  { key: 'runId', label: 'Run', cell: (e) => (e.runId ? h('a', { href: `#/runs/${e.runId}` }, 'Open', h('span', { class: 'visually-hidden' }, ` the run of event ${e.id}`)) : null) },
];

function deadSection(dead, { org, session, api, reload }) {
  const feedback = h('div', { 'aria-live': 'polite' });
  const columns = [
    { key: 'receivedAt', label: 'Received', cell: (e) => timeAgo(e.receivedAt) },
    { key: 'eventName', label: 'Event' },
    { key: 'device', label: 'Device', cell: device },
    { key: 'attempts', label: 'Attempts', numeric: true },
    { key: 'lastError', label: 'Last error' },
  ];
  if (may(session, 'admin')) {
    columns.push({
      key: 'retry',
      label: 'Retry',
      cell: (e) => {
        const button = h('button', { type: 'button', class: 'button-secondary' }, 'Retry', h('span', { class: 'visually-hidden' }, ` webhook ${e.id}`));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await api.retryWebhook(org, e.id);
            announce(`Webhook ${e.id} is queued again`);
            button.blur();
            await reload();
            // The button pressed is gone with its row: the focus goes to the list's heading.
            document.getElementById('dead-heading')?.focus();
          } catch (err) {
            replace(feedback, errorBox(err, `Webhook ${e.id} was not retried`));
            button.disabled = false;
          }
        });
        return button;
      },
    });
  }
  return h(
    'section',
    { 'aria-labelledby': 'dead-heading' },
    h('h2', { id: 'dead-heading', tabindex: '-1' }, `Dead events (${number.format(dead.length)})`),
    dead.length ? h('p', { class: 'muted small' }, 'Every attempt failed. Fix the cause (see the last error), then retry: the event is queued again with fresh attempts.') : null,
    feedback,
    dataTable({ caption: 'Dead webhook events, oldest first', columns, rows: dead, empty: 'No dead event.' }),
  );
}
