import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_EXPONENTS,
  MoneyError,
  SUPPORTED_CURRENCIES,
  currencyExponent,
  decimalText,
  formatAmount,
  parseAmount,
  parseCurrency,
  type CurrencyCode,
  type MoneyErrorReason,
} from '../src/domain/money/index.ts';

function reasonOf(run: () => unknown): MoneyErrorReason {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    return (error as MoneyError).reason;
  }
  throw new Error('expected a MoneyError');
}

describe('currency exponents', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['AUD', 2],
    ['CAD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
  ] as const)('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it('supports currencies of every exponent, all of them in the exponent table', () => {
    for (const currency of SUPPORTED_CURRENCIES) expect(CURRENCY_EXPONENTS).toHaveProperty(currency);
    const exponents = new Set(SUPPORTED_CURRENCIES.map((c) => currencyExponent(c)));
    expect([...exponents].sort()).toEqual([0, 2, 3]);
  });

  it('accepts a supported ISO code', () => {
    expect(parseCurrency('USD')).toBe('USD');
    expect(parseCurrency('JPY')).toBe('JPY');
  });

  it.each(['usd', 'US', 'USDD', '', '12A', ' USD'])('refuses %j as not an ISO code', (code) => {
    expect(reasonOf(() => parseCurrency(code))).toBe('INVALID_CURRENCY');
  });

  it('refuses a well-formed code it does not take, known or not', () => {
    expect(reasonOf(() => parseCurrency('CLP'))).toBe('UNSUPPORTED_CURRENCY');
    expect(reasonOf(() => parseCurrency('XYZ'))).toBe('UNSUPPORTED_CURRENCY');
  });
});

describe('parseAmount', () => {
  it.each([
    ['1.00', 'USD', 100n],
    ['1', 'USD', 100n],
    ['0.5', 'USD', 50n],
    ['0.05', 'USD', 5n],
    ['0', 'USD', 0n],
    ['1234.56', 'EUR', 123456n],
    ['100', 'JPY', 100n],
    ['0', 'JPY', 0n],
    ['1.234', 'KWD', 1234n],
    ['1.2', 'KWD', 1200n],
    ['0.001', 'BHD', 1n],
    ['9999999999999.99', 'USD', 999999999999999n],
  ] as const)('reads %s %s as %s minor units', (value, currency, minor) => {
    expect(parseAmount(value, currency)).toBe(minor);
  });

  it('is exact beyond what a float can hold', () => {
    expect(parseAmount('9007199254740.99', 'USD')).toBe(900719925474099n);
    expect(parseAmount('0.1', 'USD') + parseAmount('0.2', 'USD')).toBe(parseAmount('0.3', 'USD'));
  });

  it.each([
    ['', 'USD', 'EMPTY'],
    ['-1', 'USD', 'NEGATIVE'],
    ['-0.01', 'USD', 'NEGATIVE'],
    ['+1', 'USD', 'INVALID_FORMAT'],
    ['1e3', 'USD', 'INVALID_FORMAT'],
    ['1E3', 'USD', 'INVALID_FORMAT'],
    [' 1.00', 'USD', 'INVALID_FORMAT'],
    ['1.00 ', 'USD', 'INVALID_FORMAT'],
    ['1.', 'USD', 'INVALID_FORMAT'],
    ['.5', 'USD', 'INVALID_FORMAT'],
    ['01.00', 'USD', 'INVALID_FORMAT'],
    ['1,00', 'USD', 'INVALID_FORMAT'],
    ['1.0.0', 'USD', 'INVALID_FORMAT'],
    ['0x10', 'USD', 'INVALID_FORMAT'],
    ['NaN', 'USD', 'INVALID_FORMAT'],
    ['Infinity', 'USD', 'INVALID_FORMAT'],
    ['１', 'USD', 'INVALID_FORMAT'],
    ['٣', 'USD', 'INVALID_FORMAT'],
    ['100.5', 'JPY', 'TOO_MANY_DECIMALS'],
    ['100.0', 'JPY', 'TOO_MANY_DECIMALS'],
    ['1.001', 'USD', 'TOO_MANY_DECIMALS'],
    ['1.000', 'USD', 'TOO_MANY_DECIMALS'],
    ['1.2345', 'KWD', 'TOO_MANY_DECIMALS'],
    ['10000000000000', 'USD', 'TOO_LARGE'],
    ['99999999999999.00', 'USD', 'TOO_LARGE'],
  ] as const)('refuses %j %s: %s', (value, currency, reason) => {
    expect(reasonOf(() => parseAmount(value, currency))).toBe(reason);
  });

  it('never repeats the submitted value in its message', () => {
    for (const value of ['1.00999', '-123456', '123abc']) {
      try {
        parseAmount(value, 'USD');
        expect.unreachable();
      } catch (error) {
        expect((error as Error).message).not.toContain(value);
      }
    }
  });
});

