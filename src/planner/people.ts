/** Emails compare trimmed and case-insensitive, per organization (R3, R20). */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

/** Names compare lower-case with whitespace collapsed (R10). */
export function normalizePersonName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * R11: an ignore-list entry matches a Jamf username or email, case-insensitive. An entry with "@"
 * is an email; an entry without is a username, and also matches the local part of an email
 * (so "admin" catches "admin@acme.com", a shared account, but not "jane.admin@acme.com").
 */
export function isIgnoredPerson(ignoreList: readonly string[], username: string | null, email: string | null): boolean {
  const user = username?.trim().toLowerCase() || null;
  const mail = normalizeEmail(email);
  const localPart = mail?.split('@')[0] ?? null;
  return ignoreList.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) return false;
    return entry.includes('@') ? entry === mail : entry === user || entry === localPart;
  });
}
