import { randomBytes } from 'node:crypto';
import { classifyEvent } from './webhook-events';
import type { NewWebhookCredential } from './webhook-credentials';

/**
 * What an admin enters in Jamf Pro (Settings → Global → Webhooks) for each webhook: the URL, the
 * content type, the authentication and the event. The API generates the credential (stored hashed
 * by setWebhookCredential, shown once here) so nobody has to invent a long random secret.
 */

/** Events after which a device may have changed: each gets a webhook in Jamf Pro. */
export const WEBHOOK_EVENTS_TO_ENABLE = [
  'ComputerAdded',
  'ComputerInventoryCompleted',
  'MobileDeviceEnrolled',
  'MobileDeviceInventoryCompleted',
  'MobileDeviceUnEnrolled',
] as const;

/**
 * Handled too, but each device checks in every 15 minutes or so: in a large fleet that is a steady
 * stream of device refreshes for changes the inventory events above already bring.
 */
export const OPTIONAL_WEBHOOK_EVENTS = ['ComputerCheckIn', 'MobileDeviceCheckIn'] as const;

/** The header a generated Header credential travels in. */
export const GENERATED_HEADER_NAME = 'X-Jamf-Sync-Secret';

// Every event named above is one the receiver refreshes a device for (a rename there breaks this at load).
for (const event of [...WEBHOOK_EVENTS_TO_ENABLE, ...OPTIONAL_WEBHOOK_EVENTS]) {
  if (classifyEvent(event).action !== 'refresh') throw new Error(`webhook-setup: ${event} is not an event the receiver acts on`);
}

/** A new random credential: 32 bytes (256 bits) of secret, far beyond the 16 characters the rules ask for. */
export function generateWebhookCredential(kind: 'header' | 'basic', organizationSlug: string): NewWebhookCredential {
  const secret = randomBytes(32).toString('base64url');
  return kind === 'header'
    ? { kind: 'header', headerName: GENERATED_HEADER_NAME, secret }
    : { kind: 'basic', username: `jamf-${organizationSlug}`, password: secret };
}

/** Jamf Pro's authentication settings for a credential, in its own words. */
export function jamfProAuthentication(credential: NewWebhookCredential) {
  if (credential.kind === 'basic') {
    return { type: 'Basic Authentication' as const, username: credential.username, password: credential.password, header: null };
  }
  const headers = { [credential.headerName]: credential.secret };
  return {
    type: 'Header Authentication' as const,
    username: null,
    password: null,
    header: { name: credential.headerName, value: credential.secret, jamfProValue: JSON.stringify(headers) },
  };
}

/** The webhook URL of an organization under the service's public address. */
export function webhookUrl(baseUrl: string, organizationSlug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/webhooks/jamf/${encodeURIComponent(organizationSlug)}`;
}
