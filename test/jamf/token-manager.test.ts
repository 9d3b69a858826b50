import { TokenManager, renewalTimeMs, type IssuedToken } from '../../src/jamf/token-manager';

describe('renewalTimeMs', () => {
  const at = (lifetimeMs: number) => renewalTimeMs({ issuedAtMs: 0, expiresAtMs: lifetimeMs });

  it('renews 30 s before expiry when that is sooner than 80%', () => {
    expect(at(60_000)).toBe(30_000);
    expect(at(120_000)).toBe(90_000);
  });

  it('renews at 80% of long lifetimes', () => {
    expect(at(600_000)).toBe(480_000);
    expect(at(30 * 60_000)).toBe(24 * 60_000);
  });

  it('never renews before half the lifetime, so very short tokens are not renewed on every call', () => {
    expect(at(2_000)).toBe(1_000);
    expect(at(40_000)).toBe(20_000);
  });
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TokenManager', () => {
  let clock = 0;
  const now = () => clock;
  let issued = 0;
  const token = (lifetimeMs = 60_000): IssuedToken => {
    issued += 1;
    return { value: `token-${issued}`, issuedAtMs: clock, expiresAtMs: clock + lifetimeMs };
  };

  beforeEach(() => {
    clock = 0;
    issued = 0;
  });

  it('shares one token request among concurrent callers', async () => {
    const pending = deferred<IssuedToken>();
    const requestToken = jest.fn(() => pending.promise);
    const manager = new TokenManager({ requestToken, now });

    const callers = Promise.all([manager.getToken(), manager.getToken(), manager.getToken()]);
    pending.resolve(token());
    expect(await callers).toEqual(['token-1', 'token-1', 'token-1']);
    expect(requestToken).toHaveBeenCalledTimes(1);
  });

  it('reuses the token until its renewal time, then renews', async () => {
    const requestToken = jest.fn(async () => token(60_000));
    const manager = new TokenManager({ requestToken, now });

    expect(await manager.getToken()).toBe('token-1');
    clock = 29_999;
    expect(await manager.getToken()).toBe('token-1');
    clock = 30_000;
    expect(await manager.getToken()).toBe('token-2');
    expect(requestToken).toHaveBeenCalledTimes(2);
  });

  it('turns many 401s for the same token into exactly one renewal', async () => {
    const requestToken = jest.fn(async () => token());
    const manager = new TokenManager({ requestToken, now });
    const rejected = await manager.getToken();

    const replacements = await Promise.all(Array.from({ length: 5 }, () => manager.tokenAfterRejection(rejected)));
    expect(new Set(replacements)).toEqual(new Set(['token-2']));
    expect(requestToken).toHaveBeenCalledTimes(2);
  });

  it('does not renew again for a 401 that arrives after the token was already replaced', async () => {
    const requestToken = jest.fn(async () => token());
    const manager = new TokenManager({ requestToken, now });
    const first = await manager.getToken();
    await manager.tokenAfterRejection(first);

    expect(await manager.tokenAfterRejection(first)).toBe('token-2');
    expect(requestToken).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failed token request', async () => {
    const requestToken = jest
      .fn<Promise<IssuedToken>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockImplementation(async () => token());
    const manager = new TokenManager({ requestToken, now });

    await expect(manager.getToken()).rejects.toThrow('down');
    expect(await manager.getToken()).toBe('token-1');
  });
});
