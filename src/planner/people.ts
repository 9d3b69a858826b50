/**
 * How people are compared (R3, R10, R11). Pure: the planner, the imports and the database's stored
 * keys (employee_emails.normalized_email, employees.name_key) all use these functions, so a key
 * written by one is found by the others.
 */

/**
 * The identity of an email address (R3, R20): trimmed, case-insensitive, and without a
 * plus-address tag (`jane+laptop@acme.com` is `jane@acme.com`), which every common mail provider
 * delivers to the same mailbox.
 */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value.replace(PLUS_TAG, '$1@') : null;
}

/** `local+tag@` → the local part before the tag (a local part that starts with "+" is kept as it is). */
const PLUS_TAG = /^([^@+]+)\+[^@]*@/;

/** Names lower-case with whitespace collapsed, in the order given: how employees are listed (exports). */
export function normalizePersonName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The key R10 compares names on: Unicode-normalised (NFKD) with accents and other marks dropped,
 * letters without a decomposition folded by hand (ß, ø, ł, æ...), case folded, apostrophes dropped
 * and other punctuation read as a space, and the words sorted, so that "Siobhán Ó Briain",
 * "siobhan o briain" and "Ó Briain, Siobhán" (split as first "Siobhán", last "Ó Briain") get one key.
 * Sorting the words also matches "Kim Alex" with "Alex Kim": acceptable for a *possible* duplicate,
 * which is a warning an admin reads. Nicknames (Bob, Robert) are not matched.
 */
export function personNameKey(firstName: string, lastName: string): string {
  return foldForComparison(`${firstName} ${lastName}`).split(' ').filter(Boolean).sort().join(' ');
}

const HAND_FOLDED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

function foldForComparison(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (c) => HAND_FOLDED[c])
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A name read from a `first.last@` address (the connection setting `derive_names_from_email`):
 * exactly two dot-separated parts of letters (hyphens and apostrophes inside allowed), each
 * capitalised: "mary-jane.o'neil@" → Mary-Jane O'neil. Anything else (jsmith@, j.r.smith@,
 * it-support@, a digit) gives null: guessing there would invent people.
 */
export function deriveNameFromEmail(email: string): { firstName: string; lastName: string } | null {
  const local = normalizeEmail(email)?.split('@')[0];
  const parts = local?.split('.') ?? [];
  if (parts.length !== 2 || !parts.every((p) => /^\p{L}+(?:['-]\p{L}+)*$/u.test(p))) return null;
  const [firstName, lastName] = parts.map(capitalise);
  return { firstName, lastName };
}

function capitalise(word: string): string {
  return word.replace(/(^|-)(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/**
 * R9: the first and last name an employee made from this Jamf user would have: Jamf's own, else,
 * when the connection allows it, one derived from a first.last@ address (`derived`), else null.
 */
export function employeeName(
  person: { email: string; firstName: string | null; lastName: string | null },
  deriveFromEmail: boolean,
): { firstName: string; lastName: string; derived: boolean } | null {
  const firstName = person.firstName?.trim();
  const lastName = person.lastName?.trim();
  if (firstName && lastName) return { firstName, lastName, derived: false };
  const derived = deriveFromEmail ? deriveNameFromEmail(person.email) : null;
  return derived && { ...derived, derived: true };
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
    return entry.includes('@') ? normalizeEmail(entry) === mail : entry === user || entry === localPart;
  });
}
