/**
 * Token answers (API client and user), the Jamf Pro version, department/building lists and
 * Jamf's error bodies.
 */
import { z } from 'zod';
import { jamfIdSchema, pageOf, text, optionalId } from './schema-primitives';

/** `POST /api/oauth/token` (API client credentials). No refresh token: ask again before expiry. */
export const oauthTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: text,
  /** Seconds; set per API client, can be as short as 60. */
  expires_in: z.number().positive(),
  scope: text,
});
export type OAuthTokenResponse = z.infer<typeof oauthTokenSchema>;

/**
 * `POST /api/v1/auth/token` (user credentials, Basic). `expires` is an ISO time; the retired
 * `/api/auth/tokens` sent epoch milliseconds, accepted too.
 */
export const userTokenSchema = z.looseObject({
  token: z.string().min(1),
  expires: z.union([z.string().min(1), z.number()]),
});
export type UserTokenResponse = z.infer<typeof userTokenSchema>;

/** `GET /api/v1/jamf-pro-version` → `{"version":"11.2.1-t1707143529"}`. */
export const jamfProVersionSchema = z.looseObject({ version: z.string().min(1) });
export type JamfProVersionResponse = z.infer<typeof jamfProVersionSchema>;

/** Department and building items (`/api/v1/departments`, `/api/v1/buildings`); only id and name matter here. */
export const namedObjectSchema = z.looseObject({ id: jamfIdSchema, name: z.string() });
export type NamedObject = z.infer<typeof namedObjectSchema>;
export const departmentsPageSchema = pageOf(namedObjectSchema);

/** Jamf's error body: `{httpStatus, errors:[{code, description, id, field}]}`. */
export const jamfApiErrorSchema = z.looseObject({
  httpStatus: z.number().nullish(),
  errors: z
    .array(z.looseObject({ code: text, description: text, id: optionalId, field: text }))
    .nullish(),
});
export type JamfApiErrorBody = z.infer<typeof jamfApiErrorSchema>;

/** The OAuth endpoint answers errors in OAuth's shape instead: `{error, error_description}`. */
export const oauthErrorSchema = z.looseObject({ error: text, error_description: text });
