import { z } from 'zod';
import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { pageLimit } from '../schemas/common';
import { auditRowSchema, secureFieldsSchema } from '../schemas/secure';
import { cursorQuery, encodeCursor, queryText, timestampText, uuidText } from '../schemas/cursor';
import { serialParams } from './asset-routes';
import { connectedOrganization } from '../organization-lookup';
import { readSecureFieldsAudited } from '../secure-read';
import { readAuditPage } from '../../audit/audit-log';

/** R12 for the operations team: one asset's secure fields, each read audited, and the audit trail. */
export function secureRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/organizations/:org/assets/:serial/secure',
      tag: 'secure fields',
      summary: "One asset's secure fields (ops): FileVault recovery key, activation lock, recovery lock, AppleCare ID",
      description:
        'Needs a `reason` (e.g. a ticket number). Writes an audit row (who, when, which asset, which fields, why) before answering; ' +
        'GET /api/v1/audit lists them. These fields appear in no other response.',
      access: { role: 'ops', on: 'organization' },
      request: {
        params: serialParams,
        query: z.object({ reason: queryText(500).trim().min(1, 'must say why the fields are read (e.g. a ticket number)').describe('Why: recorded in the audit row') }),
      },
      responses: {
        200: { description: 'The secure fields, and the id of the audit row written', schema: secureFieldsSchema },
        404: { description: 'No asset of this serial number' },
        409: { description: 'The stored recovery key does not decrypt (nothing read, nothing recorded; the next FileVault sync stores it again)' },
        503: { description: 'No encryption key configured to decrypt the recovery key with (ENCRYPTION_KEY)' },
      },
      handler: async ({ params, query, principal }) => {
        const { organization } = await connectedOrganization(deps.db, params.org);
        const fields = await readSecureFieldsAudited(deps, principal, {
          organizationId: organization.id,
          organizationSlug: organization.slug,
          serial: params.serial,
          reason: query.reason,
        });
        return reply(fields);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      tag: 'secure fields',
      summary: 'The audit trail (ops): secure field reads and forced deletes, newest first',
      access: { role: 'ops', on: 'global' },
      request: {
        query: z.object({
          limit: pageLimit,
          after: cursorQuery(z.object({ at: timestampText, id: uuidText })).optional(),
          organization: queryText(100).optional().describe('Only rows of this organization (slug)'),
          action: queryText(100).optional().describe('Only this action, e.g. secure_fields.read'),
        }),
      },
      responses: {
        200: {
          description: 'A page of audit rows; `next` is the cursor of the following page (null on the last)',
          schema: z.object({ entries: z.array(auditRowSchema), next: z.string().nullable() }),
        },
      },
      handler: async ({ query }) => {
        const page = await readAuditPage(deps.db, { limit: query.limit, before: query.after, organizationSlug: query.organization, action: query.action });
        return reply({ entries: page.rows, next: page.next && encodeCursor({ ...page.next }) });
      },
    }),
  ];
}
