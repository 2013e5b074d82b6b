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
  if (value === '') throw new MoneyError('EMPTY');
  if (value.startsWith('-')) throw new MoneyError('NEGATIVE');
  const match = DECIMAL.exec(value);
  if (!match) throw new MoneyError('INVALID_FORMAT');
  const [, whole = '', fraction = ''] = match;
  if (whole.length > MAX_INTEGER_DIGITS) throw new MoneyError('TOO_LARGE');
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) throw new MoneyError('TOO_MANY_DECIMALS');
  return BigInt(whole + fraction.padEnd(exponent, '0'));
}

/** Minor units back to the Mastercard form, always with the currency's full number of decimals ("1.00", "100"). */
export function formatAmount(minor: bigint, currency: CurrencyCode): string {
  if (minor < 0n) throw new RangeError('Amounts are never negative.');
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor.toString();
  const digits = minor.toString().padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
