/**
 * Turns a final non-2xx Jamf response into a typed error with a message an IT admin can act on.
 * Pure: takes the response and what the request was, returns the error.
 */
import {
  JamfAuthError,
  JamfError,
  JamfNotFoundError,
  JamfPermissionError,
  JamfRequestError,
  JamfUnavailableError,
} from './errors';
import type { JamfRawResponse } from './http-transport';
import { requiredPrivilegeFor } from './required-privileges';
import { jamfApiErrorSchema } from './schemas';

export interface ResponseContext {
  baseUrl: string;
  path: string;
  /** Who the token belongs to, for "the API client's role" vs "the user account". */
  authKind: 'client' | 'user';
}

/** Jamf's own error descriptions (`{httpStatus, errors:[{code, description}]}`), short enough for a message. */
export function jamfErrorSummary(body: unknown): string | null {
  const parsed = jamfApiErrorSchema.safeParse(body);
  if (!parsed.success || !parsed.data.errors?.length) return null;
  const parts = parsed.data.errors
    .map((error) => [error.code, error.description, error.field ? `field ${error.field}` : null].filter(Boolean).join(': '))
    .filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  const summary = parts.join('; ');
  return summary.length > 300 ? `${summary.slice(0, 297)}...` : summary;
}

export function errorForResponse(response: JamfRawResponse, context: ResponseContext): JamfError {
  const { status } = response;
  const summary = jamfErrorSummary(response.data);
  const details = { baseUrl: context.baseUrl, path: context.path, httpStatus: status, jamfError: summary };

  if (status === 401) {
    return new JamfAuthError(
      `Jamf Pro at ${context.baseUrl} rejected a freshly issued access token for ${context.path}. ` +
        (context.authKind === 'client'
          ? 'Check that the API client is still enabled and its API role still exists.'
          : 'Check that the user account is still enabled and not locked.'),
      details,
    );
  }
  if (status === 403) {
    const privilege = requiredPrivilegeFor(context.path);
    const holder = context.authKind === 'client' ? "the API client's role" : 'the Jamf Pro user account';
    const place =
      context.authKind === 'client'
        ? 'Settings → System → API roles and clients'
        : 'Settings → System → User accounts and groups';
    const need = privilege
      ? `${holder} needs the privilege "${privilege}". Add it in Jamf Pro (${place}).`
      : `${holder} lacks a privilege this request needs (${place}).`;
    return new JamfPermissionError(
      `Jamf Pro denied access to ${context.path}: ${need}${summary ? ` Jamf said: ${summary}` : ''}`,
      privilege,
      details,
    );
  }
  if (status === 404) {
    return new JamfNotFoundError(`Jamf Pro has no ${context.path}${summary ? ` (${summary})` : ''}.`, details);
  }
  if (status >= 500) {
    return new JamfUnavailableError(
      `Jamf Pro at ${context.baseUrl} failed with ${status} for ${context.path}${summary ? ` (${summary})` : ''}. Try again later.`,
      'server-error',
      details,
    );
  }
  return new JamfRequestError(
    `Jamf Pro rejected the request ${context.path} with ${status}${summary ? `: ${summary}` : ''}.`,
    details,
  );
}
