/**
 * Apple model catalog: model identifiers, model-string parsing and the asset facts derived from them
 * (R7, R8). Pure: the only data it loads is the generated catalog committed under ./model-data.
 */
export { deriveAssetFacts } from './derive-asset-facts';
export type { AssetFacts, AssetFactsInput } from './derive-asset-facts';
export { parseModelString } from './model-string/parse-model-string';
export type { ParsedModelString } from './model-string/parse-model-string';
export { catalogEntryFor, allCatalogEntries } from './catalog-lookup';
export { MAPPABLE_FIELD_NAMES } from './ea-mapping/mappable-fields';
export type { MappableField } from './ea-mapping/mappable-fields';
export { parseEaMapping, parseEaMapPairs } from './ea-mapping/parse-ea-mapping';
export type { MappingResult } from './ea-mapping/parse-ea-mapping';
export type { MappingWarning } from './ea-mapping/apply-ea-mapping';
export type { ExtensionAttributeMapping } from './extension-attributes';
export { jamfRecordToAssetFacts, detectJamfRecordKind } from './jamf-record/jamf-record-facts';
export type { JamfRecordFacts, JamfRecordKind } from './jamf-record/jamf-record-facts';
export type { CatalogEntry } from './types';
