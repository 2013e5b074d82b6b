import { hkdfSync } from 'node:crypto';

/**
 * Keys for separate jobs derived from the one configured vault key (HKDF-SHA256), so a single secret is
 * managed while no key ever serves two purposes: a leaked fingerprint key reveals nothing encrypted.
 */
export type KeyPurpose =
  'request-fingerprint' | 'card-fingerprint' | 'idempotency-fingerprint' | 'access-token';

export function deriveKey(masterKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `hosted-session/${purpose}/v1`, 32));
}
