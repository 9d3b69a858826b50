// What POST …/connection/test found, and what POST …/webhooks/credentials says to enter in Jamf
// Pro: shown on the Connect Jamf page right after each step.
import { h, badge, number, formatDateTime } from '../dom.js';
import { hintFor } from '../error-hints.js';

/** The test answers the Jamf client's codes; a run records them as these (src/runs/run-failure.ts), whose hints apply. */
const AS_RUN_CODE = {
  jamf_auth_failed: 'jamf_auth_rejected',
  jamf_request_rejected: 'jamf_response_invalid',
  jamf_not_found: 'jamf_response_invalid',
  jamf_config_invalid: 'connection_config_invalid',
  connection_secret_missing: 'connection_config_invalid',
};

/** Problems the connection test reports beyond the run error codes (error-hints.js). */
const TEST_HINTS = {
  jamf_permission_denied: 'Add the privileges marked missing below to the API role of this client in Jamf Pro (Settings → System → API roles and clients), then test again.',
  encryption_key_missing: 'Set ENCRYPTION_KEY on the service: secrets are stored encrypted.',
};

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value ?? h('span', { class: 'muted' }, 'unknown')));
}

const yesNo = (value) => (value ? badge('yes', 'ok') : badge('no', 'bad'));

export function connectionTestReport(report) {
  const hint = report.problem ? (TEST_HINTS[report.problem.code] ?? hintFor(AS_RUN_CODE[report.problem.code] ?? report.problem.code)?.todo) : null;
  return h(
    'section',
    { class: 'card connection-test', 'aria-labelledby': 'connection-test-heading' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'connection-test-heading' }, 'Connection test'),
      report.ok ? badge('A sync will work', 'ok') : badge('A sync would fail', 'bad'),
    ),
    report.problem
      ? h(
          'div',
          { class: 'error-detail', role: 'alert' },
          h('p', {}, h('strong', {}, 'Problem: '), h('code', {}, report.problem.code)),
          h('p', { class: 'error-message' }, report.problem.message),
          hint ? h('p', { class: 'hint' }, h('strong', {}, 'What to do: '), hint) : null,
        )
      : null,
    h(
      'dl',
      { class: 'facts' },
      fact('Reachable', yesNo(report.reachable)),
      fact('Credentials accepted', yesNo(report.authenticated)),
      fact('Jamf Pro version', report.jamfProVersion),
      fact('Inventory API', report.computerInventoryApi ? h('code', {}, report.computerInventoryApi) : null),
      fact('Computers', report.computers === null ? null : number.format(report.computers)),
      fact('Mobile devices', report.mobileDevices === null ? null : number.format(report.mobileDevices)),
      fact('Checked', formatDateTime(report.checkedAt)),
    ),
    report.privileges.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Privileges of the API client'),
          h(
            'ul',
            { class: 'privileges' },
            report.privileges.map((p) =>
              h('li', {}, p.status === 'granted' ? badge('granted', 'ok') : p.status === 'missing' ? badge('missing', 'bad') : badge('not checked', 'muted'), ' ', p.privilege),
            ),
          ),
        )
      : null,
  );
}

/** The settings of one webhook in Jamf Pro (Settings → Global → Webhooks), each copyable as text. */
export function webhookSettings(setup) {
  const auth = setup.authentication;
  const secretNote = h('p', { class: 'notice notice-warn' }, 'The secret is shown this once: enter it in Jamf Pro now. Generating new credentials replaces these.');
  const row = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
  const code = (text) => h('code', { class: 'copyable' }, text);
  return h(
    'section',
    { class: 'card webhook-settings', 'aria-labelledby': 'webhook-settings-heading' },
    h('h2', { id: 'webhook-settings-heading' }, 'Webhook settings for Jamf Pro'),
    h('p', {}, 'In Jamf Pro, Settings → Global → Webhooks: create one webhook per event below, each with these settings.'),
    secretNote,
    h(
      'dl',
      { class: 'settings-list' },
      row('Webhook URL', code(setup.url)),
      row('Authentication type', auth.type),
      auth.type === 'Basic Authentication' ? row('Username', code(auth.username)) : null,
      auth.type === 'Basic Authentication' ? row('Password', code(auth.password)) : null,
      auth.header ? row('Header authentication (JSON to paste)', code(auth.header.jamfProValue)) : null,
      row('Content type', setup.contentType),
      row('Webhook events', h('ul', { class: 'events' }, setup.events.map((e) => h('li', {}, code(e))))),
      row('Optional events (frequent: every check-in)', h('ul', { class: 'events' }, setup.optionalEvents.map((e) => h('li', {}, code(e))))),
      row('Credentials now accepted', String(setup.activeCredentials)),
    ),
    setup.notes.length ? h('ul', { class: 'notes' }, setup.notes.map((n) => h('li', {}, n))) : null,
  );
}
