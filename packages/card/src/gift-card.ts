import { digitsOf, hasOnlyNumberCharacters } from './digits.ts';
import { EMPTY, INCOMPLETE, VALID, failed, type FieldCheck } from './result.ts';

/**
 * Gift cards follow no global scheme: their local brand (the program, named by the merchant) decides the
 * number's format, so only what every program shares is checked here: 7–19 digits, and a PIN of 4–8 digits.
 * Neither has a check digit to test.
 */
export const GIFT_CARD_NUMBER_LENGTH = { min: 7, max: 19 } as const;
export const GIFT_CARD_PIN_LENGTH = { min: 4, max: 8 } as const;

/** Digits typed with or without separators (spaces, dashes), as on the card. */
export function checkGiftCardNumber(raw: string): FieldCheck {
  if (!hasOnlyNumberCharacters(raw)) return failed('INVALID_CHARACTERS');
  return checkLength(digitsOf(raw), GIFT_CARD_NUMBER_LENGTH);
}

export function checkGiftCardPin(raw: string): FieldCheck {
  if (!/^\d*$/.test(raw)) return failed('INVALID_CHARACTERS');
  return checkLength(raw, GIFT_CARD_PIN_LENGTH);
}

export function checkLength(digits: string, length: { min: number; max: number }): FieldCheck {
  if (digits.length === 0) return { ...EMPTY };
  if (digits.length < length.min) return { ...INCOMPLETE };
  return digits.length > length.max ? failed('INVALID_LENGTH') : { ...VALID };
}
