/**
 * Pure retry timing: capped exponential backoff with full jitter, and Retry-After parsing.
 * Full jitter (a random delay between 0 and the capped exponential value) spreads out clients that
 * failed together, so a recovering Jamf Pro is not hit by a synchronised wave of retries.
 */

export interface BackoffPolicy {
  /** Delay ceiling before jitter for the first retry. */
  baseDelayMs: number;
  /** No computed delay exceeds this. */
  maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1 = first retry).
 * `random` returns a number in [0, 1); injected so tests are deterministic.
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, retry - 1);
  // 2 ** 31 already dwarfs any sane cap; clamping the exponent avoids Infinity for large retry counts.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 31));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header: either delay-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"). Returns milliseconds to wait (never negative), or `null` when
 * the header is absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date always names a month; without this, Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(value)) return null;
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}

/**
 * Delay before the next attempt: the server's Retry-After when given (capped, so a misconfigured
 * proxy cannot park the sync for hours), otherwise the jittered backoff.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | null,
  policy: BackoffPolicy & { maxRetryAfterMs: number },
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelayMs(retry, policy, random);
}
