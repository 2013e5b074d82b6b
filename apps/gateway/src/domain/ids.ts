import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `SESSION` + 24 random alphanumerics (~143 bits): the id is a bearer credential from the browser. */
export function newSessionId(): string {
  return `SESSION${randomString(24)}`;
}

/** A session version: 10 random hex characters, new on every change. */
export function newSessionVersion(): string {
  return randomBytes(5).toString('hex');
}

/** The per-session `aes256Key`: base64 of 32 random bytes (44 characters). */
export function newAes256Key(): string {
  return randomBytes(32).toString('base64');
}

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}
