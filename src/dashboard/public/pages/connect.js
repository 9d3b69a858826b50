// Connect Jamf (admin and ops): the connection's URL and credentials (PUT …/connection), then the
// connection test at once (what a sync would meet: version, inventory API, each privilege,
// counts), then webhook credentials and exactly what to enter in Jamf Pro. Ops may name a new
// organization here (POST /api/v1/organizations first). The API decides again on every call.
import { h, replace, errorBox, loading, announce } from '../dom.js';
import { may } from '../session.js';
import { connectionTestReport, webhookSettings } from '../components/connection-report.js';

export async function render({ main, params: [routeOrg], session, api, isCurrent }) {
  const fixedOrg = session.organization ?? routeOrg ?? null;
  replace(main, h('h1', {}, fixedOrg ? `Connect Jamf: ${fixedOrg}` : 'Connect Jamf'));
  if (!may(session, 'admin')) {
    main.append(h('p', {}, 'Connecting Jamf needs an admin token of the organization (or ops).'));
    return;
  }
  let existing = null;
  if (fixedOrg) {
    main.append(loading('the connection'));
    try {
      // Asked first so that a new organization's page costs no 404 (the browser logs each one).
      const { hasConnection } = await api.organization(fixedOrg);
      existing = hasConnection ? await api.connection(fixedOrg) : null;
    } catch (err) {
      if (isCurrent()) replace(main, h('h1', {}, `Connect Jamf: ${fixedOrg}`), errorBox(err, 'Could not read the connection'));
      return;
    }
    if (!isCurrent()) return;
    main.lastChild.remove();
  }
  const steps = h('div', { class: 'connect-steps' });
  main.append(
    ...[
      h('p', {}, 'Enter the Jamf Pro address and an API client (Settings → System → API roles and clients). The connection is tested at once; then generate the webhook credentials Jamf Pro sends.'),
      existing ? currentConnection(existing, { api, steps }) : null,
      connectionForm({ session, api, fixedOrg, existing, steps }),
      steps,
    ].filter(Boolean),
  );
}

/** The connection as it is: its URL and client, with a test and the webhook step offered again. */
function currentConnection(conn, { api, steps }) {
  const test = h('button', { type: 'button', class: 'button-secondary' }, 'Test the connection');
  test.addEventListener('click', () => runTest(api, conn.organization, steps, test));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'current-connection' },
    h('h2', { id: 'current-connection' }, 'Current connection'),
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Jamf Pro'), h('dd', {}, h('code', {}, conn.baseUrl))),
      h('div', {}, h('dt', {}, conn.auth.kind === 'client' ? 'API client' : 'User'), h('dd', {}, conn.auth.clientId ?? conn.auth.username ?? '—')),
      h('div', {}, h('dt', {}, 'Employees'), h('dd', {}, conn.settings.employeePolicy === 'hold' ? 'held for review' : 'created')),
      h('div', {}, h('dt', {}, 'Webhook credentials'), h('dd', {}, String(conn.webhooks.credentials.length))),
    ),
    h('div', { class: 'button-row' }, test),
  );
}

function textField(id, labelText, attrs = {}) {
  const input = h('input', { id, name: id, autocomplete: 'off', spellcheck: 'false', ...attrs });
  return { input, field: h('div', { class: 'field' }, h('label', { for: id }, labelText), input) };
}

