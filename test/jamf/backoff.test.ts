import { backoffDelayMs, parseRetryAfterMs, retryDelayMs } from '../../src/jamf/backoff';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelayMs (capped exponential, full jitter)', () => {
  it('doubles the ceiling each retry', () => {
    const almostOne = () => 0.999999;
    expect(backoffDelayMs(1, policy, almostOne)).toBe(99);
    expect(backoffDelayMs(2, policy, almostOne)).toBe(199);
    expect(backoffDelayMs(3, policy, almostOne)).toBe(399);
  });

  it('never exceeds the cap, even for huge retry counts', () => {
    expect(backoffDelayMs(5, policy, () => 0.999999)).toBe(999);
    expect(backoffDelayMs(10_000, policy, () => 0.999999)).toBe(999);
  });

  it('spreads delays over the whole range from zero (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs('', now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  const withCap = { ...policy, maxRetryAfterMs: 5_000 };

  it('prefers the server Retry-After, capped', () => {
    expect(retryDelayMs(1, 2_000, withCap, () => 0.9)).toBe(2_000);
    expect(retryDelayMs(1, 3_600_000, withCap, () => 0.9)).toBe(5_000);
  });

  it('falls back to jittered backoff', () => {
    expect(retryDelayMs(2, null, withCap, () => 0.5)).toBe(100);
  });
});
