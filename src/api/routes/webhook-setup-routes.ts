import type { Request } from 'express';
import { defineRoute, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { webhookCredentialsBody, webhookSetupSchema } from '../schemas/connections';
import { requireApiConnection } from '../connection-responses';
import { setWebhookCredential, environmentCredentialsApply } from '../../webhooks/webhook-credentials';
import {
  OPTIONAL_WEBHOOK_EVENTS,
  WEBHOOK_EVENTS_TO_ENABLE,
  generateWebhookCredential,
  jamfProAuthentication,
  webhookUrl,
} from '../../webhooks/webhook-setup';

/** Webhooks setup: a new credential, shown once, and exactly what to enter in Jamf Pro. */
export function webhookSetupRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/organizations/:org/webhooks/credentials',
      tag: 'webhooks',
      summary: 'Generate a webhook credential (shown once) and answer what to enter in Jamf Pro',
      description:
        'Stored hashed, as `jamf-sync webhooks credentials`: the new credential replaces the others unless `rotate` (then the newest ' +
        'existing one stays active too, so Jamf Pro can be switched over without losing events). The URL comes from PUBLIC_BASE_URL, ' +
        "else from this request's address (see `notes`).",
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams, body: webhookCredentialsBody },
      responses: {
        201: { description: 'The credential and the Jamf Pro settings; the secret is not shown again', schema: webhookSetupSchema },
        404: { description: 'No such organization, or no connection' },
      },
      handler: async ({ req, params, body }) => {
        const { organization } = await requireApiConnection(deps.db, params.org);
        const credential = generateWebhookCredential(body.kind, organization.slug);
        const saved = await setWebhookCredential(deps.db, organization.slug, credential, { rotate: body.rotate });
        const base = publicBaseUrl(deps.config.PUBLIC_BASE_URL, req);
        const notes = [
          ...(base.source === 'request'
            ? [`PUBLIC_BASE_URL is not set: the URL was derived from this request (${base.url}); check that Jamf Pro can reach it, or set PUBLIC_BASE_URL.`]
            : []),
          ...(base.url.startsWith('http://') ? ['The URL is plain http: Jamf Cloud sends webhooks only to an https address it can reach.'] : []),
          ...(environmentCredentialsApply(organization.slug) && (deps.config.JAMF_WEBHOOK_USERNAME || deps.config.JAMF_WEBHOOK_HEADER)
            ? ['The environment\'s webhook credential (JAMF_WEBHOOK_*) is accepted too for this organization.']
            : []),
          'Each webhook is acknowledged at once and processed in the background; changes reach the inventory within seconds.',
        ];
        return {
          status: 201,
          // The secret is in this answer: no cache along the way may keep it.
          headers: { 'cache-control': 'no-store' },
          body: {
            organization: organization.slug,
            url: webhookUrl(base.url, organization.slug),
            urlSource: base.source,
            contentType: 'JSON',
            authentication: jamfProAuthentication(credential),
            events: [...WEBHOOK_EVENTS_TO_ENABLE],
            optionalEvents: [...OPTIONAL_WEBHOOK_EVENTS],
            activeCredentials: saved.active.length,
            notes,
          },
        };
      },
    }),
  ];
}

/** Where Jamf Pro reaches the service: PUBLIC_BASE_URL, else this request's protocol and Host (trust proxy decides what Express takes). */
function publicBaseUrl(configured: string | undefined, req: Request): { url: string; source: 'PUBLIC_BASE_URL' | 'request' } {
  if (configured) return { url: configured, source: 'PUBLIC_BASE_URL' };
  return { url: `${req.protocol}://${req.get('host') ?? 'localhost'}`, source: 'request' };
}
