import {
  checkExpiry,
  checkNameOnCard,
  checkNumber,
  checkSecurityCode,
  type BrandInfo,
} from '@hosted-session/card';
import type { CardInput } from '@hosted-session/rest';
import { FieldError } from './errors.ts';
import type { Merchant } from './merchants.ts';

const CARD = 'sourceOfFunds.provided.card';

export interface CardContext {
  merchant: Merchant;
  now: Date;
  /** The brand of the number already in the session, used when the update brings a CSC without a number. */
  storedBrand?: BrandInfo;
  /** Whether the session already holds a CSC. */
  hasStoredSecurityCode: boolean;
}

/**
 * Re-validates card fields on the server, the trust anchor: whatever the frames checked, a number must pass
 * Luhn and length for a brand the merchant accepts, the expiry must not be past, and the CSC must fit the
 * brand. Returns the brand of the number given (if any); throws a FieldError naming the first bad field.
 */
export function validateCard(card: CardInput, context: CardContext): BrandInfo | undefined {
  const brand = card.number === undefined ? context.storedBrand : checkedBrand(card.number, context.merchant);

  if (card.expiry) {
    const expiry = checkExpiry(card.expiry.month, card.expiry.year, context.now);
    if (!expiry.isValid) throw new FieldError(`${CARD}.expiry.year`, 'INVALID');
  }
  if (card.securityCode !== undefined && !checkSecurityCode(card.securityCode, brand).isValid) {
    throw new FieldError(`${CARD}.securityCode`, 'INVALID');
  }
  if (card.nameOnCard !== undefined && !checkNameOnCard(card.nameOnCard).isValid) {
    throw new FieldError(`${CARD}.nameOnCard`, 'INVALID');
  }

  const hasSecurityCode = card.securityCode !== undefined || context.hasStoredSecurityCode;
  const brandHasSecurityCode = brand?.csc !== null;
  if (card.number !== undefined && context.merchant.cscRequired && brandHasSecurityCode && !hasSecurityCode) {
    throw new FieldError(`${CARD}.securityCode`, 'MISSING');
  }
  return card.number === undefined ? undefined : brand;
}

function checkedBrand(number: string, merchant: Merchant): BrandInfo {
  const check = checkNumber(number, { supportedBrands: merchant.supportedBrands });
  if (!check.isValid || !check.brand) throw new FieldError(`${CARD}.number`, 'INVALID');
  return check.brand;
}

export function brandOf(number: string): BrandInfo | undefined {
  return checkNumber(number).brand;
}
