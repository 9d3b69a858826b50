/**
 * Apple's spelling of the words that follow a family name ("iPhone 5S" → "iPhone 5s",
 * "iPad Mini 4" → "iPad mini 4"), so one model has one name whichever grammar Jamf used.
 */
const CANONICAL_WORDS: ReadonlyMap<string, string> = new Map([
  ['pro', 'Pro'], ['max', 'Max'], ['plus', 'Plus'], ['mini', 'mini'], ['air', 'Air'], ['se', 'SE'],
  ['x', 'X'], ['xs', 'XS'], ['xr', 'XR'], ['ultra', 'Ultra'], ['series', 'Series'], ['hd', 'HD'],
  ['4k', '4K'], ['neo', 'Neo'], ['touch', 'touch'], ['edition', 'Edition'], ['3g', '3G'], ['3gs', '3GS'],
  ['g3', 'G3'], ['g4', 'G4'], ['g5', 'G5'], ['cube', 'Cube'], ['nike', 'Nike'], ['hermès', 'Hermès'],
]);

// "5S", "5c", "16e", "4S": Apple writes the letter in lower case.
const NUMBER_WITH_LETTER = /^(\d{1,2})([a-z])$/i;

export function canonicalModelWord(word: string): string {
  const lower = word.toLowerCase();
  const known = CANONICAL_WORDS.get(lower);
  if (known !== undefined) return known;
  const numbered = NUMBER_WITH_LETTER.exec(word);
  if (numbered) return numbered[1] + numbered[2].toLowerCase();
  return word;
}
