import type { ParseState, Season } from './parse-state';

/**
 * A token rule looks at the words from `at` on; when they say something it knows (a size, a year, a
 * radio variant…) it records it in `state` and returns how many words it used, else 0.
 * `inHead` is true before the first parenthesis, where bare "3G" is part of a name ("iPhone 3G").
 */
export type TokenRule = (words: readonly string[], lower: readonly string[], at: number, state: ParseState, inHead: boolean) => number;

const YEAR = /^(19[89]\d|20\d\d)$/;
const INCH_SIZE = /^(\d{1,2}(?:\.\d{1,2})?)(?:-?inch(?:es)?|-?in\.?|-?")$/;
const BARE_NUMBER = /^\d{1,2}(?:\.\d{1,2})?$/;
const INCH_WORD = /^(?:inch(?:es)?|in\.?|")$/;
const CASE_MM = /^(\d{2})-?mm$/;
const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th)$/;
const GENERATION_WORD = /^gen(?:eration)?\.?$/;
const REVISION_WORD = /^(?:rev\.?|revision)$/;
const REVISION_VALUE = /^[a-z0-9]{1,2}$/;
const M_CHIP = /^m\d{1,2}$/;
const A_CHIP = /^a\d{1,2}[xz]?$/;
const CORE_COUNT = /^\d{1,2}-core$/;
const M_CHIP_TIERS = new Set(['pro', 'max', 'ultra']);
const A_CHIP_SUFFIXES = new Set(['pro', 'bionic', 'fusion']);
const INTEL_CORE_MODEL = /^(?:i[3579](?:\/i[3579])?|solo|duo)$/;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3],
  ['apr', 4], ['april', 4], ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7],
  ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9], ['september', 9], ['oct', 10], ['october', 10],
  ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

const SEASONS: ReadonlyMap<string, Season> = new Map([
  ['early', 'Early'], ['mid', 'Mid'], ['late', 'Late'], ['summer', 'Summer'],
  ['spring', 'Spring'], ['fall', 'Fall'], ['autumn', 'Fall'], ['winter', 'Winter'],
]);

/** Radio words that can open a radio variant anywhere. */
const RADIO_OPENERS: ReadonlyMap<string, string> = new Map([
  ['wi-fi', 'Wi-Fi'], ['wifi', 'Wi-Fi'], ['cellular', 'Cellular'], ['gsm', 'GSM'], ['cdma', 'CDMA'], ['gps', 'GPS'],
]);
/** Radio words that only count after an opener, or inside parentheses ("(LTE)", "(TD-LTE)"). */
const RADIO_FOLLOWERS: ReadonlyMap<string, string> = new Map([
  ['3g', '3G'], ['4g', '4G'], ['5g', '5G'], ['lte', 'LTE'], ['td-lte', 'TD-LTE'], ['ethernet', 'Ethernet'], ['only', ''],
]);
const RADIO_CONNECTORS = new Set(['+', '&', 'and', '/']);

function setYear(state: ParseState, year: number): void {
  if (state.year === null) state.year = year;
}

/** "Nov 2023", "June 2004" */
const monthYearRule: TokenRule = (_words, lower, at, state) => {
  const month = MONTHS.get(lower[at]);
  const year = lower[at + 1];
  if (month === undefined || year === undefined || !YEAR.test(year)) return 0;
  if (state.month === null && state.year === null) state.month = month;
  setYear(state, Number(year));
  return 2;
};

/** "Mid 2012", "Late 2013", "Summer 2000" */
const seasonYearRule: TokenRule = (_words, lower, at, state) => {
  const season = SEASONS.get(lower[at]);
  const year = lower[at + 1];
  if (season === undefined || year === undefined || !YEAR.test(year)) return 0;
  if (state.season === null && state.year === null) state.season = season;
  setYear(state, Number(year));
  return 2;
};

/** "2018" */
const yearRule: TokenRule = (_words, lower, at, state) => {
  if (!YEAR.test(lower[at])) return 0;
  setYear(state, Number(lower[at]));
  return 1;
};

/** "13-inch", "12.9-inch", `15"`, "13 inch" */
const inchSizeRule: TokenRule = (_words, lower, at, state) => {
  const glued = INCH_SIZE.exec(lower[at]);
  let size: number;
  let used: number;
  if (glued) {
    size = Number(glued[1]);
    used = 1;
  } else if (BARE_NUMBER.test(lower[at]) && lower[at + 1] !== undefined && INCH_WORD.test(lower[at + 1])) {
    size = Number(lower[at]);
    used = 2;
  } else {
    return 0;
  }
  if (state.displaySizeInches === null && size > 0) state.displaySizeInches = size;
  return used;
};

