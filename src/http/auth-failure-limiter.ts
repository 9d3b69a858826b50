import { AppError } from '../errors/app-error';

export interface AuthFailureLimits {
  /** Refused credentials a key may have within one window before it is answered 429. */
  maxFailures: number;
  windowMs: number;
}

/**
 * 20 wrong credentials a minute by default (AUTH_FAILURES_PER_MINUTE): room for an admin's typos,
 * nothing for guessing. A Jamf with a stale credential is refused either way (401 or 429), and is
 * fixed in Jamf, not by retrying. 0 failures: no limit.
 */
export function authFailureLimits(perMinute = 20): AuthFailureLimits {
  return { maxFailures: perMinute, windowMs: 60_000 };
}

/** Keys tracked at once; past it the oldest windows are forgotten (memory stays bounded under a spray of addresses). */
const MAX_TRACKED_KEYS = 10_000;

/**
 * Slows the guessing of credentials: once a key (a remote address, with the webhook connection it
 * knocks on) has had `maxFailures` requests refused with 401 in a window, every request of that key
 * is answered 429 with Retry-After, right or wrong credentials alike (else a 202 among 429s would
 * still tell a guess was right), until the window that began with its first failure ends.
 * In-memory and per process: each replica counts on its own.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly limits: AuthFailureLimits = authFailureLimits(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 (with its Retry-After) while `key` is over the limit. */
  check(key: string): void {
    const window = this.current(key);
    if (this.limits.maxFailures === 0 || !window || window.failures < this.limits.maxFailures) return;
    const retryAfterSeconds = (window.startedAt + this.limits.windowMs - this.now()) / 1000;
    throw new AppError(429, 'too_many_failed_attempts', 'Too many requests with wrong credentials from this address; try again later', undefined, retryAfterSeconds);
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= MAX_TRACKED_KEYS) this.forgetOldest();
    this.windows.set(key, { startedAt: this.now(), failures: 1 });
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.limits.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Maps iterate in insertion order: the first entries are the oldest windows. */
  private forgetOldest(): void {
    let drop = Math.ceil(MAX_TRACKED_KEYS / 10);
    for (const key of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(key);
    }
  }
}
