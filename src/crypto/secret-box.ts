import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { fingerprintKeyId, fingerprintKeyOf, formatFingerprint, sameFingerprint } from './recovery-key-fingerprint';

/**
 * AES-256-GCM for secrets at rest (Jamf client secrets, FileVault recovery keys). Each ciphertext
 * is stored with the id of the key that made it, so keys can be rotated: the current key encrypts,
 * previous keys still decrypt until `jamf-sync keys rotate` has re-encrypted everything.
 */
export interface Sealed {
  ciphertext: string;
  keyId: string;
}

export class MissingEncryptionKeyError extends Error {
  readonly code = 'encryption_key_missing';
  constructor(what: string) {
    super(
      `ENCRYPTION_KEY is not set, and it is needed to store ${what}. Generate one with ` +
        '"openssl rand -base64 32", set it in the environment, and keep it safe: secrets stored with it cannot be read without it.',
    );
    this.name = 'MissingEncryptionKeyError';
  }
}

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly fingerprintKeys: Map<string, Buffer>;
  readonly currentKeyId: string;

  /** @param keys base64 keys of 32 bytes, the current one first, then previous ones. */
  constructor(keys: readonly string[]) {
    if (!keys.length) throw new MissingEncryptionKeyError('secrets');
    this.keys = new Map(keys.map((k) => {
      const key = Buffer.from(k, 'base64');
      if (key.length !== 32) throw new Error('an encryption key must be 32 bytes in base64');
      return [keyIdOf(key), key];
    }));
    this.currentKeyId = keyIdOf(Buffer.from(keys[0], 'base64'));
    this.fingerprintKeys = new Map([...this.keys].map(([id, key]) => [id, fingerprintKeyOf(key)]));
  }

  /** The recovery key's fingerprint under the current key (see recovery-key-fingerprint.ts). */
  fingerprint(secret: string): string {
    return formatFingerprint(this.fingerprintKeys.get(this.currentKeyId)!, this.currentKeyId, secret);
  }

  /**
   * Whether `stored` is the fingerprint of `secret`, under whichever configured key made it (so a
   * key change does not make every key look changed before "keys rotate" ran). A fingerprint of an
   * older scheme, or under a key no longer configured, never matches: the caller stores it anew.
   */
  fingerprintMatches(stored: string | null, secret: string): boolean {
    const keyId = fingerprintKeyId(stored);
    const key = keyId === null ? undefined : this.fingerprintKeys.get(keyId);
    return key !== undefined && sameFingerprint(stored!, formatFingerprint(key, keyId!, secret));
  }

  seal(plaintext: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      ciphertext: ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.'),
      keyId: this.currentKeyId,
    };
  }

  open(sealed: Sealed): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new Error(`secret was encrypted with key ${sealed.keyId}, which is not configured (ENCRYPTION_KEY / ENCRYPTION_KEYS_PREVIOUS)`);
    }
    const [version, iv, tag, body] = sealed.ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }
}

/** A short, non-secret name for a key: the start of its SHA-256. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