describe('formatAmount', () => {
  it.each([
    [100n, 'USD', '1.00'],
    [5n, 'USD', '0.05'],
    [0n, 'USD', '0.00'],
    [123456n, 'EUR', '1234.56'],
    [100n, 'JPY', '100'],
    [0n, 'JPY', '0'],
    [1234n, 'KWD', '1.234'],
    [1n, 'KWD', '0.001'],
    [999999999999999n, 'USD', '9999999999999.99'],
  ] as const)('writes %s minor units of %s as %s', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text);
  });

  it('refuses a negative amount', () => {
    expect(() => formatAmount(-1n, 'USD')).toThrow(RangeError);
  });
});

const currencies = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];
const anyCurrency = fc.constantFrom(...currencies);

describe('money properties', () => {
  it('formatting then parsing gives back the same minor units', () => {
    const amount = anyCurrency.chain((currency) =>
      fc
        .bigInt({ min: 0n, max: 10n ** BigInt(13 + currencyExponent(currency)) - 1n })
        .map((minor) => ({ currency, minor })),
    );
    fc.assert(
      fc.property(amount, ({ currency, minor }) => {
        expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it('parsing a valid decimal then formatting it pads it to the full minor unit', () => {
    const decimal = anyCurrency.chain((currency) =>
      fc
        .tuple(
          fc.bigInt({ min: 0n, max: 10n ** 13n - 1n }),
          fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: currencyExponent(currency) }),
        )
        .map(([whole, fraction]) => ({ currency, whole: whole.toString(), fraction })),
    );
    fc.assert(
      fc.property(decimal, ({ currency, whole, fraction }) => {
        const text = fraction ? `${whole}.${fraction}` : whole;
        const exponent = currencyExponent(currency);
        const expected = exponent === 0 ? whole : `${whole}.${fraction.padEnd(exponent, '0')}`;
        expect(formatAmount(parseAmount(text, currency), currency)).toBe(expected);
      }),
    );
  });

  it('any string is either refused with a MoneyError or read as a non-negative amount that survives a round trip', () => {
    const candidate = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789.-+eE ') }));
    fc.assert(
      fc.property(candidate, anyCurrency, (value, currency) => {
        let minor: bigint;
        try {
          minor = parseAmount(value, currency);
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyError);
          return;
        }
        expect(minor >= 0n).toBe(true);
        expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});

describe('decimalText', () => {
  it.each([
    [24.9, '24.9'],
    [25, '25'],
    [1e2, '100'],
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-7, '-0.00000025'],
    [1.234e25, '12340000000000000000000000'],
    ['24.90', '24.90'],
  ])('writes %j as %j', (value, text) => {
    expect(decimalText(value)).toBe(text);
  });

  it('writes every finite double as plain digits that read back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = decimalText(value);
        return /^-?\d+(\.\d+)?$/.test(text) && Number(text) === value;
      }),
    );
  });

  it('reads a number no more precisely than the currency allows', () => {
    expect(parseAmount(decimalText(24.9), 'USD')).toBe(2490n);
    expect(reasonOf(() => parseAmount(decimalText(24.999), 'USD'))).toBe('TOO_MANY_DECIMALS');
    expect(reasonOf(() => parseAmount(decimalText(-1), 'USD'))).toBe('NEGATIVE');
  });
});
