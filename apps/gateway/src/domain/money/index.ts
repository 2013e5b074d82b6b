export { MAX_INTEGER_DIGITS, decimalText, formatAmount, parseAmount, parseDecimal } from './amount.ts';
export {
  CURRENCY_EXPONENTS,
  SUPPORTED_CURRENCIES,
  currencyExponent,
  isSupportedCurrency,
  parseCurrency,
  type Currency,
  type CurrencyCode,
} from './currencies.ts';
export { MoneyError, type MoneyErrorReason } from './errors.ts';
