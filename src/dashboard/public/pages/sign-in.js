// Sign-in: an API token (from `jamf-sync tokens create`, or API_TOKEN), checked with GET /api/v1/me,
// which also says its role and organization. Kept in sessionStorage only (session.js).
import { api } from '../api.js';
import { saveSession } from '../session.js';
import { h, replace, errorBox } from '../dom.js';

export function render({ main, message, signedIn }) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-help' });
  const feedback = h('div', { class: 'feedback' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card sign-in', novalidate: true },
    h('label', { for: 'token' }, 'API token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'muted small' },
      'A token from ',
      h('code', {}, 'jamf-sync tokens create'),
      ' (or the service’s API_TOKEN). It stays in this browser tab only and is forgotten when the tab closes.',
    ),
    button,
    feedback,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      replace(feedback, h('p', { class: 'field-error', role: 'alert' }, 'Enter a token.'));
      input.focus();
      return;
    }
    button.disabled = true;
    replace(feedback, h('p', { class: 'muted', role: 'status' }, 'Checking the token…'));
    try {
      const me = await api.me(token);
      saveSession({ token, role: me.role, organization: me.organization });
      signedIn();
    } catch (err) {
      const refused = err.status === 401;
      replace(feedback, errorBox(err, refused ? 'This token was not accepted' : 'Could not sign in'));
      button.disabled = false;
      input.select();
    }
  });
  replace(
    main,
    h('h1', {}, 'Sign in'),
    h('p', {}, 'See what each sync did, why a device was skipped, and start a preview or a sync.'),
    message ? h('div', { class: 'notice notice-warn', role: 'alert' }, message) : null,
    form,
  );
  input.focus();
}
