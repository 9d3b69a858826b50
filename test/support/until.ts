export interface UntilOptions {
  /** Give up after this long (default 30 s: inside jest's timeout, so this fails first, with `what`). */
  timeoutMs?: number;
  /** Pause between probes (default 100 ms). */
  intervalMs?: number;
}

/**
 * Polls `probe` until it gives a truthy value, and returns that value. Fails, naming `what`, once
 * `timeoutMs` passes (and with the probe's own error if it throws). Never an assertion on time:
 * only a bound on how long a test waits for something that should happen.
 */
export async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, options: UntilOptions = {}): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
