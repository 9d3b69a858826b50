import type { JsonObject } from './fleet-types';

/**
 * Remembers the filtered, sorted record list of recent queries until the fleet changes, so paging
 * through 10,000 records does not re-sort them for every page.
 */
export class ListQueryCache {
  private readonly entries = new Map<string, JsonObject[]>();
  private cachedVersion = -1;

  constructor(private readonly maxEntries = 32) {}

  getOrCompute(key: string, storeVersion: number, compute: () => JsonObject[]): JsonObject[] {
    if (storeVersion !== this.cachedVersion) {
      this.entries.clear();
      this.cachedVersion = storeVersion;
    }
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = compute();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}
