/**
 * Caps how many requests are in flight at once. Jamf asks integrations for at most 5 concurrent
 * connections; every request (token requests included) passes through one limiter per client.
 * Waiters are served first-in, first-out so no request starves.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private peak = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Highest number of tasks that ran at the same time (for tests and benchmarks). */
  get peakActive(): number {
    return this.peak;
  }

  get activeCount(): number {
    return this.active;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.take();
        resolve();
      });
    });
  }

  private take(): void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
  }

  private release(): void {
    this.active -= 1;
    const next = this.waiting.shift();
    if (next) next();
  }
}
