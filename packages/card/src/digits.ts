/** Digits only: separators and anything else removed. */
export function digitsOf(input: string): string {
  return input.replace(/\D/g, '');
}

/** Only ASCII digits, whitespace and dashes: what a payer may legitimately type or paste into a card number. */
export function hasOnlyNumberCharacters(input: string): boolean {
  return /^[\d\s-]*$/.test(input);
}
