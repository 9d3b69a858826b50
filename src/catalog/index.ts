/**
 * Apple model catalog: model identifiers, model-string parsing and the asset facts derived from them
 * (R7, R8). Pure: the only data it loads is the generated catalog committed under ./model-data.
 */
export { deriveAssetFacts } from './derive-asset-facts';
export type { AssetFacts, AssetFactsInput, DerivedAssetField } from './derive-asset-facts';
export { parseModelString } from './model-string/parse-model-string';
export type { ParsedModelString, Season } from './model-string/parse-model-string';
export { catalogEntryFor, catalogEntriesForModel, allCatalogEntries } from './catalog-lookup';
export { partNumberEntryFor } from './part-number';
export { storageTypeFromDiskModel } from './storage-type';
export { formatReleaseDate } from './release-date';
export {
  MAPPABLE_ASSET_FIELDS,
  isMappableAssetField,
  mappedExtensionAttributeValues,
} from './extension-attributes';
export type { ExtensionAttributeMapping, ExtensionAttributeValue, MappableAssetField } from './extension-attributes';
export { jamfRecordToAssetFacts, detectJamfRecordKind } from './jamf-record/jamf-record-facts';
export type { ExplainedAsset, JamfRecordFacts, JamfRecordKind, JamfRecordOptions, SkipReason } from './jamf-record/jamf-record-facts';
export { ASSET_TYPES } from './types';
export type { AssetType, CatalogEntry, FactSource, PartNumberEntry, ProductFamily, ReleaseDate, StorageType } from './types';
