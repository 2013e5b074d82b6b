import { digitsOf } from './digits.ts';
import { checkNumber, type NumberCheckOptions } from './number.ts';

/** Shortest PAN any brand issues: below it, showing first 6 and last 4 would reveal nearly everything. */
const SHORTEST_PAN = 12;

/** First 6 and last 4 digits with an 'x' for each digit between ('512345xxxxxx0008'); all 'x' if shorter than a PAN. */
export function maskPan(pan: string): string {
  const digits = digitsOf(pan);
  if (digits.length < SHORTEST_PAN) return 'x'.repeat(digits.length);
  return digits.slice(0, 6) + 'x'.repeat(digits.length - 10) + digits.slice(-4);
}

/**
 * An account or gift card number as the page may see it: x's, then its last four digits, but never more than
 * the digits hidden, so a short number is never shown whole ('xxxxxx7800', 'xxxx3456', 'xxx67').
 */
export function maskTail(number: string): string {
  const digits = digitsOf(number);
  const shown = Math.max(0, Math.min(4, digits.length - 4));
  return 'x'.repeat(digits.length - shown) + digits.slice(digits.length - shown);
}

/** The first 6 digits, only once the number is valid (brand, length and Luhn), as onCardBINChange reports. */
export function bin(digits: string, opts?: NumberCheckOptions): string | undefined {
  return checkNumber(digits, opts).isValid ? digitsOf(digits).slice(0, 6) : undefined;
}
