/**
 * Building blocks shared by the Jamf payload schemas: lenient scalars, ids normalised to strings,
 * extension attributes and the `{totalCount, results}` page envelope.
 */
import { z } from 'zod';

/** Jamf ids are strings ("12"); accept numbers too and normalise so callers compare one type. */
export const jamfIdSchema = z.union([z.string(), z.number()]).transform((value) => String(value));

/** Nullable scalars: Jamf sends `null` (or omits) almost any field on devices that have not checked in. */
export const text = z.string().nullish();
export const flag = z.boolean().nullish();
export const count = z.number().nullish();
export const optionalId = jamfIdSchema.nullish();

/** `{id, name}` pairs (site, computer linked to a mobile device, enrollment method, ...). */
export const idAndNameSchema = z.looseObject({ id: optionalId, name: text });

/**
 * Extension attribute as the inventory endpoints send it. Computer sections use
 * `{definitionId, values[], dataType, inputType, ...}`; the single mobile-device detail uses
 * `{id, value[], type}`. One lenient schema accepts both so a tenant's EA data never fails a record.
 */
const extensionAttributeSchema = z.looseObject({
  definitionId: optionalId,
  id: optionalId,
  name: text,
  description: text,
  enabled: flag,
  multiValue: flag,
  values: z.array(z.string().nullable()).nullish(),
  value: z.array(z.string().nullable()).nullish(),
  dataType: text,
  type: text,
  options: z.array(z.string().nullable()).nullish(),
  inputType: text,
});
export type JamfExtensionAttribute = z.infer<typeof extensionAttributeSchema>;

export const extensionAttributes = z.array(extensionAttributeSchema).nullish();

/** Every list endpoint answers `{totalCount, results}`; records are validated one by one elsewhere. */
export const pageEnvelopeSchema = z.looseObject({
  totalCount: z.number().nullish(),
  results: z.array(z.unknown()),
});
export type PageEnvelope = z.infer<typeof pageEnvelopeSchema>;

/** Builds a fully typed page schema (used for small lists such as departments and buildings). */
export function pageOf<T extends z.ZodType>(record: T) {
  return z.looseObject({ totalCount: z.number().nullish(), results: z.array(record) });
}
