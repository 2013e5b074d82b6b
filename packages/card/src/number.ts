import type { Brand } from './brands.ts';
import { brandCandidates, detectBrand } from './detect.ts';
import { digitsOf, hasOnlyNumberCharacters } from './digits.ts';
import { luhnValid } from './luhn.ts';
import { EMPTY, INCOMPLETE, failed, type NumberCheck } from './result.ts';

export interface NumberCheckOptions {
  /** Brands the merchant accepts; all when absent. */
  supportedBrands?: readonly Brand[];
}

/**
 * Validity of a card number as typed. Spaces and dashes are separators; a number that is one of its brand's
 * lengths and passes Luhn is valid even when the brand also issues longer numbers.
 */
export function checkNumber(raw: string, opts: NumberCheckOptions = {}): NumberCheck {
  if (!hasOnlyNumberCharacters(raw)) return failed('INVALID_CHARACTERS');
  const digits = digitsOf(raw);
  if (digits.length === 0) return { ...EMPTY };

  const supported = (b: Brand) => !opts.supportedBrands || opts.supportedBrands.includes(b);
  const brand = detectBrand(digits);
  if (!brand) {
    const possible = brandCandidates(digits);
    if (possible.length === 0) return failed('INVALID_VALUE');
    if (!possible.some((b) => supported(b.brand))) return failed('NOT_SUPPORTED');
    const longest = Math.max(...possible.flatMap((b) => b.lengths));
    return digits.length > longest ? failed('INVALID_LENGTH') : { ...INCOMPLETE };
  }

  if (!supported(brand.brand)) return { ...failed('NOT_SUPPORTED'), brand };
  if (brand.lengths.includes(digits.length) && luhnValid(digits)) {
    return { isValid: true, isIncomplete: false, hasError: false, brand };
  }
  const longest = Math.max(...brand.lengths);
  if (digits.length < longest) return { ...INCOMPLETE, brand };
  return { ...failed(digits.length > longest ? 'INVALID_LENGTH' : 'INVALID_VALUE'), brand };
}
