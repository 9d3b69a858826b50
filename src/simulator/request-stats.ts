/** What the simulator has been asked, for tests and benchmarks (e.g. "never more than 5 at once"). */
export interface SimulatorStats {
  requests: number;
  /** Most API requests in flight at the same moment, latency waits included. */
  peakConcurrency: number;
  inFlight: number;
  /** Request counts by path, with ids replaced by `:id`. */
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
}

export class RequestStats {
  private requests = 0;
  private peak = 0;
  private inFlight = 0;
  private byPath: Record<string, number> = {};
  private byStatus: Record<string, number> = {};

  /** Call when an API request arrives; call the returned function exactly once when it ends. */
  begin(path: string): (status: number) => void {
    this.requests++;
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    const key = normalizePath(path);
    this.byPath[key] = (this.byPath[key] ?? 0) + 1;
    let ended = false;
    return (status) => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
    };
  }

  snapshot(): SimulatorStats {
    return {
      requests: this.requests,
      peakConcurrency: this.peak,
      inFlight: this.inFlight,
      byPath: { ...this.byPath },
      byStatus: { ...this.byStatus },
    };
  }

  reset(): void {
    this.requests = 0;
    this.peak = this.inFlight;
    this.byPath = {};
    this.byStatus = {};
  }
}

/** "/api/v3/computers-inventory-detail/17" → "/api/v3/computers-inventory-detail/:id". */
function normalizePath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id');
}
