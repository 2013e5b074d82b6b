/**
 * Whether free text, such as the name on the card, could carry a card number or a security code.
 *
 * The page around a hosted field owns its labels, so it can label the name field "Card number" or "Security
 * code" and read back what the payer typed (a name is echoed to the page after the update). The rule is
 * therefore about what the text could hold, not about what a name looks like: text holding three or more
 * numerals is refused, three being the length of the shortest security code. Every card number and every
 * security code has at least three digits, so however the page asks for them (grouped, split by letters,
 * dots or any other separator, in full-width or another script's digits) they are refused, while a name with
 * a stray digit or two ("Henry Ford 2nd") still passes.
 *
 * A rule that looked for Luhn-valid runs instead would let a name pass or fail on the digits' values: the
 * field's validity, which the page sees at every change, would then tell the page something about the digits
 * typed. Counting numerals tells it only how many there are.
 */

/** At most this many numerals in a name: fewer than the shortest security code has digits. */
export const MAX_NAME_NUMERALS = 2;

// Any character Unicode counts as a number: decimal digits of every script, and numeric forms that are not
// decimal digits (circled, parenthesised, fractions). NFKC first folds full-width, mathematical, superscript
// and circled digits into ASCII ones, so "①" and "½" count as the digits they show.
const NUMERAL = /\p{N}/gu;

/** True when the text holds enough numerals to be a card number or a security code, however written. */
export function mayHoldCardData(text: string): boolean {
  return (text.normalize('NFKC').match(NUMERAL)?.length ?? 0) > MAX_NAME_NUMERALS;
}
