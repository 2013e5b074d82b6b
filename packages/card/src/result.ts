import type { BrandInfo } from './brands.ts';

export type ErrorReason =
  'EMPTY' | 'INVALID_CHARACTERS' | 'INVALID_VALUE' | 'INVALID_LENGTH' | 'NOT_SUPPORTED';

export type NumberCheck = {
  isValid: boolean;
  isIncomplete: boolean;
  hasError: boolean;
  errorReason?: ErrorReason;
  brand?: BrandInfo;
};

/** The validity of one field, in the shape Hosted Session's `onValidityChange` reports. */
export type FieldCheck = Omit<NumberCheck, 'brand'>;

export const VALID: FieldCheck = Object.freeze({ isValid: true, isIncomplete: false, hasError: false });

// EMPTY is not an error: the payer simply has not typed yet.
export const EMPTY: FieldCheck = Object.freeze({
  isValid: false,
  isIncomplete: true,
  hasError: false,
  errorReason: 'EMPTY',
});

export const INCOMPLETE: FieldCheck = Object.freeze({ isValid: false, isIncomplete: true, hasError: false });

export function failed<R extends string>(
  errorReason: R,
): { isValid: false; isIncomplete: false; hasError: true; errorReason: R } {
  return { isValid: false, isIncomplete: false, hasError: true, errorReason };
}
