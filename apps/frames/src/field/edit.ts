import { deleteBackward, deleteForward, digitsOf, reformatNumber, type Edit } from '@hosted-session/card';
import type { CardRole, FormatCard, InvalidFieldCharacters } from '@hosted-session/protocol';

export interface EditSettings {
  role: CardRole;
  formatCard: FormatCard;
  invalidFieldCharacters: InvalidFieldCharacters;
  /** Most digits a digit-only field may hold (the security code's depends on the brand). */
  maxDigits: number;
}

const DIGIT_FIELDS: readonly CardRole[] = ['card.securityCode', 'card.expiryMonth', 'card.expiryYear'];

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
  if (reject && DIGIT_FIELDS.includes(settings.role)) return keepDigits(edit, settings.maxDigits);
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
