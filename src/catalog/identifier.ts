import type { AssetType } from './types';

const IDENTIFIER = /^([A-Za-z]+)(\d+),(\d+)$/;

/**
 * Identifier prefixes whose every model has one asset type, so an identifier newer than the catalog
 * (say `iPhone19,1`) still gets its type. `Mac` is not here: `Mac14,2` is a laptop, `Mac14,3` a desktop.
 */
const ASSET_TYPE_BY_PREFIX: ReadonlyMap<string, AssetType> = new Map([
  ['macbookpro', 'laptop'],
  ['macbookair', 'laptop'],
  ['macbook', 'laptop'],
  ['imac', 'desktop'],
  ['imacpro', 'desktop'],
  ['macmini', 'desktop'],
  ['macpro', 'desktop'],
  ['iphone', 'mobile'],
  ['ipod', 'mobile'],
  ['ipad', 'tablet'],
  ['appletv', 'tv'],
  ['watch', 'watch'],
  ['realitydevice', 'headset'],
]);

export function assetTypeFromIdentifierPrefix(identifier: string): AssetType | null {
  const match = IDENTIFIER.exec(identifier.trim());
  if (!match) return null;
  return ASSET_TYPE_BY_PREFIX.get(match[1].toLowerCase()) ?? null;
}

/** iOS-family identifiers: their storage is soldered flash whatever the model. */
export function identifierHasFlashStorage(identifier: string): boolean {
  const type = assetTypeFromIdentifierPrefix(identifier);
  return type === 'mobile' || type === 'tablet' || type === 'tv' || type === 'watch' || type === 'headset';
}
