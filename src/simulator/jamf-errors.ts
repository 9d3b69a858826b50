/**
 * Jamf Pro API error bodies. The Jamf Pro API answers errors as `ApiError`:
 * `{"httpStatus": 401, "errors": [{"code": "INVALID_TOKEN", "description": "Unauthorized", "id": "0", "field": null}]}`.
 * The OAuth token endpoint is the exception: it follows RFC 6749 (`{error, error_description}`).
 */

interface ApiErrorCause {
  code: string | null;
  description: string;
  id: string;
  field: string | null;
}

export interface ApiErrorBody {
  httpStatus: number;
  errors: ApiErrorCause[];
}

export function apiError(httpStatus: number, code: string | null, description: string, field: string | null = null): ApiErrorBody {
  return { httpStatus, errors: [{ code, description, id: '0', field }] };
}

/** Same text as a real expired-token answer (test/fixtures/jamf/api-error-401.json). */
export const invalidTokenError = (): ApiErrorBody => apiError(401, 'INVALID_TOKEN', 'Unauthorized');

export const invalidPrivilegeError = (): ApiErrorBody => apiError(403, 'INVALID_PRIVILEGE', 'Forbidden');

export const notFoundError = (description: string): ApiErrorBody => apiError(404, 'INVALID_ID', description);

/** Jamf answers unexpected server errors with an empty error list. */
export const emptyError = (httpStatus: number): ApiErrorBody => ({ httpStatus, errors: [] });

export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

export const oauthError = (error: string, description: string): OAuthErrorBody => ({ error, error_description: description });
