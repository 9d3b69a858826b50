/** Public surface of the Jamf Pro client. */
export type { JamfClient } from './jamf-client';
export { HttpJamfClient, createHttpJamfClient } from './http-jamf-client';
export type { HttpJamfClientOptions } from './http-jamf-client-options';
export * from './errors';
export * from './schemas';
