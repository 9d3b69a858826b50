import { text } from './read-fields';

export interface Assignee {
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
}

/** R3/R4: no email → no assignee; the name may still be missing (then the sync reports it). */
export function assigneeFrom(email: unknown, fullName: unknown): Assignee | null {
  const address = text(email);
  if (address === null) return null;
  const { firstName, lastName } = splitFullName(fullName);
  return { email: address, firstName, lastName };
}

/**
 * R4: "Last, First" splits at the comma; otherwise the last word is the last name and the rest the
 * first name; one word is a first name with no last name. Whitespace is trimmed and collapsed.
 * A value with an "@" is an email address typed into the name field, not a name.
 */
export function splitFullName(fullName: unknown): { firstName: string | null; lastName: string | null } {
  const name = text(fullName);
  if (name === null || name.includes('@')) return { firstName: null, lastName: null };
  const comma = name.indexOf(',');
  if (comma >= 0) {
    return { lastName: text(name.slice(0, comma)), firstName: text(name.slice(comma + 1)) };
  }
  const words = name.split(' ');
  if (words.length === 1) return { firstName: words[0], lastName: null };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}
