import { storageTypeFromText } from '../storage-type';
import { ASSET_TYPES_FROM_ATTRIBUTES, type FieldType } from './mappable-fields';

/** An attribute's text turned into a field's value, or what it should have looked like. */
export type Coerced = { readonly ok: true; readonly value: string | number | boolean } | { readonly ok: false; readonly expected: string };

const MAX_TEXT = 255;

/**
 * Admins fill extension attributes by hand or from scripts: units, thousands separators and
 * spelling vary, so each type accepts the usual forms and refuses anything it cannot read for sure
 * (a value outside a plausible range is refused too: "3.2" MHz is a forgotten unit, not a CPU).
 */
export function coerceAttributeValue(type: FieldType, raw: string): Coerced {
  const text = raw.trim().replace(/\s+/g, ' ');
  switch (type) {
    case 'text':
      return text.length <= MAX_TEXT ? ok(text) : fail(`text of at most ${MAX_TEXT} characters`);
    case 'imei':
      return imei(text);
    case 'inches':
      return inches(text);
    case 'release-date':
      return releaseDate(text);
    case 'memory-megabytes':
      // Jamf reports memory in binary megabytes (16 GB = 16384).
      return megabytes(text, 1024, 16 * 1024 * 1024, 'memory in megabytes or with a unit, such as 16384 or "16 GB"');
    case 'storage-megabytes':
      // Jamf reports disk sizes in decimal megabytes (a 500 GB disk is about 500277).
      return megabytes(text, 1000, 1_000_000_000, 'storage in megabytes or with a unit, such as 500277, "512 GB" or "1 TB"');
    case 'megahertz':
      return megahertz(text);
    case 'storage-type': {
      const storage = storageTypeFromText(text);
      return storage === null ? fail('a storage type: SSD, HDD, Fusion or Flash') : ok(storage);
    }
    case 'asset-type': {
      const assetType = ASSET_TYPES_FROM_ATTRIBUTES.find((t) => t === text.toLowerCase());
      return assetType === undefined ? fail(`an asset type: ${ASSET_TYPES_FROM_ATTRIBUTES.join(', ')}`) : ok(assetType);
    }
    case 'boolean':
      return boolean(text);
  }
}

function ok(value: string | number | boolean): Coerced {
  return { ok: true, value };
}

function fail(expected: string): Coerced {
  return { ok: false, expected };
}

/** "16384", "16,384", "16384.0" → 16384; a comma only as a thousands separator. */
function plainNumber(text: string): number | null {
  const digits = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(digits)) return null;
  return Number(digits);
}

const MEGABYTE_UNITS: Readonly<Record<string, number>> = { '': 0, m: 0, mb: 0, mib: 0, g: 1, gb: 1, gib: 1, t: 2, tb: 2, tib: 2 };

function megabytes(text: string, step: number, max: number, expected: string): Coerced {
  const match = /^([\d.,]+)\s*([a-z]*)$/i.exec(text);
  const power = match ? MEGABYTE_UNITS[match[2].toLowerCase()] : undefined;
  const number = match ? plainNumber(match[1]) : null;
  if (number === null || power === undefined) return fail(expected);
  const value = Math.round(number * step ** power);
  return value >= 1 && value <= max ? ok(value) : fail(expected);
}

function megahertz(text: string): Coerced {
  const expected = 'a processor frequency from 100 to 10000 MHz, such as 3200 or "3.2 GHz"';
  const match = /^([\d.,]+)\s*(mhz|ghz)?$/i.exec(text);
  const number = match ? plainNumber(match[1]) : null;
  if (number === null) return fail(expected);
  const value = Math.round(match![2]?.toLowerCase() === 'ghz' ? number * 1000 : number);
  return value >= 100 && value <= 10000 ? ok(value) : fail(expected);
}

/** 13.3, "13,3", '13.3"', "13.3 in", "13.3-inch", "13.3 inches" → 13.3 (one decimal, as Apple states sizes). */
function inches(text: string): Coerced {
  const expected = 'a display size in inches from 1 to 100, such as 13.3 or "13.3-inch"';
  const match = /^(\d+(?:[.,]\d+)?)\s*(?:"|''|”|-?\s*in(?:ch(?:es)?)?\.?)?$/i.exec(text);
  if (!match) return fail(expected);
  const value = Math.round(Number(match[1].replace(',', '.')) * 10) / 10;
  return value >= 1 && value <= 100 ? ok(value) : fail(expected);
}

/** "2018", "2018-11", "2018/11", "2018-11-05" → "2018" or "2018-11": the catalog's one format. */
function releaseDate(text: string): Coerced {
  const expected = 'a release date as YYYY, YYYY-MM or YYYY-MM-DD (years 1976 to 2100)';
  const match = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$/.exec(text);
  if (!match) return fail(expected);
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  if (year < 1976 || year > 2100 || (month !== null && (month < 1 || month > 12))) return fail(expected);
  if (match[3] !== undefined) {
    const day = Number(match[3]);
    const lastDay = new Date(Date.UTC(year, month!, 0)).getUTCDate();
    if (day < 1 || day > lastDay) return fail(expected);
  }
  return ok(month === null ? String(year) : `${year}-${String(month).padStart(2, '0')}`);
}

/** 15 digits (14 without the check digit, 16 for an IMEISV); spaces and dashes as Jamf shows them. */
function imei(text: string): Coerced {
  return /^(?:\d[\s-]?){13,15}\d$/.test(text) ? ok(text) : fail('an IMEI of 14 to 16 digits');
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'enabled']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off', 'disabled']);

function boolean(text: string): Coerced {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return ok(true);
  if (FALSE.has(lower)) return ok(false);
  return fail('yes or no (true/false, 1/0, enabled/disabled)');
}
