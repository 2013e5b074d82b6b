export {
  BRANDS,
  BRAND_RULES,
  isBrand,
  brandInfo,
  type Brand,
  type BrandInfo,
  type BrandRule,
  type Pattern,
} from './brands.ts';
export { MAX_PAN_LENGTH, brandCandidates, detectBrand, maxLength } from './detect.ts';
export { digitsOf, hasOnlyNumberCharacters } from './digits.ts';
export { MAX_NAME_NUMERALS, mayHoldCardData } from './card-data-in-text.ts';
export { deleteBackward, deleteForward, reformatNumber, type Edit, type EditOptions } from './edit.ts';
export { cardTypeStatus, type CardTypeStatus } from './card-type.ts';
export { checkExpiry, normalizeExpiry, type ExpiryCheck } from './expiry.ts';
export { formatNumber, groupDigits, type FormatMode } from './format.ts';
export { luhnCheckDigit, luhnValid } from './luhn.ts';
export { bin, maskPan, maskTail } from './mask.ts';
export { checkNameOnCard, checkPersonName } from './name.ts';
export {
  GIFT_CARD_NUMBER_LENGTH,
  GIFT_CARD_PIN_LENGTH,
  checkGiftCardNumber,
  checkGiftCardPin,
} from './gift-card.ts';
export {
  ACH_ACCOUNT_TYPES,
  BANK_ACCOUNT_HOLDER_MAX,
  BANK_ACCOUNT_NUMBER_LENGTH,
  checkBankAccountHolder,
  checkBankAccountNumber,
  checkRoutingNumber,
  isAchAccountType,
  type AchAccountType,
} from './bank-account.ts';
export { checkNumber, type NumberCheckOptions } from './number.ts';
export { containsPanLikeRun } from './pan-like.ts';
export type { ErrorReason, FieldCheck, NumberCheck } from './result.ts';
export { checkSecurityCode, type SecurityCodeOptions } from './security-code.ts';