function connectionForm({ session, api, fixedOrg, existing, steps }) {
  const slug = fixedOrg ? null : textField('org-slug', 'Organization (slug)', { placeholder: 'acme-corp', required: true, 'aria-describedby': 'org-slug-help' });
  const name = fixedOrg ? null : textField('org-name', 'Organization name (optional)');
  const baseUrl = textField('jamf-url', 'Jamf Pro URL', { type: 'url', placeholder: 'https://yourcompany.jamfcloud.com', required: true, value: existing?.baseUrl ?? null });
  const clientId = textField('client-id', 'Client ID', { value: existing?.auth.clientId ?? null });
  const clientSecret = textField('client-secret', 'Client secret', { type: 'password', 'aria-describedby': existing ? 'secret-help' : null });
  const username = textField('jamf-username', 'Username', { value: existing?.auth.username ?? null });
  const password = textField('jamf-password', 'Password', { type: 'password' });
  const kind = existing?.auth.kind === 'basic' ? 'basic' : 'client';
  const radio = (value, text) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'auth-kind', value, checked: value === kind }), ` ${text}`);
  const clientFields = h('div', { class: 'field-group' }, clientId.field, clientSecret.field);
  const userFields = h('div', { class: 'field-group' }, username.field, password.field);
  const policy = h('select', { id: 'employee-policy', name: 'employee-policy' }, h('option', { value: 'create' }, 'Create them'), h('option', { value: 'hold' }, 'Hold possible duplicates for review'));
  policy.value = existing?.settings.employeePolicy ?? 'create';
  const feedback = h('div', { class: 'feedback' });
  const submit = h('button', { type: 'submit' }, existing ? 'Replace and test' : 'Connect and test');
  const form = h(
    'form',
    { class: 'card connect-form', novalidate: true, 'aria-labelledby': 'connect-form-heading' },
    h('h2', { id: 'connect-form-heading' }, existing ? 'Replace the connection' : 'Jamf Pro connection'),
    slug ? [slug.field, h('p', { id: 'org-slug-help', class: 'muted small' }, 'Lower-case letters, digits and dashes; created if new.'), name.field] : null,
    baseUrl.field,
    h('fieldset', {}, h('legend', {}, 'Credentials'), radio('client', 'API client (recommended)'), radio('basic', 'User account'), clientFields, userFields),
    existing ? h('p', { id: 'secret-help', class: 'muted small' }, 'The stored secret is never shown: enter it again to replace the connection.') : null,
    h('div', { class: 'field' }, h('label', { for: 'employee-policy' }, 'Employees new to the inventory'), policy),
    h('div', { class: 'button-row' }, submit),
    feedback,
  );
  const showKind = () => {
    const basic = form.querySelector('input[name="auth-kind"]:checked').value === 'basic';
    clientFields.hidden = basic;
    userFields.hidden = !basic;
  };
  form.addEventListener('change', showKind);
  showKind();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const basic = form.querySelector('input[name="auth-kind"]:checked').value === 'basic';
    const org = fixedOrg ?? slug.input.value.trim();
    const required = [...(slug ? [slug] : []), baseUrl, ...(basic ? [username, password] : [clientId, clientSecret])];
    const empty = required.find((f) => !f.input.value.trim());
    if (empty) {
      replace(feedback, h('p', { class: 'field-error', role: 'alert' }, `Enter the ${empty.field.querySelector('label').textContent.toLowerCase()}.`));
      empty.input.focus();
      return;
    }
    const auth = basic
      ? { kind: 'basic', username: username.input.value.trim(), password: password.input.value }
      : { kind: 'client', clientId: clientId.input.value.trim(), clientSecret: clientSecret.input.value };
    submit.disabled = true;
    replace(feedback, h('p', { class: 'muted', role: 'status' }, 'Saving the connection…'));
    try {
      if (!fixedOrg && may(session, 'ops')) {
        await api.createOrganization(org, name.input.value.trim() || undefined).catch((err) => {
          if (err.code !== 'organization_exists') throw err;
        });
      }
      await api.saveConnection(org, { baseUrl: baseUrl.input.value.trim(), auth, employeePolicy: policy.value });
      replace(feedback, h('p', { class: 'notice notice-info', role: 'status' }, `Saved the connection of ${org}.`));
      await runTest(api, org, steps, null);
    } catch (err) {
      replace(feedback, errorBox(err, 'The connection was not saved'), problemList(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** invalid_request's field problems, one per line. */
function problemList(err) {
  if (!Array.isArray(err?.details)) return null;
  return h('ul', { class: 'field-error' }, err.details.map((d) => h('li', {}, `${(Array.isArray(d.path) ? d.path.join('.') : d.path) || 'body'}: ${d.message}`)));
}

async function runTest(api, org, steps, button) {
  if (button) button.disabled = true;
  replace(steps, h('p', { class: 'muted', role: 'status' }, 'Testing the connection: asking Jamf Pro for its version, privileges and counts…'));
  try {
    const report = await api.testConnection(org);
    replace(steps, connectionTestReport(report), webhookStep(api, org), nextSteps(org));
    announce(report.ok ? 'Connection test passed' : 'Connection test found a problem');
  } catch (err) {
    replace(steps, errorBox(err, 'The connection test did not run'));
  } finally {
    if (button) button.disabled = false;
  }
}

function webhookStep(api, org) {
  const kind = h('select', { id: 'webhook-auth' }, h('option', { value: 'header' }, 'Header Authentication'), h('option', { value: 'basic' }, 'Basic Authentication'));
  const generate = h('button', { type: 'button' }, 'Generate webhook credentials');
  const output = h('div', { 'aria-live': 'polite' });
  generate.addEventListener('click', async () => {
    generate.disabled = true;
    try {
      replace(output, webhookSettings(await api.webhookCredentials(org, kind.value)));
      announce('Webhook settings ready');
    } catch (err) {
      replace(output, errorBox(err, 'No webhook credentials were generated'));
    } finally {
      generate.disabled = false;
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'webhook-step-heading' },
    h('h2', { id: 'webhook-step-heading' }, 'Webhooks'),
    h('p', {}, 'Jamf Pro tells the service about each change within seconds. New credentials replace any earlier ones.'),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'webhook-auth' }, 'Authentication'), kind), generate),
    output,
  );
}

function nextSteps(org) {
  const base = `#/orgs/${encodeURIComponent(org)}`;
  return h('p', { class: 'card-links' }, h('a', { href: `${base}/first-sync` }, 'Next: preview the first sync'), h('a', { href: `${base}/runs` }, 'Runs'));
}
