import { AuthFailureLimiter, authFailureLimits } from '../../src/http/auth-failure-limiter';

describe('AuthFailureLimiter (AUTH_FAILURES_PER_MINUTE)', () => {
  const limiterAt = (perMinute: number) => {
    let now = 0;
    const limiter = new AuthFailureLimiter(authFailureLimits(perMinute), () => now);
    return { limiter, advance: (ms: number) => (now += ms) };
  };

  it('answers 429 once an address has had its allowance of refusals within the minute, until that minute ends', () => {
    const { limiter, advance } = limiterAt(3);
    for (let i = 0; i < 3; i++) {
      expect(() => limiter.check('10.0.0.1')).not.toThrow();
      limiter.recordFailure('10.0.0.1');
    }
    expect(() => limiter.check('10.0.0.1')).toThrow(expect.objectContaining({ status: 429, code: 'too_many_failed_attempts' }));
    expect(() => limiter.check('10.0.0.2')).not.toThrow();
    advance(60_000);
    expect(() => limiter.check('10.0.0.1')).not.toThrow();
  });

  it('0 turns the limit off', () => {
    const { limiter } = limiterAt(0);
    for (let i = 0; i < 1000; i++) limiter.recordFailure('10.0.0.1');
    expect(() => limiter.check('10.0.0.1')).not.toThrow();
  });
});
