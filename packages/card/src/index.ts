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
export { bin, maskPan } from './mask.ts';
export { checkNameOnCard } from './name.ts';
export { checkNumber, type NumberCheckOptions } from './number.ts';
export { containsPanLikeRun } from './pan-like.ts';
export type { ErrorReason, FieldCheck, NumberCheck } from './result.ts';
export { checkSecurityCode, type SecurityCodeOptions } from './security-code.ts';
