import { digitsOf } from './digits.ts';
import { luhnValid } from './luhn.ts';

// Digits joined by the separators a payer types or pastes into a card number (spaces, dashes).
const DIGIT_RUN = /\d(?:[\s-]*\d)*/g;
const MIN_PAN_DIGITS = 12;
const MAX_PAN_DIGITS = 19;

/**
 * Whether free text (a name, an address line, a reference) holds something that may be a card number: a
 * run of 12–19 digits, spaces and dashes removed, that passes Luhn. Text fields a page fills from its own
 * inputs can carry a card number the payer was told to type there; a gateway must not store or echo it.
 * Compatibility forms are folded first, so full-width digits count as digits.
 */
export function containsPanLikeRun(text: string): boolean {
  for (const [run] of text.normalize('NFKC').matchAll(DIGIT_RUN)) {
    const digits = digitsOf(run);
    if (digits.length >= MIN_PAN_DIGITS && digits.length <= MAX_PAN_DIGITS && luhnValid(digits)) return true;
  }
  return false;
}
