import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme (README "Notifications"): the header
 *   X-Jamf-Sync-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
 * keyed with the target's signing secret (its UTF-8 bytes, prefix included). The time is signed
 * with the body, so a receiver that refuses old times (5 minutes is usual) refuses replays too.
 */
export const SIGNATURE_HEADER = 'X-Jamf-Sync-Signature';
export const EVENT_HEADER = 'X-Jamf-Sync-Event';
export const DELIVERY_HEADER = 'X-Jamf-Sync-Delivery';

/** Recognisable in a secret manager or a leaked paste; the rest is 32 random bytes. */
const SECRET_PREFIX = 'jsn_';

export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * What a receiver does (the tests use it; the README shows the same in a few lines): the header's
 * HMAC must match, in constant time, and its time be within `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(secret: string, body: string, header: string | undefined, nowSeconds: number, toleranceSeconds = 300): SignatureCheck {
  if (!header) return { valid: false, reason: 'no signature header' };
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), part.slice(at + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return { valid: false, reason: 'no timestamp' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { valid: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  const matches = (parts.get('v1') ?? []).some((v) => {
    const given = Buffer.from(v, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { valid: true, timestamp: t } : { valid: false, reason: 'signature does not match' };
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}
