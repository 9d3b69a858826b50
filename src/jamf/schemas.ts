/**
 * Zod schemas for the Jamf Pro API payloads this service reads, written from Jamf's OpenAPI files
 * (ComputersInventory*.yaml, MobileDevice.yaml, Authentication.yaml, Building.yaml, Department.yaml)
 * and real captures (test/fixtures/jamf).
 *
 * Rules that apply to every schema here:
 * - Unknown fields are kept (`z.looseObject`): Jamf adds fields every release and we must not break.
 * - Every field and every section is `.nullish()`: sections not requested come back as `null`, and
 *   real tenants send `null` (or omit) almost any field on devices that have not checked in yet.
 * - Ids are normalised to strings: the API sends strings, but older servers and webhooks use numbers.
 * - Dates stay strings: Jamf mixes date-only, date-time with and without ms; parsing is downstream.
 */
export { pageEnvelopeSchema } from './schema-primitives';
export * from './computer-schemas';
export * from './mobile-device-schemas';
export * from './mobile-device-single-detail';
export * from './auth-and-reference-schemas';
