import { z } from 'zod';
import { isoTime } from './common';

/** An asset as the API answers it: every field under the names `explain` uses, and what the inventory owns. Never the secure fields (R12). */
export const assetSchema = z.object({
  serialNumber: z.string(),
  jamfId: z.string().nullable(),
  assetType: z.string(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  modelIdentifier: z.string().nullable(),
  modelNumber: z.string().nullable(),
  displaySizeInches: z.number().nullable(),
  releaseDate: z.string().nullable(),
  color: z.string().nullable(),
  keyboardLanguage: z.string().nullable(),
  imei: z.string().nullable(),
  memoryMb: z.number().nullable(),
  processor: z.string().nullable(),
  processorFrequencyMhz: z.number().nullable(),
  storageMb: z.number().nullable(),
  storageType: z.string().nullable(),
  operatingSystem: z.string().nullable(),
  status: z.string(),
  condition: z.string().nullable(),
  location: z.string().nullable(),
  assigneeEmail: z.string().nullable(),
  jamfPresence: z.enum(['present', 'removed']).nullable(),
  jamfRemovedAt: isoTime.nullable(),
  outOfScopeAt: isoTime.nullable().describe("Since when the device is in Jamf but outside the connection's scope (not removed); null when in scope"),
  updatedAt: isoTime,
});

/** One change of the field-level change log (R17), as `export changes` writes it. */
export const changeSchema = z.object({
  serialNumber: z.string(),
  field: z.string().describe('An asset field, or "(created)" holding the facts an asset was created with'),
  old: z.unknown(),
  new: z.unknown(),
  runId: z.string().nullable().describe('The run that made it; null for an import'),
  at: isoTime,
});

export const assetDetailSchema = assetSchema.extend({
  history: z.array(changeSchema).describe('Its changes, oldest first (the first 1000)'),
  historyNext: z
    .string()
    .nullable()
    .describe('When the history is longer: the rest is GET …/changes?serial=<serial>&after=<historyNext>'),
});

/** An employee with its emails (oldest first: the first is the one an asset's assignee shows) and how many assets it holds. */
export const employeeSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  emails: z.array(z.string()),
  assetCount: z.number(),
});

export const employeeDetailSchema = employeeSchema.extend({
  assets: z.array(assetSchema).describe('Its assets by serial number (the first 1000; assetCount says how many)'),
});
