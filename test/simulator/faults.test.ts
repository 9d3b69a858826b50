import { DEFAULT_FAULTS, FaultInjector } from '../../src/simulator/faults';
import { createPrng } from '../../src/simulator/prng';

const decisions = (injector: FaultInjector, n: number): string[] =>
  Array.from({ length: n }, () => injector.decide().kind);

describe('FaultInjector', () => {
  it('does nothing by default', () => {
    const injector = new FaultInjector({}, createPrng(1), () => undefined);
    expect(injector.faults).toEqual(DEFAULT_FAULTS);
    expect(new Set(decisions(injector, 200))).toEqual(new Set(['none']));
  });

  it('answers the next N requests 503, then recovers', () => {
    const injector = new FaultInjector({ burst503: 2 }, createPrng(1), () => undefined);
    expect(decisions(injector, 3)).toEqual(['unavailable', 'unavailable', 'none']);
    expect(injector.faults.burst503).toBe(0);
  });

  it('draws errors and 429s from a seeded sequence: same seed, same failures', () => {
    const make = () => new FaultInjector({ errorRate: 0.3, rateLimitRate: 0.2, retryAfterSeconds: 7 }, createPrng(9), () => undefined);
    const first = decisions(make(), 500);
    expect(decisions(make(), 500)).toEqual(first);
    const share = (kind: string) => first.filter((k) => k === kind).length / first.length;
    expect(share('rateLimited')).toBeGreaterThan(0.12);
    expect(share('rateLimited')).toBeLessThan(0.28);
    expect(share('serverError')).toBeGreaterThan(0.15);
    const limited = make();
    let decision = limited.decide();
    while (decision.kind !== 'rateLimited') decision = limited.decide();
    expect(decision).toEqual({ kind: 'rateLimited', retryAfterSeconds: 7 });
  });

  it('revokes tokens once when asked and does not keep the flag set', () => {
    let revoked = 0;
    const injector = new FaultInjector({}, createPrng(1), () => revoked++);
    injector.update({ revokeTokens: true, latencyMs: 5 });
    expect(revoked).toBe(1);
    expect(injector.faults).toMatchObject({ revokeTokens: false, latencyMs: 5 });
  });

  it('denies privileges by name, case-insensitively', () => {
    const injector = new FaultInjector({ deniedPrivileges: ['View Disk Encryption Recovery Key'] }, createPrng(1), () => undefined);
    expect(injector.isDenied('view disk encryption recovery key')).toBe(true);
    expect(injector.isDenied('Read Computers')).toBe(false);
  });
});
