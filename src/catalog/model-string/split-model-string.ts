/**
 * Splits a model string into the words before the first parenthesis (the head, which names the
 * product) and the comma-separated phrases inside or after parentheses (which qualify it):
 * "iPad Pro (12.9-inch) (6th generation)" → head [iPad, Pro], phrases [[12.9-inch], [6th, generation]].
 */
export interface ModelStringParts {
  readonly head: readonly string[];
  readonly phrases: readonly (readonly string[])[];
}

// Apple's pages use non-breaking and typographic hyphens and quotes; DeviceKit writes "Xʀ".
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;
const INCH_MARKS = /[\u2033\u201d\u201c]/g;
const SMALL_CAPITAL_R = /\u0280/g;
const WHITESPACE = /\s+/g;

// Most strings are plain ASCII with single spaces: test once, and skip the replacements for them.
const NEEDS_NORMALIZING = /[\u2010-\u2014\u2212\u2033\u201c\u201d\u0280\t\n\r\f\v\u00a0]| {2}|^ | $/;

export function normalizeModelText(raw: string): string {
  if (!NEEDS_NORMALIZING.test(raw)) return raw;
  return raw
    .replace(HYPHENS, '-')
    .replace(INCH_MARKS, '"')
    .replace(SMALL_CAPITAL_R, 'R')
    .replace(WHITESPACE, ' ')
    .trim();
}

/**
 * One pass over the characters (this runs for every device of every sync): a space ends a word;
 * "+" and "&" are words of their own, since some sources glue them ("WiFi+Cellular", "GSM+CDMA");
 * the first "(" or "," ends the head ("MacBook Pro 13-inch, 2018" has a head and a phrase); after
 * that, every "(", ")" and "," ends a phrase.
 */
export function splitModelString(text: string): ModelStringParts {
  const head: string[] = [];
  const phrases: string[][] = [];
  let words: string[] = head;
  let inHead = true;
  let wordStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? SPACE : text.charCodeAt(i);
    const breaksWord = c === SPACE || c === PLUS || c === AMPERSAND || c === COMMA || c === OPEN || c === CLOSE;
    if (!breaksWord) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0) {
      words.push(text.slice(wordStart, i));
      wordStart = -1;
    }
    if (c === PLUS || c === AMPERSAND) {
      words.push(text[i]);
    } else if (c === COMMA || c === OPEN || c === CLOSE) {
      if (!inHead && words.length > 0) phrases.push(words);
      inHead = false;
      words = [];
    }
  }
  if (!inHead && words.length > 0) phrases.push(words);
  return { head, phrases };
}

const SPACE = 32;
const PLUS = 43;
const AMPERSAND = 38;
const COMMA = 44;
const OPEN = 40;
const CLOSE = 41;
