/** Public surface of the Jamf Pro client. */
export type { JamfClient, JamfClientStats, StreamOptions, InventoryPageProgress } from './jamf-client';
export { HttpJamfClient, createHttpJamfClient } from './http-jamf-client';
export type { HttpJamfClientOptions, JamfCredentials } from './http-jamf-client-options';
export { JAMF_RECOMMENDED_MAX_CONCURRENCY } from './http-jamf-client-options';
export * from './errors';
export * from './schemas';
export type { InvalidRecordReport, RecordIssue, JamfRecordKind } from './record-validation';
export { DEFAULT_COMPUTER_SECTIONS, DEFAULT_MOBILE_SECTIONS, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from './inventory-query';
export type { JamfProVersion, ComputerInventoryApiVersion } from './jamf-version';
export { parseJamfProVersion, computerInventoryApiVersionFor } from './jamf-version';
