import { AppError } from '../errors/app-error';
import { findConnection } from '../connections/connection-store';
import type { AppDatabase } from '../db/open-database';
import { findOrganization } from '../organizations/organization-store';

/** The organization of the path with its Jamf connection; 404 when either is missing. The role was checked before (mount-routes.ts). */
export async function connectedOrganization(db: AppDatabase, slug: string) {
  const found = await findConnection(db, slug);
  if (!found) throw new AppError(404, 'organization_not_found', `No organization with a Jamf connection named "${slug.slice(0, 100)}"`);
  return found;
}

/** The organization of the path, connected to Jamf or not yet (imports come before the first sync); 404 when missing. */
export async function existingOrganization(db: AppDatabase, slug: string) {
  const found = await findOrganization(db, slug);
  if (!found) throw new AppError(404, 'organization_not_found', `No organization named "${slug.slice(0, 100)}"`);
  return found;
}
