import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBankAccountHolder,
  checkBankAccountNumber,
  checkRoutingNumber,
  isAchAccountType,
} from '../src/index.ts';

/** The check digit that completes eight digits into a routing number (weights 3, 7, 1). */
function withCheckDigit(eight: string): string {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = [...eight].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return eight + String((10 - (sum % 10)) % 10);
}

const routingSymbol = fc.constantFrom(
  ...[...Array(13).keys(), ...Array.from({ length: 12 }, (_, i) => 21 + i)].map((n) =>
    String(n).padStart(2, '0'),
  ),
  ...Array.from({ length: 12 }, (_, i) => String(61 + i)),
  '80',
);
const routingNumber = fc
  .tuple(routingSymbol, fc.stringMatching(/^\d{6}$/))
  .map(([symbol, rest]) => withCheckDigit(symbol + rest));

describe('routing numbers', () => {
  it('accept published ones', () => {
    // Federal Reserve Bank of Boston, and a Bank of America routing number printed on its cheques.
    for (const number of ['011000015', '026009593']) expect(checkRoutingNumber(number).isValid).toBe(true);
  });

  it('accept any nine digits with a routing symbol and the ABA check digit', () => {
    fc.assert(fc.property(routingNumber, (number) => checkRoutingNumber(number).isValid));
  });

  it('refuse a number with any one digit changed: the checksum catches every single-digit error', () => {
    fc.assert(
      fc.property(routingNumber, fc.nat(8), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
        const changed =
          number.slice(0, at) + String((Number(number[at]) + delta) % 10) + number.slice(at + 1);
        expect(checkRoutingNumber(changed)).toMatchObject({ isValid: false, hasError: true });
      }),
    );
  });

  it('refuse a prefix that is no routing symbol, even with a good checksum', () => {
    expect(checkRoutingNumber(withCheckDigit('13000000'))).toMatchObject({ errorReason: 'INVALID_VALUE' });
    expect(checkRoutingNumber(withCheckDigit('90000000'))).toMatchObject({ errorReason: 'INVALID_VALUE' });
  });

  it('are incomplete while short, too long past nine, and only digits', () => {
    expect(checkRoutingNumber('')).toMatchObject({ errorReason: 'EMPTY', hasError: false });
    expect(checkRoutingNumber('01100001')).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(checkRoutingNumber('0110000150')).toMatchObject({ errorReason: 'INVALID_LENGTH' });
    expect(checkRoutingNumber('0110-0001')).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
  });
});

describe('bank accounts', () => {
  it('take 4 to 17 digits', () => {
    expect(checkBankAccountNumber('123').isIncomplete).toBe(true);
    expect(checkBankAccountNumber('1234').isValid).toBe(true);
    expect(checkBankAccountNumber('1'.repeat(17)).isValid).toBe(true);
    expect(checkBankAccountNumber('1'.repeat(18))).toMatchObject({ errorReason: 'INVALID_LENGTH' });
    expect(checkBankAccountNumber('12 34')).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
  });

  it('have a holder whose name cannot carry a card number or CSC', () => {
    expect(checkBankAccountHolder('Ada Lovelace').isValid).toBe(true);
    expect(checkBankAccountHolder('Ada 4508 7500')).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
    expect(checkBankAccountHolder('x'.repeat(29))).toMatchObject({ errorReason: 'INVALID_LENGTH' });
  });

  it("have Mastercard's account types", () => {
    expect(['CONSUMER_CHECKING', 'CONSUMER_SAVINGS', 'CORPORATE_CHECKING'].every(isAchAccountType)).toBe(
      true,
    );
    expect(isAchAccountType('CHECKING')).toBe(false);
  });
});
