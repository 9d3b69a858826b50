import { randomBytes } from 'node:crypto';

export type TokenStatus = 'valid' | 'expired' | 'unknown';

interface TokenEntry {
  expiresAt: number;
  subject: string;
}

/**
 * Bearer tokens the simulator has issued. Like Jamf's, they are opaque JWT-looking strings with a
 * fixed lifetime and no refresh; revoked or expired tokens are refused with 401 INVALID_TOKEN.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(subject: string, lifetimeSeconds: number): { token: string; expiresAt: number } {
    this.pruneExpired();
    const expiresAt = this.now() + lifetimeSeconds * 1000;
    const token = fakeJwt(subject, expiresAt);
    this.tokens.set(token, { expiresAt, subject });
    return { token, expiresAt };
  }

  status(token: string): TokenStatus {
    const entry = this.tokens.get(token);
    if (!entry) return 'unknown';
    return entry.expiresAt > this.now() ? 'valid' : 'expired';
  }

  subjectOf(token: string): string | undefined {
    return this.tokens.get(token)?.subject;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  get liveCount(): number {
    let n = 0;
    for (const entry of this.tokens.values()) if (entry.expiresAt > this.now()) n++;
    return n;
  }

  private pruneExpired(): void {
    if (this.tokens.size < 1000) return;
    const now = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
  }
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function fakeJwt(subject: string, expiresAt: number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256' }));
  const payload = base64url(
    JSON.stringify({ sub: subject, 'token-uuid': randomBytes(16).toString('hex'), exp: Math.floor(expiresAt / 1000) }),
  );
  return `${header}.${payload}.${base64url(randomBytes(32))}`;
}
