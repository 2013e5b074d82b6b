import { mayHoldCardData } from './card-data-in-text.ts';
import { EMPTY, VALID, failed, type FieldCheck } from './result.ts';

const MAX_NAME_LENGTH = 256;

// Control characters, line/paragraph separators and lone surrogates: none belongs in a printed name, and
// line breaks or broken UTF-16 would corrupt what the gateway stores and echoes.
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * Validity of the cardholder name: 1–256 characters (code points), no control characters, and no more
 * numerals than a name can hold without holding a security code (see card-data-in-text.ts).
 */
export function checkNameOnCard(raw: string): FieldCheck {
  return checkPersonName(raw, MAX_NAME_LENGTH);
}

/** A person's name in a field the page labels: the name on a card, the holder of a bank account. */
export function checkPersonName(raw: string, maxLength: number): FieldCheck {
  if (raw.length === 0) return { ...EMPTY };
  if (FORBIDDEN.test(raw) || mayHoldCardData(raw)) return failed('INVALID_CHARACTERS');
  if ([...raw].length > maxLength) return failed('INVALID_LENGTH');
  if (raw.trim().length === 0) return failed('INVALID_VALUE');
  return { ...VALID };
}
