// First sync (admin and ops): before anything is written, what the first sync would do and whom it
// would bring in: the employees it would create, and the possible duplicates (R10: a Jamf user
// with the name of an employee of another email) beside the employee each resembles. The admin
// sets the employee policy (create them, or hold the possible duplicates for review), decides on
// the held ones (approve, link, ignore), and starts the sync, whose run page follows it live.
import { h, replace, errorBox, loading, number, announce } from '../dom.js';
import { may } from '../session.js';
import { previewSummary, startSyncAndOpenRun } from '../components/sync-actions.js';
import { reviewQueue } from '../components/review-queue.js';
import { dataTable } from '../components/data-table.js';

export async function render({ main, params: [org], session, api, isCurrent }) {
  replace(main, h('h1', {}, `First sync: ${org}`));
  if (!may(session, 'admin')) {
    main.append(h('p', {}, 'The first sync is prepared by an admin of the organization (or ops).'));
    return;
  }
  main.append(loading('the connection'));
  let connection;
  try {
    // Asked first so that an organization without a connection costs no 404 (the browser logs each one).
    const { hasConnection } = await api.organization(org);
    if (!hasConnection) {
      if (isCurrent()) replace(main, h('h1', {}, `First sync: ${org}`), h('p', {}, 'Connect Jamf first: the preview reads it.'), h('p', {}, h('a', { href: `#/orgs/${encodeURIComponent(org)}/connect` }, 'Connect Jamf')));
      return;
    }
    connection = await api.connection(org);
  } catch (err) {
    if (isCurrent()) replace(main, h('h1', {}, `First sync: ${org}`), errorBox(err, 'Could not read the connection'), h('p', {}, h('a', { href: `#/orgs/${encodeURIComponent(org)}/connect` }, 'Connect Jamf')));
    return;
  }
  if (!isCurrent()) return;
  main.lastChild.remove();
  const review = h('section', { 'aria-labelledby': 'review-heading' });
  const refreshReview = () => reviewQueue(review, { api, org });
  main.append(
    h('p', {}, 'A preview reads Jamf and writes nothing. Check whom the sync would create, choose what happens to possible duplicates, then start it.'),
    policyCard(connection, { api, org }),
    previewCard({ api, org }),
    review,
    startCard({ api, org }),
  );
  await refreshReview();
}

function policyCard(connection, { api, org }) {
  const policy = h('select', { id: 'employee-policy' }, h('option', { value: 'create' }, 'Create them all'), h('option', { value: 'hold' }, 'Hold possible duplicates for review'));
  policy.value = connection.settings.employeePolicy;
  const save = h('button', { type: 'button', class: 'button-secondary' }, 'Save the policy');
  const feedback = h('div', { 'aria-live': 'polite' });
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const saved = await api.updateConnection(org, { employeePolicy: policy.value });
      replace(feedback, h('p', { class: 'notice notice-info' }, saved.settings.employeePolicy === 'hold' ? 'Saved: possible duplicates will be held for review.' : 'Saved: every new employee will be created.'));
    } catch (err) {
      replace(feedback, errorBox(err, 'The policy was not saved'));
    } finally {
      save.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'policy-heading' },
    h('h2', { id: 'policy-heading' }, 'Employee policy'),
    h('p', { class: 'muted small' }, 'A possible duplicate is a Jamf user with the name of an employee of another email (R10). Held ones get no employee and no assignee until decided below.'),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'employee-policy' }, 'Jamf users new to the inventory'), policy), save),
    feedback,
  );
}

const person = (p) => `${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() || '—';
const serials = (list) => h('span', {}, list.map((s, i) => [i ? ', ' : '', h('code', {}, s)]));

function previewCard({ api, org }) {
  const run = h('button', { type: 'button' }, 'Preview the first sync');
  const output = h('div', { 'aria-live': 'polite' });
  run.addEventListener('click', async () => {
    run.disabled = true;
    replace(output, h('p', { class: 'muted', role: 'status' }, 'Previewing: reading Jamf, nothing is written…'));
    try {
      const preview = await api.previewPeople(org);
      replace(output, previewSummary(preview), peopleLists(preview, { api, org }));
      announce('Preview ready');
    } catch (err) {
      replace(output, errorBox(err, 'The preview failed'));
    } finally {
      run.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'first-preview-heading' }, h('h2', { id: 'first-preview-heading' }, 'Preview'), h('div', { class: 'button-row' }, run), output);
}

function peopleLists(preview, { api, org }) {
  const employees = { items: [...preview.newEmployees.items], next: preview.newEmployees.next, total: preview.newEmployees.total };
  const duplicates = { items: [...preview.possibleDuplicates.items], next: preview.possibleDuplicates.next, total: preview.possibleDuplicates.total };
  const out = h('div');
  const more = (list, key) =>
    list.next
      ? h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            onclick: async (event) => {
              event.target.disabled = true;
              const page = await api.previewPeople(org, key === 'newEmployees' ? { employeesAfter: list.next } : { duplicatesAfter: list.next }).catch((err) => (replace(out, errorBox(err, 'The next page did not load')), null));
              if (!page) return;
              list.items.push(...page[key].items);
              list.next = page[key].next;
              show();
            },
          },
          `Show more (${number.format(list.total - list.items.length)} left)`,
        )
      : null;
  const show = () =>
    replace(
      out,
      h(
        'section',
        { 'aria-labelledby': 'duplicates-heading' },
        h('h3', { id: 'duplicates-heading' }, `Possible duplicates (${number.format(duplicates.total)})`),
        dataTable({
          caption: 'Jamf users with the name of an existing employee under another email',
          rows: duplicates.items,
          empty: 'None: no Jamf user has the name of an employee under another email.',
          columns: [
            { key: 'jamf', label: 'Jamf user', cell: (d) => h('span', {}, person(d), h('br'), h('code', {}, d.email)) },
            { key: 'resembles', label: 'Resembles', cell: (d) => h('ul', { class: 'plain' }, d.resembles.map((r) => h('li', {}, person(r), ' ', h('code', {}, r.email), r.employeeId ? '' : ' (would be created too)'))) },
            { key: 'serials', label: 'Devices', cell: (d) => serials(d.serials) },
            { key: 'held', label: 'What the sync does', cell: (d) => (d.held ? 'holds it for review' : 'creates a second employee') },
          ],
        }),
        more(duplicates, 'possibleDuplicates'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'new-employees-heading' },
        h('h3', { id: 'new-employees-heading' }, `Employees it would create (${number.format(employees.total)})`),
        dataTable({
          caption: 'Employees the first sync would create, by email',
          rows: employees.items,
          empty: 'None.',
          columns: [
            { key: 'name', label: 'Name', cell: person },
            { key: 'email', label: 'Email', cell: (e) => h('code', {}, e.email) },
            { key: 'serials', label: 'Devices', cell: (e) => serials(e.serials) },
            { key: 'possibleDuplicate', label: 'Possible duplicate', cell: (e) => (e.possibleDuplicate ? 'yes' : 'no') },
          ],
        }),
        more(employees, 'newEmployees'),
      ),
    );
  show();
  return out;
}

function startCard({ api, org }) {
  const start = h('button', { type: 'button' }, 'Start the sync');
  const output = h('div', { 'aria-live': 'polite' });
  start.addEventListener('click', async () => {
    start.disabled = true;
    if (!(await startSyncAndOpenRun({ api, org, output }))) start.disabled = false;
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, 'Start the sync'),
    h('p', { class: 'muted small' }, 'It writes to the inventory now; its page follows it as it runs. Held people appear in the review queue above once it ends.'),
    start,
    output,
  );
}
