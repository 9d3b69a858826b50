import type { Config } from '../config';
import type { AppDatabase } from '../db/open-database';
import { DEFAULT_ORGANIZATION_SLUG, saveConnection } from './connection-store';

/**
 * The quick single-organization setup (R20): JAMF_URL and credentials in the environment create
 * or update the organization "default" and its connection at start. The secret stays in the
 * environment (it is not copied into the database), so no ENCRYPTION_KEY is needed for it.
 */
export async function applyEnvironmentConnection(db: AppDatabase, config: Config): Promise<boolean> {
  if (!config.JAMF_URL) return false;
  const auth =
    config.JAMF_CLIENT_ID && config.JAMF_CLIENT_SECRET
      ? ({ kind: 'client', clientId: config.JAMF_CLIENT_ID, clientSecret: config.JAMF_CLIENT_SECRET } as const)
      : ({ kind: 'user', username: config.JAMF_USERNAME!, password: config.JAMF_PASSWORD! } as const);
  await saveConnection(db, null, { slug: DEFAULT_ORGANIZATION_SLUG, name: 'Default organization' }, {
    baseUrl: config.JAMF_URL,
    auth,
    scheduleCron: config.JAMF_SYNC_CRON,
    timeZone: config.JAMF_SYNC_TZ,
    pageSize: config.JAMF_PAGE_SIZE,
    maxConcurrency: config.JAMF_MAX_CONCURRENCY,
    fetchFileVaultKeys: config.JAMF_FETCH_FILEVAULT_KEYS,
    extensionAttributeMapping: config.JAMF_EA_MAP,
  });
  return true;
}

/** The environment's secret for the default organization's connection. */
export function environmentSecret(config: Config, organizationSlug: string): string | null {
  if (organizationSlug !== DEFAULT_ORGANIZATION_SLUG) return null;
  return config.JAMF_CLIENT_SECRET ?? config.JAMF_PASSWORD ?? null;
}
