import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBrand, formatNumber, groupDigits } from '../src/index.ts';

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('formatNumber', () => {
  it.each([
    ['5123450000000008', '5123 4500 0000 0008'],
    ['371881634498004', '3718 816344 98004'],
    ['30123400000000', '3012 340000 0000'],
    ['135492354874528', '1354 92354 874528'],
    ['5000000000000000005', '5000 0000 0000 0000 005'],
    ['4508750015741019', '4508 7500 1574 1019'],
    ['51234', '5123 4'],
    ['5123', '5123'],
    ['0000000', '0000 000'],
    ['', ''],
  ])('groups %s as %s', (digits, embossed) => {
    expect(formatNumber(digits, 'EMBOSSED')).toBe(embossed);
  });

  it('ignores separators in its input', () => {
    expect(formatNumber('5123-4500 00000008', 'EMBOSSED')).toBe('5123 4500 0000 0008');
    expect(formatNumber('5123 4500 0000 0008', 'PLAIN')).toBe('5123450000000008');
  });

  it('leaves PLAIN numbers bare', () => {
    expect(formatNumber('371881634498004', 'PLAIN')).toBe('371881634498004');
  });

  it('formatting then removing spaces gives the digits back', () => {
    fc.assert(fc.property(digitString(0, 25), (d) => formatNumber(d, 'EMBOSSED').replaceAll(' ', '') === d));
  });

  it('puts single spaces exactly at the detected brand’s gaps', () => {
    fc.assert(
      fc.property(digitString(1, 25), (d) => {
        const groups = formatNumber(d, 'EMBOSSED').split(' ');
        const gaps = (detectBrand(d)?.gaps ?? [4, 8, 12, 16]).filter((g) => g < d.length);
        const ends = groups.map((_, i) => groups.slice(0, i + 1).join('').length);
        expect(groups.every((g) => g.length > 0)).toBe(true);
        expect(ends.slice(0, -1)).toEqual(gaps);
        expect(ends.at(-1)).toBe(d.length);
      }),
    );
  });
});

describe('groupDigits', () => {
  it('splits at gaps and never leaves a trailing space', () => {
    expect(groupDigits('12345678', [4, 8])).toBe('1234 5678');
    expect(groupDigits('123456789', [4, 8])).toBe('1234 5678 9');
    expect(groupDigits('123', [4])).toBe('123');
  });
});
