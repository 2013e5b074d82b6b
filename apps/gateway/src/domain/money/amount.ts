import { currencyExponent, type CurrencyCode } from './currencies.ts';
import { MoneyError } from './errors.ts';

/** At most 13 digits before the decimal point; a longer amount is refused, never truncated or rounded. */
export const MAX_INTEGER_DIGITS = 13;

const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * A Mastercard decimal amount ("1.00", "100", "1.234") in the currency's minor units. Exact: the string is
 * read digit by digit, never through a float. A fraction with more digits than the exponent is refused even
 * when they are zeros ("1.000" USD), as the API defines amounts by the currency's minor unit.
 */
export function parseAmount(value: string, currency: CurrencyCode): bigint {
  return parseDecimal(value, currencyExponent(currency));
}

/** A non-negative decimal with at most `exponent` fraction digits, as an integer of 10^-exponent units. */
export function parseDecimal(value: string, exponent: number): bigint {
  if (value === '') throw new MoneyError('EMPTY');
  if (value.startsWith('-')) throw new MoneyError('NEGATIVE');
  const match = DECIMAL.exec(value);
  if (!match) throw new MoneyError('INVALID_FORMAT');
  const [, whole = '', fraction = ''] = match;
  if (whole.length > MAX_INTEGER_DIGITS) throw new MoneyError('TOO_LARGE');
  if (fraction.length > exponent) throw new MoneyError('TOO_MANY_DECIMALS');
  return BigInt(whole + fraction.padEnd(exponent, '0'));
}

/**
 * The decimal text of a request's amount, which is decimal text already or a JSON number. A number is taken
 * in its shortest round-trip form (what `String` gives: 24.9 → "24.9", 1e2 → "100"), its exponent written
 * out in digits, so no arithmetic ever touches it. The request reader keeps a number no double holds exactly
 * as its text, so the digits here are the ones the client sent.
 */
export function decimalText(value: string | number): string {
  if (typeof value === 'string') return value;
  const shortest = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point >= digits.length) return sign + digits.padEnd(point, '0');
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Minor units back to the Mastercard form, always with the currency's full number of decimals ("1.00", "100"). */
export function formatAmount(minor: bigint, currency: CurrencyCode): string {
  if (minor < 0n) throw new RangeError('Amounts are never negative.');
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor.toString();
  const digits = minor.toString().padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
