import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('luhnValid', () => {
  it.each(TEST_CARDS)('accepts test card %s', (pan) => {
    expect(luhnValid(pan)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(luhnValid('5123450000000007')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('rejects anything but a non-empty run of ASCII digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('5123 4500 0000 0008')).toBe(false);
    expect(luhnValid('0x10')).toBe(false);
    expect(luhnValid('٥١٢٣٤٥٠٠٠٠٠٠٠٠٠٨')).toBe(false);
  });

  it('appending the check digit always validates', () => {
    fc.assert(fc.property(digitString(0, 30), (partial) => luhnValid(partial + luhnCheckDigit(partial))));
  });

  it('changing any one digit of a valid number always invalidates it', () => {
    fc.assert(
      fc.property(digitString(1, 30), fc.nat(), fc.integer({ min: 1, max: 9 }), (partial, where, delta) => {
        const valid = partial + luhnCheckDigit(partial);
        const i = where % valid.length;
        const changed = String((Number(valid[i]) + delta) % 10);
        return !luhnValid(valid.slice(0, i) + changed + valid.slice(i + 1));
      }),
    );
  });

  it('luhnCheckDigit refuses non-digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow(TypeError);
  });
});
