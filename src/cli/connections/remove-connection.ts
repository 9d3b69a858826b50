import type { Config } from '../../config';
import type { AppDatabase } from '../../db/open-database';
import { DEFAULT_ORGANIZATION_SLUG, removeConnection } from '../../connections/connection-store';
import { AppError } from '../../errors/app-error';
import { requireOrganization } from '../../organizations/organization-store';
import { InvalidInputError } from '../../errors/invalid-input-error';

/** `connections remove`: deletes the connection; its organization, assets, employees and runs stay. */
export async function removeConnectionBySlug(db: AppDatabase, slug: string | undefined, config?: Config): Promise<string> {
  requireOrgOption(slug);
  if (!(await removeConnection(db, slug))) {
    await requireOrganization(db, slug);
    throw new AppError(404, 'connection_not_found', `Organization "${slug}" has no Jamf connection`);
  }
  const lines = [`Removed the Jamf connection of organization "${slug}" (its assets, employees and run history are kept).`];
  if (slug === DEFAULT_ORGANIZATION_SLUG && config?.JAMF_URL) {
    lines.push('Note: JAMF_URL is set, so the next start creates this connection again from the environment; unset JAMF_URL to stop that.');
  }
  return lines.join('\n');
}

export function requireOrgOption(slug: string | undefined): asserts slug is string {
  if (!slug) throw new InvalidInputError('Invalid options for "connections remove", nothing was written', ['--org: is required (the organization slug, e.g. acme)']);
}
