import type { Prng } from './prng';

/** Formats of identifiers and dates as Jamf Pro shows them. */

const SERIAL_ALPHABET = 'BCDFGHJKLMNPQRTVWXYZ0123456789';
const DAY_MS = 24 * 60 * 60 * 1000;

export const daysToMs = (days: number): number => days * DAY_MS;

/** Upper-case UUID, as Jamf shows computer UDIDs. */
export function uuid(prng: Prng, upperCase = true): string {
  const hex = prng.hex(32, upperCase);
  const variant = '89ab'[prng.int(0, 3)] as string;
  const v = upperCase ? variant.toUpperCase() : variant;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Apple serial numbers: 12 characters before 2021, 10 random characters after. */
export function appleSerial(prng: Prng, modern: boolean): string {
  return modern ? prng.chars(10, SERIAL_ALPHABET) : `C02${prng.chars(9, SERIAL_ALPHABET)}`;
}

export function macAddress(prng: Prng): string {
  const bytes: string[] = [];
  for (let i = 0; i < 6; i++) bytes.push(prng.hex(2, true));
  return bytes.join(':');
}

/** ISO date-time with milliseconds, e.g. 2026-08-01T10:00:00.123Z (what Jamf sends). */
export const isoDateTime = (ms: number): string => new Date(ms).toISOString();

/** Date only, e.g. 2026-08-01 (purchasing dates, initialEntryDate). */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function ipv4(prng: Prng, privateRange: boolean): string {
  return privateRange
    ? `10.${prng.int(0, 40)}.${prng.int(0, 255)}.${prng.int(2, 254)}`
    : `${prng.pick([81, 86, 145, 185, 213])}.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(2, 254)}`;
}

/** FileVault personal recovery key: six groups of four. */
export function recoveryKey(prng: Prng): string {
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) groups.push(prng.chars(4, 'ABCDEFGHJKLMNOPQRSTUVWXYZ0123456789'));
  return groups.join('-');
}

/** Strips accents and anything that cannot appear in a username or e-mail local part. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
