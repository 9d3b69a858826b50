import type { AssetType, ProductFamily } from './types';

interface FamilyDefinition {
  readonly family: ProductFamily;
  readonly assetType: AssetType;
  /** Lower-case word sequences that spell the family in model strings ("macbookpro" covers glued forms). */
  readonly spellings: readonly (readonly string[])[];
  /** Apple's iOS-family devices store on soldered flash; Macs vary by model (see the catalog). */
  readonly flashStorage: boolean;
}

/*
 * iPod touch has no asset type of its own; it is a handheld iOS device managed like a phone, so it
 * counts as `mobile` rather than `unknown` (which would block creating a managed device).
 * A virtual Mac is not a physical asset, so it stays `unknown` on purpose.
 */
const FAMILY_DEFINITIONS: readonly FamilyDefinition[] = [
  { family: 'MacBook Pro', assetType: 'laptop', spellings: [['macbook', 'pro'], ['macbookpro']], flashStorage: false },
  { family: 'MacBook Air', assetType: 'laptop', spellings: [['macbook', 'air'], ['macbookair']], flashStorage: false },
  { family: 'MacBook', assetType: 'laptop', spellings: [['macbook']], flashStorage: false },
  { family: 'PowerBook', assetType: 'laptop', spellings: [['powerbook']], flashStorage: false },
  { family: 'iBook', assetType: 'laptop', spellings: [['ibook']], flashStorage: false },
  { family: 'iMac Pro', assetType: 'desktop', spellings: [['imac', 'pro'], ['imacpro']], flashStorage: false },
  { family: 'iMac', assetType: 'desktop', spellings: [['imac']], flashStorage: false },
  { family: 'eMac', assetType: 'desktop', spellings: [['emac']], flashStorage: false },
  { family: 'Mac mini', assetType: 'desktop', spellings: [['mac', 'mini'], ['macmini']], flashStorage: false },
  { family: 'Mac Studio', assetType: 'desktop', spellings: [['mac', 'studio'], ['macstudio']], flashStorage: false },
  { family: 'Mac Pro', assetType: 'desktop', spellings: [['mac', 'pro'], ['macpro']], flashStorage: false },
  {
    family: 'Power Mac',
    assetType: 'desktop',
    spellings: [['power', 'mac'], ['power', 'macintosh'], ['powermac']],
    flashStorage: false,
  },
  { family: 'Xserve', assetType: 'desktop', spellings: [['xserve']], flashStorage: false },
  { family: 'iPhone', assetType: 'mobile', spellings: [['iphone']], flashStorage: true },
  { family: 'iPod touch', assetType: 'mobile', spellings: [['ipod', 'touch'], ['ipod']], flashStorage: true },
  { family: 'iPad Pro', assetType: 'tablet', spellings: [['ipad', 'pro'], ['ipadpro']], flashStorage: true },
  { family: 'iPad Air', assetType: 'tablet', spellings: [['ipad', 'air'], ['ipadair']], flashStorage: true },
  { family: 'iPad mini', assetType: 'tablet', spellings: [['ipad', 'mini'], ['ipadmini']], flashStorage: true },
  { family: 'iPad', assetType: 'tablet', spellings: [['ipad']], flashStorage: true },
  { family: 'Apple TV', assetType: 'tv', spellings: [['apple', 'tv'], ['appletv']], flashStorage: true },
  { family: 'Apple Watch', assetType: 'watch', spellings: [['apple', 'watch']], flashStorage: true },
  {
    family: 'Apple Vision Pro',
    assetType: 'headset',
    spellings: [['apple', 'vision', 'pro'], ['vision', 'pro']],
    flashStorage: true,
  },
  {
    family: 'Apple Virtual Machine',
    assetType: 'unknown',
    spellings: [['apple', 'virtual', 'machine'], ['virtual', 'machine']],
    flashStorage: false,
  },
];

const DEFINITION_BY_FAMILY = new Map(FAMILY_DEFINITIONS.map((d) => [d.family, d]));

export interface FamilySpelling {
  readonly family: ProductFamily;
  readonly words: readonly string[];
}

/** Longest spellings first, so "iPad Pro" wins over "iPad" and "Apple Vision Pro" over "Vision Pro". */
const FAMILY_SPELLINGS: readonly FamilySpelling[] = FAMILY_DEFINITIONS.flatMap((d) =>
  d.spellings.map((words) => ({ family: d.family, words })),
).sort((a, b) => b.words.length - a.words.length);

/** Spellings by their first word, longest first, so matching a word costs one map lookup. */
export const FAMILY_SPELLINGS_BY_FIRST_WORD: ReadonlyMap<string, readonly FamilySpelling[]> = FAMILY_SPELLINGS.reduce(
  (byWord, spelling) => byWord.set(spelling.words[0], [...(byWord.get(spelling.words[0]) ?? []), spelling]),
  new Map<string, FamilySpelling[]>(),
);

export function assetTypeOfFamily(family: ProductFamily): AssetType {
  return DEFINITION_BY_FAMILY.get(family)?.assetType ?? 'unknown';
}

export function familyHasFlashStorage(family: ProductFamily): boolean {
  return DEFINITION_BY_FAMILY.get(family)?.flashStorage ?? false;
}
