import { userTokenLifetimeMs } from '../../src/jamf/token-requests';

describe('userTokenLifetimeMs', () => {
  it('measures the lifetime against the server clock when Jamf sends a Date header', () => {
    const localNow = Date.parse('2026-01-01T00:10:00Z'); // local clock 10 minutes ahead
    expect(userTokenLifetimeMs('2026-01-01T00:30:00.000Z', 'Thu, 01 Jan 2026 00:00:00 GMT', localNow)).toBe(30 * 60_000);
  });

  it('uses the local clock without a Date header', () => {
    expect(userTokenLifetimeMs('2026-01-01T00:30:00Z', undefined, Date.parse('2026-01-01T00:00:00Z'))).toBe(30 * 60_000);
  });

  it('falls back to a short lifetime when `expires` is unreadable or already past', () => {
    expect(userTokenLifetimeMs('tomorrow', undefined, 0)).toBe(60_000);
    expect(userTokenLifetimeMs('2000-01-01T00:00:00Z', undefined, Date.parse('2026-01-01T00:00:00Z'))).toBe(60_000);
  });
});

describe('userTokenLifetimeMs with epoch milliseconds', () => {
  it('accepts the older numeric `expires`', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(userTokenLifetimeMs(now + 90_000, undefined, now)).toBe(90_000);
  });
});
