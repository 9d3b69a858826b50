import { AppError } from '../errors/app-error';
import { findConnection } from '../connections/connection-store';
import type { AppDatabase } from '../db/open-database';

/** The organization of the path with its Jamf connection; 404 when either is missing. The role was checked before (mount-routes.ts). */
export async function connectedOrganization(db: AppDatabase, slug: string) {
  const found = await findConnection(db, slug);
  if (!found) throw new AppError(404, 'organization_not_found', `No organization with a Jamf connection named "${slug.slice(0, 100)}"`);
  return found;
}