/** Apple Watch case sizes: "45mm", "45 mm" */
const caseSizeRule: TokenRule = (_words, lower, at, state) => {
  const glued = CASE_MM.exec(lower[at]);
  let size: number;
  let used: number;
  if (glued) {
    size = Number(glued[1]);
    used = 1;
  } else if (/^\d{2}$/.test(lower[at]) && lower[at + 1] === 'mm') {
    size = Number(lower[at]);
    used = 2;
  } else {
    return 0;
  }
  if (state.caseSizeMm === null) state.caseSizeMm = size;
  return used;
};

/** "6th generation", "3rd Generation", "2nd gen" */
const generationRule: TokenRule = (_words, lower, at, state) => {
  const ordinal = ORDINAL.exec(lower[at]);
  if (!ordinal || lower[at + 1] === undefined || !GENERATION_WORD.test(lower[at + 1])) return 0;
  if (state.generation === null) state.generation = Number(ordinal[1]);
  return 2;
};

/** "Rev 2", "Rev. A", "Revision A" */
const revisionRule: TokenRule = (words, lower, at, state) => {
  if (lower[at].charCodeAt(0) !== 114 /* r */ || !REVISION_WORD.test(lower[at]) || lower[at + 1] === undefined || !REVISION_VALUE.test(lower[at + 1])) return 0;
  if (state.revision === null) state.revision = words[at + 1].toUpperCase();
  return 2;
};

/** "M3", "M3 Pro", "14-core M3 Max", "M3 Pro or M3 Max", "A17 Pro", "A16", "Core i5/i7" */
const chipRule: TokenRule = (words, lower, at, state) => {
  let used = readOneChip(lower, at);
  if (used === 0) return 0;
  // "M3 Pro or M3 Max" names two chips sold under one model name.
  while (lower[at + used] === 'or') {
    const next = readOneChip(lower, at + used + 1);
    if (next === 0) break;
    used += 1 + next;
  }
  if (state.chip === null) state.chip = words.slice(at, at + used).join(' ');
  return used;
};

function readOneChip(lower: readonly string[], at: number): number {
  const word = lower[at];
  if (word === undefined) return 0;
  const first = word.charCodeAt(0);
  // Cheap first-character checks before the regular expressions: most words are not chips.
  if (first !== 109 /* m */ && first !== 97 /* a */ && first !== 99 /* c */ && (first < 48 || first > 57)) return 0;
  if (CORE_COUNT.test(word)) {
    const chip = readOneChip(lower, at + 1);
    return chip === 0 ? 0 : chip + 1;
  }
  if (M_CHIP.test(word)) return M_CHIP_TIERS.has(lower[at + 1]) ? 2 : 1;
  if (A_CHIP.test(word)) return A_CHIP_SUFFIXES.has(lower[at + 1]) ? 2 : 1;
  if (word === 'core' && lower[at + 1] !== undefined) {
    if (INTEL_CORE_MODEL.test(lower[at + 1])) return 2;
    if (lower[at + 1] === '2' && lower[at + 2] === 'duo') return 3;
  }
  return 0;
}

/** "Wi-Fi", "Wi-Fi + Cellular", "WiFi+Cellular", "GSM", "GPS + Cellular", "Wi-Fi Only", "(LTE)" */
const radioRule: TokenRule = (_words, lower, at, state, inHead) => {
  const first = lower[at];
  const opener = RADIO_OPENERS.get(first);
  if (opener === undefined && (inHead || !RADIO_FOLLOWERS.has(first) || first === 'only')) return 0;
  let used = 0;
  let lastRadioEnd = 0;
  while (at + used < lower.length) {
    const word = lower[at + used];
    const tag = RADIO_OPENERS.get(word) ?? RADIO_FOLLOWERS.get(word);
    if (tag !== undefined) {
      if (tag !== '' && !state.radio.includes(tag)) state.radio.push(tag);
      used++;
      lastRadioEnd = used;
    } else if (RADIO_CONNECTORS.has(word)) {
      used++;
    } else {
      break;
    }
  }
  return lastRadioEnd;
};

/**
 * Tried in this order at a word; the first rule that uses words wins. Rules are grouped by the
 * word's first character (a year, size or ordinal starts with a digit; a month, season, chip or radio
 * word with a letter) so most words meet only the rules that could match them.
 */
const DIGIT_RULES: readonly TokenRule[] = [yearRule, inchSizeRule, caseSizeRule, generationRule, chipRule];
const LETTER_RULES: readonly TokenRule[] = [monthYearRule, seasonYearRule, revisionRule, chipRule, radioRule];

export function rulesFor(word: string): readonly TokenRule[] {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57 ? DIGIT_RULES : LETTER_RULES;
}
