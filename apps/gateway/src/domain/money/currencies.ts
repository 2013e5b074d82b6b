import { MoneyError } from './errors.ts';

/**
 * ISO 4217 minor-unit exponents of the currencies merchants commonly ask about. Knowing a currency's
 * exponent lets us format it even when we do not accept payments in it.
 */
export const CURRENCY_EXPONENTS = Object.freeze({
  AED: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PLN: 2,
  QAR: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  UGX: 0,
  USD: 2,
  VND: 0,
  XAF: 0,
  XOF: 0,
  ZAR: 2,
} as const);

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

/** The currencies this gateway accepts payments in: one of each exponent at least, so every path is exercised. */
export const SUPPORTED_CURRENCIES = Object.freeze([
  'AED',
  'AUD',
  'BHD',
  'CAD',
  'CHF',
  'EUR',
  'GBP',
  'HKD',
  'JOD',
  'JPY',
  'KRW',
  'KWD',
  'NZD',
  'OMR',
  'SAR',
  'SGD',
  'TND',
  'USD',
] as const satisfies readonly CurrencyCode[]);

export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

export function currencyExponent(currency: CurrencyCode): number {
  return CURRENCY_EXPONENTS[currency];
}

export function isSupportedCurrency(code: string): code is Currency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(code);
}

/** A request's currency code, checked: INVALID_CURRENCY if it is not an ISO code at all, UNSUPPORTED_CURRENCY if we do not take it. */
export function parseCurrency(code: string): Currency {
  if (!/^[A-Z]{3}$/.test(code)) throw new MoneyError('INVALID_CURRENCY');
  if (!isSupportedCurrency(code)) throw new MoneyError('UNSUPPORTED_CURRENCY');
  return code;
}
