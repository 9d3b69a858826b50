import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request's `Authorization: Bearer …` header carries `expected`. Both sides are hashed
 * before the constant-time comparison, so neither the token's length nor its content leaks through
 * timing. No expected token → false (nothing is open by default).
 */
export function presentsBearerToken(headers: IncomingHttpHeaders, expected: string | undefined): boolean {
  if (!expected) return false;
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return Boolean(match) && timingSafeEqual(sha256(match![1].trim()), sha256(expected));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
