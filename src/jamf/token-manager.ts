/**
 * Holds the current Jamf bearer token and renews it: before it expires (Jamf issues no refresh
 * token, and API-client lifetimes can be 60 s), and once when Jamf rejects it with a 401.
 *
 * Renewal is single-flight: however many requests need a token at the same moment, at most one
 * token request is on the wire, and every caller awaits that same request. Without this, N
 * concurrent 401s would become N token requests (a "storm") and each would invalidate the last.
 *
 * No timers: renewal happens lazily on the next `getToken()` past the renewal time, so an idle
 * client keeps no handle open and never renews a token nobody uses.
 */

export interface IssuedToken {
  value: string;
  /** Local clock time the token request was sent (conservative start of its lifetime). */
  issuedAtMs: number;
  /** Local clock time after which Jamf will reject it. */
  expiresAtMs: number;
}

/** Renew after 80% of the lifetime or 30 s before expiry, whichever is sooner, but never before half of it. */
export function renewalTimeMs(token: Pick<IssuedToken, 'issuedAtMs' | 'expiresAtMs'>): number {
  const lifetime = Math.max(0, token.expiresAtMs - token.issuedAtMs);
  // The 50% floor keeps very short lifetimes (seconds, in tests or odd tenants) from renewing on every call.
  const renewAfter = Math.max(0.5 * lifetime, Math.min(0.8 * lifetime, lifetime - 30_000));
  return token.issuedAtMs + renewAfter;
}

export interface TokenManagerOptions {
  requestToken: () => Promise<IssuedToken>;
  now?: () => number;
  onRenewed?: (reason: TokenRenewalReason) => void;
}

export type TokenRenewalReason = 'initial' | 'expiring' | 'rejected';

export class TokenManager {
  private current: IssuedToken | null = null;
  private inFlight: Promise<IssuedToken> | null = null;
  private renewals = 0;
  private readonly now: () => number;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A token that is not due for renewal, requesting one if needed (shared with concurrent callers). */
  async getToken(): Promise<string> {
    if (this.current && this.now() < renewalTimeMs(this.current)) return this.current.value;
    return (await this.renew(this.current ? 'expiring' : 'initial')).value;
  }

  /**
   * Called after Jamf answered 401 to a request made with `rejectedToken`. If the token has already
   * been replaced (another request saw the 401 first), the replacement is returned without a new
   * token request; otherwise one renewal is started (or joined).
   */
  async tokenAfterRejection(rejectedToken: string): Promise<string> {
    if (this.inFlight) return (await this.inFlight).value;
    if (this.current && this.current.value !== rejectedToken) return this.getToken();
    this.current = null;
    return (await this.renew('rejected')).value;
  }

  /** Forgets the token (e.g. on close). */
  clear(): void {
    this.current = null;
  }

  /** How many token requests succeeded, for stats. */
  get renewalCount(): number {
    return this.renewals;
  }

  private renew(reason: TokenRenewalReason): Promise<IssuedToken> {
    if (this.inFlight) return this.inFlight;
    // Deferred through a resolved promise so a synchronous throw still lands in the shared promise.
    const request = Promise.resolve()
      .then(() => this.options.requestToken())
      .then((token) => {
        this.current = token;
        this.renewals += 1;
        this.options.onRenewed?.(reason);
        return token;
      })
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = request;
    return request;
  }
}
