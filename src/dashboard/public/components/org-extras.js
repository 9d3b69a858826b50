// The single-organization overview's extra cards: devices by asset type (counted from the assets
// the inventory holds) and the webhook inbox (waiting, oldest, dead). Each loads on its own, so a
// slow one never holds the page.
import { h, replace, errorBox, loading, number } from '../dom.js';

/** Past this many assets the count stops and says so (the overview must stay quick). */
const MAX_COUNTED = 20000;

export function devicesByType({ api, org, isCurrent }) {
  const card = h('section', { class: 'card', 'aria-labelledby': 'by-type-heading' }, h('h2', { id: 'by-type-heading' }, 'Devices by type'), loading('the assets'));
  (async () => {
    const counts = new Map();
    let total = 0;
    let after;
    let truncated = false;
    try {
      do {
        const page = await api.assets(org, { limit: 1000, after, presence: 'present' });
        if (!isCurrent()) return;
        for (const a of page.assets) {
          if (a.jamfPresence === 'removed') continue;
          counts.set(a.assetType, (counts.get(a.assetType) ?? 0) + 1);
          total++;
        }
        after = page.next;
      } while (after && !(truncated = total >= MAX_COUNTED));
    } catch (err) {
      if (isCurrent()) replace(card, h('h2', { id: 'by-type-heading' }, 'Devices by type'), errorBox(err, 'Could not count the assets'));
      return;
    }
    replace(
      card,
      h('h2', { id: 'by-type-heading' }, 'Devices by type'),
      total
        ? h(
            'dl',
            { class: 'counts' },
            [...counts].sort((a, b) => b[1] - a[1]).map(([type, n]) => h('div', {}, h('dt', {}, type ?? 'unknown'), h('dd', {}, number.format(n)))),
          )
        : h('p', { class: 'muted' }, 'No asset yet: run a sync.'),
      h('p', { class: 'muted small' }, `${number.format(total)} assets present in Jamf${truncated ? ` (the first ${number.format(total)} counted)` : ''}; removed ones are left out.`),
    );
  })();
  return card;
}

export function webhookInbox({ api, org, isCurrent }) {
  const heading = () => h('h2', { id: 'inbox-summary-heading' }, 'Webhook inbox');
  const card = h('section', { class: 'card', 'aria-labelledby': 'inbox-summary-heading' }, heading(), loading('the webhook inbox'));
  api
    .webhooks(org)
    .then(({ counts: c }) => {
      if (!isCurrent()) return;
      const item = (label, value, tone) => h('div', {}, h('dt', {}, label), h('dd', { class: tone ?? null }, value));
      const oldest = c.oldestPendingAgeSeconds;
      replace(
        card,
        heading(),
        h(
          'dl',
          { class: 'counts' },
          item('Waiting', number.format(c.pending)),
          item('Oldest waiting', oldest === null ? '—' : oldest < 120 ? `${oldest} s` : `${Math.round(oldest / 60)} min`),
          item('Dead', number.format(c.dead), c.dead ? 'count-bad' : null),
          item('Received in 24 h', number.format(c.receivedLastDay)),
        ),
        h('p', {}, h('a', { href: `#/orgs/${encodeURIComponent(org)}/webhooks` }, 'Webhook events')),
      );
    })
    .catch((err) => isCurrent() && replace(card, heading(), errorBox(err, 'Could not read the webhook inbox')));
  return card;
}
