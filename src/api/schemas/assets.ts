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
