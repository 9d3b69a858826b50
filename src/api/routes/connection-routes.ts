import { defineRoute, reply, type ApiRoute } from '../route-definition';
import type { RouteDeps } from '../api-deps';
import { orgParams } from '../schemas/common';
import { connectionBody, connectionSchema, connectionSettingsBody, connectionTestSchema, removedConnectionSchema } from '../schemas/connections';
import { connectionResponse, environmentNotes, requireApiBox, requireApiConnection, requireApiOrganization } from '../connection-responses';
import type { AppDatabase } from '../../db/open-database';
import { DEFAULT_ORGANIZATION_SLUG, findConnection, removeConnection, saveConnection, updateConnectionSettings } from '../../connections/connection-store';
import { organizationForWrite } from '../../organizations/organization-store';
import { testStoredConnection } from '../../connections/test-connection';

/**
 * An organization's Jamf connection, for its admin: set it (URL and credentials; the secret is
 * write-only), read it, try it against Jamf, change its settings, remove it. The writer is
 * connection-store.ts, as for `jamf-sync connections`; the settings' rules are the CLI's.
 */
export function connectionRoutes(deps: RouteDeps): ApiRoute[] {
  const path = '/api/v1/organizations/:org/connection';
  return [
    defineRoute({
      method: 'put',
      path,
      tag: 'connection',
      summary: 'Create or replace the Jamf connection (URL, credentials, and any settings)',
      description:
        'The organization must exist (POST /api/v1/organizations), except `default`, created on first use. On replace, settings ' +
        'not given keep their value, as do the webhook credentials. Nothing is tried against Jamf: call POST …/connection/test.',
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams, body: connectionBody },
      responses: {
        200: { description: 'The connection, replaced', schema: connectionSchema },
        201: { description: 'The connection, created', schema: connectionSchema },
        404: { description: 'No such organization' },
        409: { description: 'ENCRYPTION_KEY is not set, so the secret cannot be stored (encryption_key_missing)' },
      },
      handler: async ({ params, body }) => {
        await requireApiOrganizationUnlessDefault(deps.db, params.org);
        const box = requireApiBox(deps.box);
        const { baseUrl, auth, ...settings } = body;
        const { saved, existed } = await deps.db.transaction(async (tx) => {
          const db = tx as unknown as AppDatabase;
          await organizationForWrite(db, params.org);
          const existed = (await findConnection(db, params.org)) !== null;
          const credentials =
            auth.kind === 'client'
              ? ({ kind: 'client', clientId: auth.clientId, clientSecret: auth.clientSecret } as const)
              : ({ kind: 'user', username: auth.username, password: auth.password } as const);
          return { saved: await saveConnection(db, box, { slug: params.org }, { baseUrl, auth: credentials, ...settings }), existed };
        });
        return reply(connectionResponse(saved.organization, saved.connection, deps.config), existed ? 200 : 201);
      },
    }),
    defineRoute({
      method: 'get',
      path,
      tag: 'connection',
      summary: 'The Jamf connection: URL, credentials kind and id, whether a secret is set, settings',
      access: { role: 'reader', on: 'organization' },
      request: { params: orgParams },
      responses: { 200: { description: 'The connection (never its secret)', schema: connectionSchema }, 404: { description: 'No such organization, or no connection' } },
      handler: async ({ params }) => {
        const { organization, connection } = await requireApiConnection(deps.db, params.org);
        return reply(connectionResponse(organization, connection, deps.config));
      },
    }),
    defineRoute({
      method: 'patch',
      path,
      tag: 'connection',
      summary: 'Change settings: schedule and time zone, page size, employee policy, ignore-list, removal guard, extension attributes, FileVault',
      description: 'Only the settings given change; lists and maps are replaced whole. The URL and credentials are changed with PUT.',
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams, body: connectionSettingsBody },
      responses: { 200: { description: 'The connection as changed', schema: connectionSchema }, 404: { description: 'No such organization, or no connection' } },
      handler: async ({ params, body }) => {
        await requireApiConnection(deps.db, params.org);
        if (body.fetchFileVaultKeys) requireApiBox(deps.box); // keys are stored encrypted: refuse now rather than at every sync
        await updateConnectionSettings(deps.db, params.org, body);
        const { organization, connection } = await requireApiConnection(deps.db, params.org);
        return reply(connectionResponse(organization, connection, deps.config));
      },
    }),
    defineRoute({
      method: 'delete',
      path,
      tag: 'connection',
      summary: 'Remove the Jamf connection (its assets, employees and run history are kept)',
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams },
      responses: { 200: { description: 'Removed', schema: removedConnectionSchema }, 404: { description: 'No such organization, or no connection' } },
      handler: async ({ params }) => {
        if (!(await removeConnection(deps.db, params.org))) await requireApiConnection(deps.db, params.org);
        const notes = environmentNotes(params.org, deps.config).length
          ? ['JAMF_URL is set: the next start creates this connection again from the environment; unset JAMF_URL to stop that.']
          : [];
        return reply({ organization: params.org, removed: true, notes });
      },
    }),
    defineRoute({
      method: 'post',
      path: `${path}/test`,
      tag: 'connection',
      summary: 'Try the connection: reachability, Jamf version and inventory API, each privilege, device counts',
      description: 'Always 200 once the connection exists: `ok` says whether a sync would work, `problem` why not. Reads one record of each kind; changes nothing.',
      access: { role: 'admin', on: 'organization' },
      request: { params: orgParams },
      responses: { 200: { description: 'What the check found', schema: connectionTestSchema }, 404: { description: 'No such organization, or no connection' } },
      handler: async ({ params }) => {
        const { organization, connection } = await requireApiConnection(deps.db, params.org);
        const report = await testStoredConnection(deps, organization, connection);
        return reply({ organization: organization.slug, ...report, checkedAt: new Date().toISOString() });
      },
    }),
  ];
}

/** organizationForWrite's rule, answered the API's way: `default` is created on first use, any other must exist. */
async function requireApiOrganizationUnlessDefault(db: AppDatabase, slug: string): Promise<void> {
  if (slug !== DEFAULT_ORGANIZATION_SLUG) await requireApiOrganization(db, slug);
}
