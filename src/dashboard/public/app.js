// The dashboard's shell: sign-in state, the header and navigation, and a hash router that loads
// one page module per route (pages/*.js). Hash routes need no server fallback (serve only serves
// `/` and /dashboard/…) and keep the token out of every URL: it lives in sessionStorage.
import { api, whenUnauthorized } from './api.js';
import { currentSession, endSession, may } from './session.js';
import { h, replace, errorBox } from './dom.js';

/** [path pattern (its groups are the page's params), page module]: one page per file under pages/. */
const ROUTES = [
  [/^\/$/, './pages/overview.js'],
  [/^\/orgs\/([^/]+)\/runs$/, './pages/runs.js'],
  [/^\/orgs\/([^/]+)\/assets$/, './pages/assets.js'],
  [/^\/orgs\/([^/]+)\/assets\/([^/]+)$/, './pages/asset.js'],
  [/^\/runs\/([^/]+)$/, './pages/run.js'],
  [/^\/connect$/, './pages/connect.js'],
  [/^\/orgs\/([^/]+)\/connect$/, './pages/connect.js'],
  [/^\/orgs\/([^/]+)\/webhooks$/, './pages/webhooks.js'],
  [/^\/orgs\/([^/]+)\/first-sync$/, './pages/first-sync.js'],
];

const main = document.getElementById('main');
const ORG_KEY = 'jamf-sync.organization';
/** What the current page left running (its polling timers), stopped when another page renders. */
let cleanups = [];
let rendering = 0;

/** The organization the navigation links to: the token's own, or the last one an ops person opened. */
function navOrganization(session, fromRoute) {
  if (session.organization) return session.organization;
  if (fromRoute) sessionStorage.setItem(ORG_KEY, fromRoute);
  return fromRoute ?? sessionStorage.getItem(ORG_KEY);
}

function renderHeader(session, path, org) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!session) {
    replace(nav);
    replace(who);
    return;
  }
  const link = (href, text) => h('a', { href: `#${href}`, 'aria-current': path === href ? 'page' : null }, text);
  replace(
    nav,
    h(
      'ul',
      {},
      h('li', {}, link('/', may(session, 'ops') && !session.organization ? 'Organizations' : 'Overview')),
      org ? h('li', {}, link(`/orgs/${encodeURIComponent(org)}/runs`, 'Runs')) : null,
      org ? h('li', {}, link(`/orgs/${encodeURIComponent(org)}/assets`, 'Assets')) : null,
      org ? h('li', {}, link(`/orgs/${encodeURIComponent(org)}/webhooks`, 'Webhooks')) : null,
      org && may(session, 'admin') ? h('li', {}, link(`/orgs/${encodeURIComponent(org)}/first-sync`, 'First sync')) : null,
      // Connecting a Jamf is an admin's (its own organization) or ops' (a new one).
      may(session, 'admin') ? h('li', {}, link(session.organization ? `/orgs/${encodeURIComponent(session.organization)}/connect` : '/connect', 'Connect Jamf')) : null,
    ),
  );
  replace(
    who,
    h('span', { class: 'role' }, session.role, session.organization ? ` · ${session.organization}` : ' · all organizations'),
    h('button', { type: 'button', class: 'button-quiet', onclick: signOut }, 'Sign out'),
  );
}

function signOut() {
  endSession();
  sessionStorage.removeItem(ORG_KEY);
  location.hash = '#/';
  render();
}

function currentPath() {
  const hash = location.hash;
  return hash.startsWith('#/') ? decodeURI(hash.slice(1)) : '/';
}

async function render(message) {
  const run = ++rendering;
  for (const stop of cleanups.splice(0)) stop();
  const onCleanup = (stop) => (run === rendering ? cleanups.push(stop) : stop());
  const session = currentSession();
  const path = currentPath();
  if (!session) {
    renderHeader(null);
    const page = await import('./pages/sign-in.js');
    if (run !== rendering) return;
    page.render({ main, message, signedIn: () => render() });
    return;
  }
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  const params = route ? path.match(route[0]).slice(1).map(decodeURIComponent) : [];
  const org = navOrganization(session, path.startsWith('/orgs/') ? params[0] : null);
  renderHeader(session, path, org);
  if (!route) {
    replace(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the overview')));
    return;
  }
  try {
    const page = await import(route[1]);
    if (run !== rendering) return;
    replace(main);
    await page.render({ main, params, session, api, onCleanup, isCurrent: () => run === rendering });
  } catch (err) {
    replace(main, h('h1', {}, 'The page did not load'), errorBox(err));
  }
}

// The API refused the token (revoked, or the service's API_TOKEN changed): back to sign-in.
whenUnauthorized(() => {
  endSession();
  render('Your token was refused (revoked, or no longer valid). Sign in again.');
});

window.addEventListener('hashchange', () => {
  // In-page anchors (the skip link) are not routes.
  if (!location.hash.startsWith('#/') && location.hash !== '') return;
  // A new page starts at the top, with the focus on its content (screen readers read it next).
  render().then(() => {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  });
});
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
render();
