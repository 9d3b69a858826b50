import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request's `Authorization: Bearer …` header carries `expected`. Both sides are hashed
 * before the constant-time comparison, so neither the token's length nor its content leaks through
 * timing. No expected token → false (nothing is open by default).
 */
export function presentsBearerToken(headers: IncomingHttpHeaders, expected: string | undefined): boolean {
  if (!expected) return false;
  const presented = presentedBearerToken(headers);
  return presented !== null && timingSafeEqual(sha256(presented), sha256(expected));
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function presentedBearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match ? match[1].trim() : null;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
