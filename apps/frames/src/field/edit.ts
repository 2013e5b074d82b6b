import {
  BANK_ACCOUNT_NUMBER_LENGTH,
  GIFT_CARD_NUMBER_LENGTH,
  GIFT_CARD_PIN_LENGTH,
  deleteBackward,
  deleteForward,
  digitsOf,
  reformatNumber,
  type Edit,
} from '@hosted-session/card';
import type { FieldRole, FormatCard, InvalidFieldCharacters } from '@hosted-session/protocol';

export interface EditSettings {
  role: FieldRole;
  formatCard: FormatCard;
  invalidFieldCharacters: InvalidFieldCharacters;
  /** Most digits the security code may hold now: its brand decides. */
  securityCodeDigits: number;
}

/** A year may be typed with four digits; the card's rules read "2039" and "39" alike. */
const DIGITS: Partial<Record<FieldRole, number>> = {
  'card.expiryMonth': 2,
  'card.expiryYear': 4,
  'giftCard.number': GIFT_CARD_NUMBER_LENGTH.max,
  'giftCard.pin': GIFT_CARD_PIN_LENGTH.max,
  'ach.bankAccountNumber': BANK_ACCOUNT_NUMBER_LENGTH.max,
  'ach.bankAccountNumberConfirmation': BANK_ACCOUNT_NUMBER_LENGTH.max,
  'ach.routingNumber': 9,
};

/** How many digits REJECT lets into a field that takes digits only; undefined for the others. */
function maxDigits(settings: EditSettings): number | undefined {
  return settings.role === 'card.securityCode' ? settings.securityCodeDigits : DIGITS[settings.role];
}

/** Digits only, at most `max`, with the caret after as many digits as were before it. */
function keepDigits(edit: Edit, max: number): Edit {
  const digits = digitsOf(edit.value).slice(0, max);
  const before = digitsOf(edit.value.slice(0, edit.caret)).length;
  return { value: digits, caret: Math.min(before, digits.length) };
}

/**
 * The value and caret after the browser applied a keystroke, paste, cut or autofill. REJECT drops what
 * cannot be valid; ALLOW keeps it, so validation reports it (assistive technology users hear the error
 * instead of losing keystrokes silently).
 */
export function afterInput(edit: Edit, settings: EditSettings): Edit {
  const reject = settings.invalidFieldCharacters === 'REJECT';
  if (settings.role === 'card.number') return reformatNumber(edit, settings.formatCard, { reject });
  const max = maxDigits(settings);
  if (reject && max !== undefined) return keepDigits(edit, max);
  return edit;
}

/**
 * Backspace or Delete in the card number, done by us before the browser acts: deleting next to a space the
 * formatter inserted removes the digit beyond it, instead of a space that the formatter would put back.
 */
export function deletion(edit: Edit, inputType: string, settings: EditSettings): Edit | undefined {
  if (settings.role !== 'card.number') return undefined;
  const reject = settings.invalidFieldCharacters === 'REJECT';
  if (inputType === 'deleteContentBackward') return deleteBackward(edit, settings.formatCard, { reject });
  if (inputType === 'deleteContentForward') return deleteForward(edit, settings.formatCard, { reject });
  return undefined;
}
