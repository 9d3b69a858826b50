// Small DOM helpers. Every value reaches the page as text (textContent), never as HTML, so data
// from Jamf (a device name, an error message) cannot inject markup.

/**
 * h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child, [more]) → the element.
 * Attributes with null, undefined or false are left out; `true` sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago" / "in 3 hours" from an ISO time. */
export function fromNow(iso, now = Date.now()) {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const steps = [
    [60, 'second'],
    [3600, 'minute', 60],
    [86400, 'hour', 3600],
    [Infinity, 'day', 86400],
  ];
  for (const [limit, unit, size = 1] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** A <time> with the relative time shown and the exact one in its title and datetime. */
export function timeAgo(iso, empty = 'never') {
  if (!iso) return h('span', { class: 'muted' }, empty);
  return h('time', { datetime: iso, title: dateTime.format(new Date(iso)) }, fromNow(iso));
}

export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '';
}

/** "1 h 4 min", "42 s", "850 ms" between two ISO times (or until now while running). */
export function duration(startIso, endIso) {
  const ms = (endIso ? new Date(endIso).getTime() : Date.now()) - new Date(startIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const number = new Intl.NumberFormat();

/** A status label: text always (colour only repeats it), `tone` picks the colour. */
export function badge(text, tone) {
  return h('span', { class: `badge badge-${tone}` }, text);
}

const RUN_TONES = { succeeded: 'ok', partial: 'warn', failed: 'bad', interrupted: 'warn', running: 'info' };
export function runStatusBadge(status) {
  return badge(status, RUN_TONES[status] ?? 'muted');
}

/** An API error as the page shows it: its message, and its code for a search in the README. */
export function errorBox(err, title = 'Something went wrong') {
  return h(
    'div',
    { class: 'notice notice-bad', role: 'alert' },
    h('strong', {}, title),
    h('p', {}, err?.message ?? String(err)),
    err?.code ? h('p', { class: 'muted small' }, 'Code: ', h('code', {}, err.code)) : null,
  );
}

export function loading(what) {
  return h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
}

/** Says `text` to screen readers (the polite live region of index.html). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A new text node after a tick is announced even when the text repeats.
  setTimeout(() => (region.textContent = text), 50);
}
