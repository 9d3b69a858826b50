/**
 * id → name lookups for departments and buildings. Inventory records carry only ids; the list is
 * small and changes rarely, so it is loaded once per client (= per run) on first use and shared by
 * concurrent callers. A failed load is not cached, so the next call tries again.
 */
import type { NamedObject } from './schemas';

export class NameLookup {
  private names: Promise<Map<string, string>> | null = null;

  constructor(private readonly loadAll: () => Promise<NamedObject[]>) {}

  async nameOf(id: string | number | null | undefined): Promise<string | null> {
    if (id === null || id === undefined) return null;
    const key = String(id).trim();
    // Jamf uses "-1" (and sometimes "0" or "") for "none".
    if (key === '' || key === '-1') return null;
    const names = await this.load();
    return names.get(key) ?? null;
  }

  /**
   * The id of the item with this name (case-insensitive, as Jamf compares names), or null; for a
   * connection scope given by name while Jamf filters computers by id.
   */
  async idOf(name: string): Promise<string | null> {
    const wanted = name.trim().toLowerCase();
    for (const [id, itemName] of await this.load()) if (itemName.trim().toLowerCase() === wanted) return id;
    return null;
  }

  private load(): Promise<Map<string, string>> {
    if (!this.names) {
      this.names = this.loadAll().then(
        (items) => new Map(items.map((item) => [item.id, item.name])),
        (error: unknown) => {
          this.names = null;
          throw error;
        },
      );
    }
    return this.names;
  }
}
