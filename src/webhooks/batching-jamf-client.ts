import type { JamfClient, StreamOptions } from '../jamf/jamf-client';
import { JamfRequestError } from '../jamf/errors';
import type { ComputerInventoryRecord, MobileDeviceDetailRecord } from '../jamf/schemas';

/**
 * A JamfClient that answers single-device fetches made in the same tick with one filtered list
 * request (`id=in=(…)` / `mobileDeviceId=in=(…)`) instead of one request per device. A burst of
 * webhooks then costs a few requests per batch rather than one per device, which is what keeps
 * webhook-to-asset latency low within Jamf's guidance of 5 concurrent connections. The records
 * are the same paged shape the nightly sync reads.
 *
 * Any id the list did not return (gone, or a record that failed validation) is fetched alone, so
 * a 404 still means "not found" and a malformed record still fails on its own. If Jamf refuses the
 * filter (400: an older version), the client falls back to single fetches for good.
 */
export function batchingJamfClient(inner: JamfClient, options: { maxBatch?: number } = {}): JamfClient {
  const maxBatch = options.maxBatch ?? 100;
  const computers = new Batcher<ComputerInventoryRecord>(maxBatch, {
    list: (ids) => collect(inner.streamComputers(listOptions('id', ids)), (r) => String(r.id), ids),
    single: (id) => inner.getComputer(id),
  });
  const mobiles = new Batcher<MobileDeviceDetailRecord>(maxBatch, {
    list: (ids) => collect(inner.streamMobileDevices(listOptions('mobileDeviceId', ids)), (r) => String(r.mobileDeviceId), ids),
    single: (id) => inner.getMobileDevice(id),
  });
  const overrides: Partial<JamfClient> = {
    // Only the default sections can share a request.
    getComputer: (id, opts) => (opts?.sections ? inner.getComputer(id, opts) : computers.get(id)),
    getMobileDevice: (id) => mobiles.get(id),
  };
  // Everything else goes to the wrapped client as it is (the port may grow; this need not follow).
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof JamfClient];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function listOptions(idField: string, ids: readonly string[]): StreamOptions {
  return { filter: `${idField}=in=(${ids.join(',')})`, pageSize: ids.length };
}

/**
 * Reads the filtered list until every wanted id was seen, so the empty page that normally ends a
 * stream is not asked for (the client for webhooks prefetches no pages).
 */
async function collect<R>(stream: AsyncIterable<R>, idOf: (record: R) => string, wanted: readonly string[]): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  const missing = new Set(wanted);
  for await (const record of stream) {
    const id = idOf(record);
    found.set(id, record);
    missing.delete(id);
    if (missing.size === 0) break;
  }
  return found;
}

interface BatchSource<R> {
  list(ids: readonly string[]): Promise<Map<string, R>>;
  single(id: string): Promise<R | null>;
}

class Batcher<R> {
  private queue = new Map<string, Array<{ resolve: (r: R | null) => void; reject: (e: unknown) => void }>>();
  private scheduled = false;
  private listUnsupported = false;

  constructor(
    private readonly maxBatch: number,
    private readonly source: BatchSource<R>,
  ) {}

  get(id: string): Promise<R | null> {
    // Ids are digits in Jamf; anything else cannot go into an RSQL list safely.
    if (this.listUnsupported || !/^\d+$/.test(id)) return this.source.single(id);
    return new Promise((resolve, reject) => {
      const waiters = this.queue.get(id) ?? [];
      waiters.push({ resolve, reject });
      this.queue.set(id, waiters);
      if (!this.scheduled) {
        this.scheduled = true;
        // Every fetch a caller starts in this tick (syncDevices starts them all at once) shares the request.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const entries = [...this.queue.entries()];
    this.queue = new Map();
    for (let i = 0; i < entries.length; i += this.maxBatch) void this.fetchChunk(new Map(entries.slice(i, i + this.maxBatch)));
  }

  private async fetchChunk(chunk: Map<string, Array<{ resolve: (r: R | null) => void; reject: (e: unknown) => void }>>): Promise<void> {
    const ids = [...chunk.keys()];
    let found = new Map<string, R>();
    if (ids.length > 1 && !this.listUnsupported) {
      try {
        found = await this.source.list(ids);
      } catch (err) {
        if (err instanceof JamfRequestError) {
          this.listUnsupported = true; // this Jamf refuses the id filter: single fetches from now on
        } else {
          for (const waiters of chunk.values()) for (const w of waiters) w.reject(err);
          return;
        }
      }
    }
    await Promise.all(
      ids.map(async (id) => {
        const waiters = chunk.get(id)!;
        try {
          const record = found.has(id) ? found.get(id)! : await this.source.single(id);
          for (const w of waiters) w.resolve(record);
        } catch (err) {
          for (const w of waiters) w.reject(err);
        }
      }),
    );
  }
}
