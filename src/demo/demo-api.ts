import type { RunCounts } from '../db/schema';

/** A small client of the service's own HTTP API, for the demo. */
export class DemoApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Polls until `done` holds (the demo waits for runs; nothing here measures time). */
  async waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, attempts = 600): Promise<T> {
    for (let i = 0; i < attempts; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`gave up waiting for ${what}`);
  }
}

export interface RunSummary {
  id: string;
  trigger: string;
  mode: string;
  status: string;
  counts: RunCounts;
}

export interface RunReportBody extends RunSummary {
  warnings: Array<{ code: string; serialNumber: string | null; jamfId: string | null; message: string }>;
  changes: Array<{ serialNumber: string; field: string; old: unknown; new: unknown }>;
}
