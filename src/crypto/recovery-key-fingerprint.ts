import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Fingerprints of FileVault recovery keys, so a sync can tell an unchanged key without decrypting
 * the stored one (R18). A bare SHA-256 of a recovery key would let anyone who reads the database
 * test guesses offline, and a recovery key has a known shape; so the fingerprint is an HMAC-SHA256
 * under a key derived from ENCRYPTION_KEY with HKDF, under a label of its own so it is never the
 * key that encrypts (one key, two unrelated uses).
 *
 * Stored as `hmac-sha256:<key id>:<hex>`: the scheme and the encryption key it was derived from
 * are in the value, so a fingerprint made before this scheme (a bare 64-digit SHA-256) or under a
 * previous key is recognised as such and recomputed (upgradeRecoveryKeyFingerprints, keys rotate).
 */
const SCHEME = 'hmac-sha256';
const HKDF_INFO = 'jamf-asset-sync: FileVault recovery key fingerprint v1';

/** The HMAC key derived from one encryption key (32 random bytes: no salt needed, RFC 5869 §3.1). */
export function fingerprintKeyOf(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), HKDF_INFO, 32));
}

export function formatFingerprint(fingerprintKey: Buffer, keyId: string, secret: string): string {
  return `${SCHEME}:${keyId}:${createHmac('sha256', fingerprintKey).update(secret, 'utf8').digest('hex')}`;
}

/** The key id a stored fingerprint was made under, or null for one of another scheme (legacy SHA-256). */
export function fingerprintKeyId(stored: string | null): string | null {
  const match = /^hmac-sha256:([0-9a-f]+):[0-9a-f]{64}$/.exec(stored ?? '');
  return match ? match[1] : null;
}

/** SQL LIKE pattern of the fingerprints made under `keyId`. */
export function fingerprintPrefix(keyId: string): string {
  return `${SCHEME}:${keyId}:`;
}

export function sameFingerprint(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
