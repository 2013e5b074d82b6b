import {
  BRAND_RULES,
  checkBankAccountHolder,
  checkBankAccountNumber,
  checkExpiry,
  checkGiftCardNumber,
  checkGiftCardPin,
  checkNameOnCard,
  checkNumber,
  checkRoutingNumber,
  checkSecurityCode,
  isAchAccountType,
  type Brand,
  type BrandInfo,
  type ExpiryCheck,
} from '@hosted-session/card';
import type { CardBrand, FieldRole, FrameConfig, Validity } from '@hosted-session/protocol';

/** What a field's validity depends on besides its own value; the hub keeps it, fields get it relayed. */
export interface FieldContext {
  config: Pick<FrameConfig, 'supportedBrands' | 'cscRequired'>;
  /** The card number's brand, which decides the security code's length. */
  brand: BrandInfo | undefined;
  /** The other expiry part: the year for the month field, the month for the year field. */
  otherExpiryPart: string;
  /**
   * For the account number's confirmation: whether it is the account number (the hub tells, never the number).
   * Undefined while not known.
   */
  sameAccountNumber?: boolean;
  now?: Date;
}

export function brandInfoOf(brand: CardBrand | null): BrandInfo | undefined {
  return BRAND_RULES.find((rule) => rule.info.brand === brand)?.info;
}

export function supportedBrands(config: Pick<FrameConfig, 'supportedBrands'>): Brand[] {
  return config.supportedBrands.filter((brand): brand is Brand => brandInfoOf(brand) !== undefined);
}

/** The state the page may see; rebuilt field by field so nothing else a check returns (the brand) leaks. */
function toValidity(check: ExpiryCheck): Validity {
  const validity: Validity = {
    isValid: check.isValid,
    isIncomplete: check.isIncomplete,
    hasError: check.hasError,
  };
  if (check.errorReason) validity.errorReason = check.errorReason;
  return validity;
}

// With a year a year ahead, any real month is valid: what is left is the month's own state.
function monthAlone(month: string, now: Date): ExpiryCheck {
  return checkExpiry(month, String(now.getUTCFullYear() + 1), now);
}

/**
 * A year is good if some month of it is: December tells a past year, January a year too far ahead. "20" is
 * 2020 as a two-digit year but also the start of "2039", so while typed it is incomplete, not expired.
 */
function yearAlone(year: string, now: Date): ExpiryCheck {
  const december = checkExpiry('12', year, now);
  if (december.errorReason === 'EXPIRED' && year.length === 2) {
    const thisCentury = checkExpiry('12', year + String(now.getUTCFullYear()).slice(2), now);
    if (thisCentury.isValid) return { isValid: false, isIncomplete: true, hasError: false };
  }
  if (december.errorReason !== 'INVALID_VALUE') return december;
  const january = checkExpiry('1', year, now);
  return january.isValid ? january : december;
}

/**
 * Each expiry part reports its own error first; once both parts are good on their own, the date they make
 * together decides, so both fields report EXPIRED for a past month of this year.
 */
function expiryPartValidity(isMonth: boolean, value: string, other: string, now: Date): ExpiryCheck {
  const own = isMonth ? monthAlone(value, now) : yearAlone(value, now);
  const otherOwn = isMonth ? yearAlone(other, now) : monthAlone(other, now);
  if (!own.isValid || !otherOwn.isValid) return own;
  return isMonth ? checkExpiry(value, other, now) : checkExpiry(other, value, now);
}

const EMPTY_VALUE: ExpiryCheck = {
  isValid: false,
  isIncomplete: true,
  hasError: false,
  errorReason: 'EMPTY',
};

function accountType(value: string): ExpiryCheck {
  if (value === '') return EMPTY_VALUE;
  return isAchAccountType(value)
    ? { isValid: true, isIncomplete: false, hasError: false }
    : { isValid: false, isIncomplete: false, hasError: true, errorReason: 'INVALID_VALUE' };
}

/** The confirmation is judged on its own until the hub says whether it is the account number. */
function confirmation(value: string, same: boolean | undefined): ExpiryCheck {
  const own = checkBankAccountNumber(value);
  if (!own.isValid || same !== false) return own;
  return { isValid: false, isIncomplete: false, hasError: true, errorReason: 'INVALID_VALUE' };
}

export function fieldValidity(role: FieldRole, value: string, context: FieldContext): Validity {
  const now = context.now ?? new Date();
  switch (role) {
    case 'card.number':
      return toValidity(checkNumber(value, { supportedBrands: supportedBrands(context.config) }));
    case 'card.securityCode':
      return toValidity(checkSecurityCode(value, context.brand, { required: context.config.cscRequired }));
    case 'card.expiryMonth':
      return toValidity(expiryPartValidity(true, value, context.otherExpiryPart, now));
    case 'card.expiryYear':
      return toValidity(expiryPartValidity(false, value, context.otherExpiryPart, now));
    case 'card.nameOnCard':
      return toValidity(checkNameOnCard(value));
    case 'giftCard.number':
      return toValidity(checkGiftCardNumber(value));
    case 'giftCard.pin':
      return toValidity(checkGiftCardPin(value));
    case 'ach.accountType':
      return toValidity(accountType(value));
    case 'ach.bankAccountHolder':
      return toValidity(checkBankAccountHolder(value));
    case 'ach.bankAccountNumber':
      return toValidity(checkBankAccountNumber(value));
    case 'ach.bankAccountNumberConfirmation':
      return toValidity(confirmation(value, context.sameAccountNumber));
    case 'ach.routingNumber':
      return toValidity(checkRoutingNumber(value));
  }
}
