import {
  MoneyError,
  currencyExponent,
  decimalText,
  parseCurrency,
  parseDecimal,
  type Currency,
} from '../money/index.ts';
import { invalidField, missingField, unsupportedField } from './errors.ts';

/** A request's currency, or the Mastercard field error that names `field`. */
export function currencyAt(field: string, value: string | undefined): Currency {
  if (value === undefined) throw missingField(field);
  try {
    return parseCurrency(value);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw error.reason === 'UNSUPPORTED_CURRENCY'
      ? unsupportedField(field, error.message)
      : invalidField(field, error.message);
  }
}

/** A positive amount in minor units, or the Mastercard field error that names `field`. */
export function amountAt(field: string, value: string | number | undefined, currency: Currency): bigint {
  if (value === undefined) throw missingField(field);
  const minor = moneyAt(field, value, currency);
  if (minor === 0n) throw invalidField(field, 'Amount must be greater than zero.');
  return minor;
}

/** An amount that may be zero (a tax, a discount, a free item), or the field error that names `field`. */
export function moneyAt(field: string, value: string | number, currency: Currency): bigint {
  return decimalAt(field, value, currencyExponent(currency));
}

/**
 * A non-negative decimal (text or JSON number) with at most `exponent` decimals, in units of 10^-exponent, or
 * the field error that names `field` (with `explanation`, when the money module's own would not fit).
 */
export function decimalAt(
  field: string,
  value: string | number,
  exponent: number,
  explanation?: string,
): bigint {
  try {
    return parseDecimal(decimalText(value), exponent);
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField(field, explanation ?? error.message);
    throw error;
  }
}
