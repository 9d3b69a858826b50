import { FAMILY_SPELLINGS_BY_FIRST_WORD } from '../product-families';
import type { ProductFamily } from '../types';
import { canonicalModelWord } from './canonical-words';
import { emptyParseState, type ParseState, type Season } from './parse-state';
import { normalizeModelText, splitModelString } from './split-model-string';
import { rulesFor } from './token-rules';

export type { Season } from './parse-state';

/** Everything a model string says. Fields it does not mention are null (or empty). */
export interface ParsedModelString {
  readonly family: ProductFamily | null;
  /** Clean model name: family + naming words ("iPhone 15 Pro", "iPad mini 4", "MacBook Pro"). */
  readonly model: string | null;
  /** Set when the whole string is a model identifier, as Jamf sometimes reports ("iPad6,11"). */
  readonly identifier: string | null;
  readonly displaySizeInches: number | null;
  readonly caseSizeMm: number | null;
  readonly chip: string | null;
  readonly year: number | null;
  readonly season: Season | null;
  readonly month: number | null;
  readonly generation: number | null;
  readonly revision: string | null;
  /** Radio variant words in order, e.g. ["Wi-Fi", "Cellular"], ["GSM"], ["GPS", "Cellular"]. */
  readonly radio: readonly string[];
  /** Qualifiers with no field of their own: "Retina 5K", "Four Thunderbolt 3 Ports", "Rack"… */
  readonly details: readonly string[];
}

const RAW_IDENTIFIER = /^[A-Za-z]+\d+,\d+$/;

/** Words that qualify a product in the head without being part of its name ("15-inch Retina MacBook Pro"). */
const HEAD_DETAIL_WORDS = new Set(['retina', 'intel', 'server', 'unreleased']);
/** Words that may precede a family name and carry nothing ("Apple iPhone 15"). */
const IGNORED_HEAD_WORDS = new Set(['apple']);

/*
 * A fleet reports a few hundred distinct model strings across thousands of devices, so results are
 * memoised. Parsing is pure and results are frozen, so the cache cannot change an answer; it is
 * bounded (cleared when full) so odd input cannot grow it without limit.
 */
const CACHE_LIMIT = 4096;
const cache = new Map<string, ParsedModelString | null>();

export function parseModelString(raw: string | null | undefined): ParsedModelString | null {
  if (typeof raw !== 'string') return null;
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const parsed = parseModelStringUncached(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, parsed);
  return parsed;
}

/** The parser without the memo (the benchmark measures both). */
export function parseModelStringUncached(raw: string): ParsedModelString | null {
  const text = normalizeModelText(raw);
  if (text === '') return null;
  if (RAW_IDENTIFIER.test(text)) return Object.freeze({ ...toParsed(emptyParseState()), identifier: text });

  const parts = splitModelString(text);
  const state = emptyParseState();
  readHead(parts.head, state);
  for (const phrase of parts.phrases) readPhrase(phrase, state);
  return toParsed(state);
}

function readHead(words: readonly string[], state: ParseState): void {
  const lower = words.map((w) => w.toLowerCase());
  let at = 0;
  while (at < words.length) {
    if (state.family === null) {
      const familyWords = matchFamily(lower, at, state);
      if (familyWords > 0) {
        at += familyWords;
        continue;
      }
    }
    const used = applyRules(words, lower, at, state, true);
    if (used > 0) {
      at += used;
      continue;
    }
    const word = lower[at];
    if (HEAD_DETAIL_WORDS.has(word)) state.details.push(words[at]);
    else if (state.family !== null) state.modelWords.push(canonicalModelWord(words[at]));
    else if (!IGNORED_HEAD_WORDS.has(word)) state.details.push(words[at]);
    at++;
  }
}

/** Inside parentheses: known tokens fill fields; each run of unknown words becomes one detail. */
function readPhrase(words: readonly string[], state: ParseState): void {
  const lower = words.map((w) => w.toLowerCase());
  let unknownRun: string[] = [];
  let at = 0;
  while (at < words.length) {
    const used = applyRules(words, lower, at, state, false);
    if (used > 0) {
      if (unknownRun.length > 0) state.details.push(unknownRun.join(' '));
      unknownRun = [];
      at += used;
    } else {
      unknownRun.push(words[at]);
      at++;
    }
  }
  if (unknownRun.length > 0) state.details.push(unknownRun.join(' '));
}

function applyRules(words: readonly string[], lower: readonly string[], at: number, state: ParseState, inHead: boolean): number {
  for (const rule of rulesFor(lower[at])) {
    const used = rule(words, lower, at, state, inHead);
    if (used > 0) return used;
  }
  return 0;
}

function matchFamily(lower: readonly string[], at: number, state: ParseState): number {
  const spellings = FAMILY_SPELLINGS_BY_FIRST_WORD.get(lower[at]);
  if (spellings === undefined) return 0;
  for (const spelling of spellings) {
    const n = spelling.words.length;
    if (at + n > lower.length) continue;
    let matches = true;
    for (let i = 0; i < n && matches; i++) matches = lower[at + i] === spelling.words[i];
    if (matches) {
      state.family = spelling.family;
      return n;
    }
  }
  return 0;
}

function toParsed(state: ParseState): ParsedModelString {
  const model =
    state.family === null
      ? null
      : state.modelWords.length === 0
        ? state.family
        : `${state.family} ${state.modelWords.join(' ')}`;
  return Object.freeze({
    family: state.family,
    model,
    identifier: null,
    displaySizeInches: state.displaySizeInches,
    caseSizeMm: state.caseSizeMm,
    chip: state.chip,
    year: state.year,
    season: state.season,
    month: state.month,
    generation: state.generation,
    revision: state.revision,
    radio: Object.freeze(state.radio),
    details: Object.freeze(state.details),
  });
}
