import type { BrandInfo } from './brands.ts';
import { EMPTY, INCOMPLETE, VALID, failed, type FieldCheck } from './result.ts';

/** Sizes accepted before the number tells us the brand: any brand's. */
const ANY_BRAND_SIZES = [3, 4];

export interface SecurityCodeOptions {
  /** Whether an empty code is incomplete (true, the default) or acceptable. */
  required?: boolean;
}

/**
 * Validity of a card security code. A card without one (UATP) is valid with an empty field and rejects any
 * digits, so a code typed before the number was known cannot slip through.
 */
export function checkSecurityCode(
  raw: string,
  brand?: BrandInfo,
  opts: SecurityCodeOptions = {},
): FieldCheck {
  const sizes = brand ? (brand.csc?.sizes ?? []) : ANY_BRAND_SIZES;
  if (raw.length === 0) {
    return sizes.length === 0 || opts.required === false ? { ...VALID } : { ...EMPTY };
  }
  if (!/^\d+$/.test(raw)) return failed('INVALID_CHARACTERS');
  if (sizes.length === 0) return failed('INVALID_VALUE');
  if (sizes.includes(raw.length)) return { ...VALID };
  return raw.length < Math.max(...sizes) ? { ...INCOMPLETE } : failed('INVALID_LENGTH');
}
