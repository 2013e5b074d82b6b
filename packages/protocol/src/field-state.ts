/** What a field tells the page about itself: state only, never its value nor the value's length. */

export const ERROR_REASONS = [
  'EMPTY',
  'EXPIRED',
  'INVALID_CHARACTERS',
  'INVALID_VALUE',
  'INVALID_LENGTH',
  'NOT_SUPPORTED',
  'TIMEOUT',
  'NOT_AUTHORIZED',
  'SYSTEM_ERROR',
  'SESSION_AUTHENTICATION_LIMIT_EXCEEDED',
  'AWAITING_SERVER_RESPONSE',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface Validity {
  isValid: boolean;
  /** The value could still become valid with more input. */
  isIncomplete: boolean;
  hasError: boolean;
  errorReason?: ErrorReason;
}

export const CARD_BRANDS = [
  'AMEX',
  'CHINA_UNIONPAY',
  'DINERS_CLUB',
  'DISCOVER',
  'JCB',
  'MAESTRO',
  'MASTERCARD',
  'VISA',
  'UATP',
  'LOCAL_BRAND_ONLY',
  'UNKNOWN',
] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const FUNDING_METHODS = ['CHARGE', 'CREDIT', 'DEBIT', 'UNKNOWN'] as const;
export type FundingMethod = (typeof FUNDING_METHODS)[number];

/** `onCardTypeChange`: INSUFFICIENT_LENGTH below 10 digits, then SUPPORTED or NOT_SUPPORTED. */
export interface CardTypeState {
  status: 'SUPPORTED' | 'INSUFFICIENT_LENGTH' | 'NOT_SUPPORTED';
  brand?: CardBrand;
  scheme?: CardBrand;
  fundingMethod?: FundingMethod;
  issuer?: string;
}
