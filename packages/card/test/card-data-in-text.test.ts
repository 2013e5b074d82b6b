import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNameOnCard, luhnCheckDigit, mayHoldCardData } from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

const REFUSED = { isValid: false, isIncomplete: false, hasError: true, errorReason: 'INVALID_CHARACTERS' };

/** The same digit written as a payer could be asked to type or paste it, in scripts NFKC folds or keeps. */
function digitForms(digit: number): string[] {
  const from = (zero: number) => String.fromCodePoint(zero + digit);
  return [
    String(digit),
    from(0xff10), // full-width
    from(0x0660), // Arabic-Indic
    from(0x06f0), // Extended Arabic-Indic (Persian)
    from(0x0966), // Devanagari
    from(0x09e6), // Bengali
    from(0x0e50), // Thai
    from(0x1d7ce), // mathematical bold
    from(0x1d7ec), // mathematical sans-serif bold
    digit === 0 ? '⓪' : from(0x245f), // circled
    '⁰¹²³⁴⁵⁶⁷⁸⁹'[digit]!, // superscript
  ];
}

const anyDigit = fc.integer({ min: 0, max: 9 }).chain((digit) => fc.constantFrom(...digitForms(digit)));

/** Anything a page could tell the payer to put between digits: separators, letters, marks, invisibles. */
const between = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-',
    '.',
    '/',
    '_',
    ',',
    '·',
    '\u00a0',
    '\u2009',
    '\u200b',
    '\u2013',
    '\u3000',
    'x',
    'O',
    'é',
    'ж',
  ),
  fc.string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ-'."),
    maxLength: 3,
  }),
);

/** `digits`, each written in one of its forms, with arbitrary text before, between and after. */
function disguised(digits: string): fc.Arbitrary<string> {
  const part = fc.tuple(fc.nat({ max: digitForms(0).length - 1 }), between);
  return fc
    .tuple(between, fc.array(part, { minLength: digits.length, maxLength: digits.length }))
    .map(([before, parts]) =>
      parts.reduce((text, [form, after], i) => text + digitForms(Number(digits[i]))[form]! + after, before),
    );
}

/** Text without any numeral: letters of several scripts, marks, spaces and a name's punctuation. */
const noNumerals = fc.string({
  unit: fc.constantFrom(..."abcxyzABCXYZ éÉüßøłŁçñ ЖжЯя ΑαΩω 山田太郎李 أحمد עברית देवनागरी -'.,·&()"),
  maxLength: 60,
});

/** A random card-like number: a Luhn-valid run of 12 to 19 digits. */
const luhnValidNumber = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 })
  .map((partial) => partial + luhnCheckDigit(partial));

describe('mayHoldCardData', () => {
  it.each(TEST_CARDS)('refuses test card %s, plain and grouped as a page would ask for it', (pan) => {
    for (const text of [
      pan,
      pan.replace(/(\d{4})(?=\d)/g, '$1 '),
      pan.replace(/(\d{4})(?=\d)/g, '$1-'),
      pan.replace(/(\d{4})(?=\d)/g, '$1.'),
      pan.replace(/(\d)/g, '$1 '),
      `Ann ${pan} Smith`,
      [...pan].map((digit) => String.fromCodePoint(0xff10 + Number(digit))).join(''),
    ]) {
      expect(mayHoldCardData(text)).toBe(true);
      expect(checkNameOnCard(text)).toEqual(REFUSED);
    }
  });

  it('refuses security codes, alone, in a name, spaced out or written in other digits', () => {
    for (const text of [
      '100',
      '1000',
      '8264',
      'Ann Smith 100',
      '100 Ann Smith',
      'A1n0n0',
      '1 0 0',
      '1-0-0',
      '１００',
      '١٠٠',
      '१००',
      '①⓪⓪',
      '¹⁰⁰',
      '𝟏𝟎𝟎',
      '½0', // "½" folds to "1⁄2": three numerals with the zero
    ]) {
      expect({ text, refused: mayHoldCardData(text) }).toEqual({ text, refused: true });
    }
  });

  it('lets names through, including a digit or two', () => {
    for (const text of [
      'John Smith',
      'Zoë O’Brien-Łukasiewicz',
      '山田 太郎',
      'أحمد علي',
      'Louis XIV',
      'Louis Ⅻ', // a Roman numeral folds to letters
      'Henry Ford 2nd',
      'Agent 47',
      'Anne-Marie d’Arc & Co.',
      '',
    ]) {
      expect({ text, refused: mayHoldCardData(text) }).toEqual({ text, refused: false });
    }
  });

  it('refuses any Luhn-valid number of 12 to 19 digits, whatever is put between or around its digits', () => {
    fc.assert(fc.property(luhnValidNumber.chain(disguised), (text) => mayHoldCardData(text)));
  });

  it('refuses any security code, whatever is put between or around its digits', () => {
    const csc = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 4 });
    fc.assert(fc.property(csc.chain(disguised), (text) => mayHoldCardData(text)));
  });

  it('refuses any text with three numerals in it, wherever they are', () => {
    fc.assert(
      fc.property(
        noNumerals,
        fc.array(fc.tuple(anyDigit, fc.nat()), { minLength: 3, maxLength: 6 }),
        (text, digits) => {
          const chars = [...text];
          for (const [digit, at] of digits) chars.splice(at % (chars.length + 1), 0, digit);
          return mayHoldCardData(chars.join(''));
        },
      ),
    );
  });

  it('never refuses text with at most two numerals', () => {
    fc.assert(
      fc.property(noNumerals, fc.array(fc.tuple(anyDigit, fc.nat()), { maxLength: 2 }), (text, digits) => {
        const chars = [...text];
        for (const [digit, at] of digits) chars.splice(at % (chars.length + 1), 0, digit);
        return !mayHoldCardData(chars.join(''));
      }),
    );
  });

  it('never lets text around a refused value make it acceptable', () => {
    const csc = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 4 });
    fc.assert(
      fc.property(fc.string(), csc.chain(disguised), fc.string(), (before, value, after) =>
        mayHoldCardData(before + value + after),
      ),
    );
  });
});
