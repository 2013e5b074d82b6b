export type MoneyErrorReason =
  | 'EMPTY'
  | 'INVALID_FORMAT'
  | 'NEGATIVE'
  | 'TOO_MANY_DECIMALS'
  | 'TOO_LARGE'
  | 'INVALID_CURRENCY'
  | 'UNSUPPORTED_CURRENCY';

const EXPLANATIONS: Record<MoneyErrorReason, string> = {
  EMPTY: 'Amount is empty.',
  INVALID_FORMAT:
    'Amount must be digits with an optional decimal point, without sign, exponent or leading zeros.',
  NEGATIVE: 'Amount must not be negative.',
  TOO_MANY_DECIMALS: "Amount has more decimal places than the currency's minor unit allows.",
  TOO_LARGE: 'Amount has more than 13 integer digits.',
  INVALID_CURRENCY: 'Currency must be a three-letter ISO 4217 code.',
  UNSUPPORTED_CURRENCY: 'Currency is not supported.',
};

/** Why an amount or currency was refused. The message never repeats the submitted value. */
export class MoneyError extends Error {
  constructor(readonly reason: MoneyErrorReason) {
    super(EXPLANATIONS[reason]);
    this.name = 'MoneyError';
  }
}
