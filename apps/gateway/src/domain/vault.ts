import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts PAN and CSC at rest with AES-256-GCM. An envelope is `v2.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url), and the owner's id (session or token) is bound in as associated data, so an envelope copied
 * into another record fails to open. The vault seals under one active key and opens under any key it holds,
 * so keys can be rotated: envelopes are re-sealed under the new key while the old one still opens them, and
 * the old key is retired once none is left under it (`rotate-vault-key`).
 *
 * Envelopes written before key ids (`v1.<iv>.<tag>.<ciphertext>`) are opened with whichever held key
 * authenticates them; GCM's tag tells a wrong key apart.
 */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
const IV_BYTES = 12;

/** A short public name of a key, derived from it (so no one has to name keys) and revealing nothing of it. */
export function vaultKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('hosted-session/vault-key-id').digest('base64url').slice(0, 8);
}

export class CardVault {
  private readonly active: { id: string; key: Buffer };
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(activeKey: Buffer, retiredKeys: readonly Buffer[] = []) {
    for (const key of [activeKey, ...retiredKeys]) {
      if (key.length !== 32) throw new Error('The vault key must be 32 bytes.');
    }
    this.active = { id: vaultKeyId(activeKey), key: activeKey };
    this.keys = new Map([activeKey, ...retiredKeys].map((key) => [vaultKeyId(key), key]));
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  /** How every envelope sealed under the active key starts: one that does not is for re-sealing. */
  get currentPrefix(): string {
    return `${VERSION}.${this.active.id}.`;
  }

  /** The key id an envelope names, or `v1` for one written before key ids. */
  keyIdOf(envelope: string): string {
    const [version, id] = envelope.split('.');
    return version === VERSION && id ? id : LEGACY_VERSION;
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.active.id, ...[iv, cipher.getAuthTag(), ciphertext].map(encode)].join('.');
  }

  open(envelope: string, boundTo: string): string {
    const parts = envelope.split('.');
    if (parts[0] === VERSION && parts.length === 5) {
      const key = this.keys.get(parts[1]!);
      if (!key) throw new Error('The vault envelope is sealed under a key this gateway does not hold.');
      return decrypt(key, parts.slice(2) as Sealed, boundTo);
    }
    if (parts[0] === LEGACY_VERSION && parts.length === 4) {
      for (const key of this.keys.values()) {
        try {
          return decrypt(key, parts.slice(1) as Sealed, boundTo);
        } catch {
          // Sealed under another key (or tampered with): try the next.
        }
      }
      throw new Error('No vault key opens this envelope.');
    }
    throw new Error('Malformed vault envelope.');
  }

  /** The same plaintext under the active key, bound to the same owner. */
  reseal(envelope: string, boundTo: string): string {
    return this.seal(this.open(envelope, boundTo), boundTo);
  }
}

type Sealed = [iv: string, tag: string, ciphertext: string];

function decrypt(key: Buffer, [iv, tag, ciphertext]: Sealed, boundTo: string): string {
  // A full 16-byte tag only: GCM would otherwise accept a truncated one, which is far easier to forge.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

function encode(part: Buffer): string {
  return part.toString('base64url');
}
