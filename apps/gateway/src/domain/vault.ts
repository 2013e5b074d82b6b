import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts PAN and CSC at rest with AES-256-GCM. An envelope is `v1.<iv>.<tag>.<ciphertext>` (base64url),
 * and the owner's id (session or token) is bound in as associated data, so an envelope copied into another
 * record fails to open.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

export class CardVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The vault key must be 32 bytes.');
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map(encode).join('.');
  }

  open(envelope: string, boundTo: string): string {
    const [version, iv, tag, ciphertext] = envelope.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
      throw new Error('Malformed vault envelope.');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
