// The review queue (R23): the Jamf users a sync held as possible duplicates, each beside the
// employees it resembles, with an admin's three decisions: approve (a different person: create
// them), link (the same person as that employee), ignore (a shared account: on the ignore-list).
import { h, replace, errorBox, loading, number, announce, timeAgo, badge } from '../dom.js';

const person = (p) => `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() || '—';

/** Draws the queue into `section` (pending first, then the latest decisions); redraws after each decision. */
export async function reviewQueue(section, { api, org }) {
  // tabindex -1: the focus lands on the heading after a decision (the button pressed is gone).
  const heading = (count) => h('h2', { id: 'review-heading', tabindex: '-1' }, count === undefined ? 'Review queue' : `Review queue (${number.format(count)} waiting)`);
  replace(section, heading(), loading('the review queue'));
  let pending;
  let decided;
  try {
    [pending, decided] = await Promise.all([api.review(org, { status: 'pending' }), api.review(org, { status: 'decided', limit: 20 })]);
  } catch (err) {
    replace(section, heading(), errorBox(err, 'Could not read the review queue'));
    return;
  }
  const feedback = h('div', { 'aria-live': 'polite' });
  const redraw = async (message) => {
    await reviewQueue(section, { api, org });
    if (message) section.querySelector('.review-feedback')?.append(h('p', { class: 'notice notice-info' }, message));
    section.querySelector('#review-heading')?.focus();
  };
  replace(
    section,
    heading(pending.heldAssignees.length),
    h('p', { class: 'muted small' }, 'People a sync held because an employee of the same name has another email. Their devices have no assignee until you decide.'),
    h('div', { class: 'review-feedback' }, feedback),
    pending.heldAssignees.length
      ? h('ul', { class: 'review-list' }, pending.heldAssignees.map((held) => h('li', {}, heldCard(held, { api, org, feedback, redraw }))))
      : h('p', { class: 'muted' }, 'Nobody is waiting for a decision.'),
    decided.heldAssignees.length
      ? h(
          'details',
          {},
          h('summary', {}, `Latest decisions (${number.format(decided.heldAssignees.length)})`),
          h(
            'ul',
            { class: 'plain' },
            decided.heldAssignees.map((d) => h('li', {}, badge(d.decision, 'muted'), ' ', person(d), ' ', h('code', {}, d.email), ' · ', timeAgo(d.decidedAt), ` by ${d.decidedBy}`)),
          ),
        )
      : null,
  );
}

function heldCard(held, { api, org, feedback, redraw }) {
  const id = `held-${held.id}`;
  const buttons = [];
  const decide = async (decision, body, done) => {
    for (const b of buttons) b.disabled = true;
    try {
      await api.decideReview(org, held.id, decision, body);
      announce(done);
      await redraw(done);
    } catch (err) {
      replace(feedback, errorBox(err, `No decision was made on ${held.email}`));
      for (const b of buttons) b.disabled = false;
    }
  };
  const button = (text, cls, onclick) => {
    const b = h('button', { type: 'button', class: cls, onclick }, text);
    buttons.push(b);
    return b;
  };
  const approve = button('Approve: a different person', null, () => decide('approve', undefined, `Approved ${held.email}: a new employee`));
  const links = held.resembles
    .filter((r) => r.employeeId)
    .map((r) => button(`Link to ${r.email}`, 'button-secondary', () => decide('link', { employeeId: r.employeeId }, `Linked ${held.email} to ${r.email}`)));
  const ignore = button('Ignore: a shared account', 'button-quiet', () => decide('ignore', undefined, `Ignored ${held.email}`));
  return h(
    'article',
    { class: 'card held', 'aria-labelledby': id },
    h('h3', { id }, person(held), ' ', h('code', {}, held.email)),
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Resembles'), h('dd', {}, h('ul', { class: 'plain' }, held.resembles.map((r) => h('li', {}, person(r), ' ', h('code', {}, r.email)))))),
      h('div', {}, h('dt', {}, 'Devices held'), h('dd', {}, h('ul', { class: 'plain' }, held.devices.map((d) => h('li', {}, h('code', {}, d.serialNumber), ` ${d.model ?? d.assetType}`))))),
      h('div', {}, h('dt', {}, 'First seen'), h('dd', {}, timeAgo(held.firstSeenAt))),
    ),
    h('div', { class: 'button-row', role: 'group', 'aria-label': `Decide on ${held.email}` }, approve, links, ignore),
  );
}
