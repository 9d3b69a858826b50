import type { AppDatabase } from '../db/open-database';
import type { WebhookCredential } from '../db/schema';
import { findConnection } from '../connections/connection-store';
import { environmentCredentialsApply } from './webhook-credentials';

export interface WebhookTarget {
  organizationId: string;
  organizationSlug: string;
  connectionId: string;
  /** Active credentials: the connection's stored ones, plus the environment's for "default". */
  credentials: readonly WebhookCredential[];
}

/**
 * Resolves the `:connection` of a webhook URL (connection id or organization slug) with a short
 * cache: at hundreds of webhooks per second a lookup per request would double the database work
 * of the receiver. A credential change reaches every replica within `ttlMs`.
 */
export class ConnectionDirectory {
  private readonly cache = new Map<string, { expires: number; value: Promise<WebhookTarget | null> }>();

  constructor(
    private readonly db: AppDatabase,
    private readonly environmentCredentials: readonly WebhookCredential[],
    private readonly ttlMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(slugOrId: string): Promise<WebhookTarget | null> {
    const t = this.now();
    const hit = this.cache.get(slugOrId);
    if (hit && hit.expires > t) return hit.value;
    if (this.cache.size > 10_000) this.cache.clear(); // unknown names must not grow it without bound
    const value = this.load(slugOrId);
    this.cache.set(slugOrId, { expires: t + this.ttlMs, value });
    // A failed lookup (database down) is not cached.
    value.catch(() => this.cache.delete(slugOrId));
    return value;
  }

  /** Forgets cached lookups (after a credential change in this process). */
  clear(): void {
    this.cache.clear();
  }

  private async load(slugOrId: string): Promise<WebhookTarget | null> {
    if (!slugOrId || slugOrId.length > 200) return null;
    const found = await findConnection(this.db, slugOrId);
    if (!found) return null;
    const fromEnvironment = environmentCredentialsApply(found.organization.slug) ? this.environmentCredentials : [];
    return {
      organizationId: found.organization.id,
      organizationSlug: found.organization.slug,
      connectionId: found.connection.id,
      credentials: [...found.connection.webhookCredentials, ...fromEnvironment],
    };
  }
}
