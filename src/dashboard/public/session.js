// The signed-in token and what it may do. Kept in sessionStorage: gone when the tab closes, never
// in a URL (links, history and the Referer stay clean), and not shared with other tabs.
const KEY = 'jamf-sync.session';

/** @returns {{ token: string, role: 'reader'|'admin'|'ops', organization: string|null } | null} */
export function currentSession() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && typeof value.token === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession() {
  sessionStorage.removeItem(KEY);
}

const RANK = { reader: 0, admin: 1, ops: 2 };

/** Whether the session's role is at least `needed` (the API decides again on every request). */
export function may(session, needed) {
  return Boolean(session) && RANK[session.role] >= RANK[needed];
}
