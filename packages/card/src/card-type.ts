import type { BrandInfo } from './brands.ts';
import { detectBrand } from './detect.ts';
import { digitsOf } from './digits.ts';
import type { NumberCheckOptions } from './number.ts';

export type CardTypeStatus = 'SUPPORTED' | 'INSUFFICIENT_LENGTH' | 'NOT_SUPPORTED';

// Hosted Session's onCardTypeChange holds the type back until 10 digits; fewer prove too little to report.
const MIN_DIGITS = 10;

/** The card type as onCardTypeChange reports it. */
export function cardTypeStatus(
  raw: string,
  opts: NumberCheckOptions = {},
): { status: CardTypeStatus; brand?: BrandInfo } {
  const digits = digitsOf(raw);
  if (digits.length < MIN_DIGITS) return { status: 'INSUFFICIENT_LENGTH' };
  const brand = detectBrand(digits);
  if (!brand) return { status: 'NOT_SUPPORTED' };
  const supported = !opts.supportedBrands || opts.supportedBrands.includes(brand.brand);
  return { status: supported ? 'SUPPORTED' : 'NOT_SUPPORTED', brand };
}
