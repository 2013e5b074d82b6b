import { randomBytes, randomInt } from 'node:crypto';
import { luhnCheckDigit } from '@hosted-session/card';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A 3-D Secure authentication: `sid_` + 26 base32 characters (130 bits), as Checkout.com's session ids look. */
export const AUTHENTICATION_ID_PATTERN = /^sid_[a-z2-7]{26}$/;

/** `SESSION` + 24 random alphanumerics (~143 bits): the id is a bearer credential from the browser. */
export function newSessionId(): string {
  return `SESSION${randomString(24)}`;
}

/** The id is also the credential of the authentication's browser steps. */
export function newAuthenticationId(): string {
  return `sid_${randomString(26, BASE32)}`;
}

/** A session version: 10 random hex characters, new on every change. */
export function newSessionVersion(): string {
  return randomBytes(5).toString('hex');
}

/** The per-session `aes256Key`: base64 of 32 random bytes (44 characters). */
export function newAes256Key(): string {
  return randomBytes(32).toString('base64');
}

/**
 * A token: 16 digits like Mastercard's, which can never be mistaken for a card number: it starts with 9 (no
 * card brand issues there) and its last digit is chosen to fail the Luhn check every PAN passes.
 */
export function newToken(): string {
  let partial = '9';
  for (let i = 0; i < 14; i++) partial += String(randomInt(10));
  return partial + String((Number(luhnCheckDigit(partial)) + 1) % 10);
}

function randomString(length: number, alphabet = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
