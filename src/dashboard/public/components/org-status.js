// One organization's sync health as a card: the overview's list item and the single-organization view.
import { h, badge, timeAgo, runStatusBadge } from '../dom.js';
import { healthOf, nextRun } from '../health.js';
import { hintFor } from '../error-hints.js';

/** `manage`: links to the connection's page too (ops' list of every organization). */
export function orgStatusCard(status, { heading, manage = false } = {}) {
  const health = healthOf(status);
  const slug = status.organization;
  const next = nextRun(status);
  const href = (page) => `#/orgs/${encodeURIComponent(slug)}/${page}`;
  return h(
    'article',
    { class: `card org-card org-${health.key}`, 'aria-labelledby': `org-${slug}` },
    h('div', { class: 'card-head' }, h('h2', { id: `org-${slug}` }, heading ?? slug), badge(health.label, health.tone)),
    h(
      'dl',
      { class: 'facts' },
      fact('Last success', timeAgo(status.lastSuccessAt)),
      fact('Consecutive failures', h('span', { class: status.consecutiveFailures > 0 ? 'count-bad' : null }, String(status.consecutiveFailures))),
      fact(
        'Last full run',
        status.lastRun
          ? h('span', {}, runStatusBadge(status.lastRun.status), ' ', h('a', { href: `#/runs/${status.lastRun.id}` }, timeAgo(status.lastRun.startedAt)), ` (${status.lastRun.trigger})`)
          : h('span', { class: 'muted' }, 'none yet'),
      ),
      fact('Next run', next ? h('span', {}, timeAgo(next.at), next.kind === 'retry' ? ' (retry)' : '') : h('span', { class: 'muted' }, 'not scheduled')),
    ),
    status.lastError ? lastError(status.lastError) : null,
    h('p', { class: 'card-links' }, h('a', { href: href('runs') }, 'Runs', h('span', { class: 'visually-hidden' }, ` of ${slug}`)), h('a', { href: href('assets') }, 'Assets', h('span', { class: 'visually-hidden' }, ` of ${slug}`)), h('a', { href: href('webhooks') }, 'Webhooks', h('span', { class: 'visually-hidden' }, ` of ${slug}`)), manage ? h('a', { href: href('connect') }, 'Connection', h('span', { class: 'visually-hidden' }, ` of ${slug}`)) : null),
  );
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

/** The last error with its code and what to do about it (README's "When a sync fails"). */
export function lastError({ code, message }) {
  const hint = hintFor(code);
  return h(
    'div',
    { class: 'error-detail' },
    h('p', {}, h('strong', {}, 'Last error: '), code ? h('code', {}, code) : 'no code'),
    message ? h('p', { class: 'error-message' }, message) : null,
    hint ? h('p', { class: 'hint' }, h('strong', {}, 'What to do: '), hint.todo) : null,
  );
}
