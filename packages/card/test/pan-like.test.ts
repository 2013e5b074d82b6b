import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPanLikeRun, luhnCheckDigit, luhnValid } from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

describe('containsPanLikeRun', () => {
  it.each(TEST_CARDS)('finds test card %s alone, grouped, dashed and inside other text', (pan) => {
    const grouped = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const text of [
      pan,
      grouped,
      grouped.replaceAll(' ', '-'),
      `Flat 2, ${grouped} High St`,
      `ref${pan}x`,
    ]) {
      expect(containsPanLikeRun(text)).toBe(true);
    }
  });

  it('finds a card number written in full-width digits', () => {
    const fullWidth = [...'5123450000000008'].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(containsPanLikeRun(`Jane ${fullWidth}`)).toBe(true);
  });

  it('leaves ordinary names, addresses and references alone', () => {
    for (const text of [
      'Jane Payer',
      '221B Baker Street',
      'PO Box 12345, 90210',
      'order-2026-11-30-000017',
      '2026.11.30 12:34:56',
      'SKU 4711',
      '',
    ]) {
      expect(containsPanLikeRun(text)).toBe(false);
    }
  });

  it('ignores a Luhn-valid run shorter than 12 or longer than 19 digits', () => {
    const eleven = '1234567890';
    const twenty = '1234567890123456789';
    expect(containsPanLikeRun(eleven + luhnCheckDigit(eleven))).toBe(false);
    expect(containsPanLikeRun(twenty + luhnCheckDigit(twenty))).toBe(false);
  });

  it('ignores a 12–19 digit run that fails Luhn', () => {
    expect(containsPanLikeRun('5123450000000009')).toBe(false);
  });

  it('agrees with Luhn on every 12–19 digit run, however it is grouped', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 19 });
    fc.assert(
      fc.property(digits, fc.constantFrom(' ', '-', '  '), (run, separator) => {
        const grouped = run.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
        return containsPanLikeRun(`name ${grouped} end`) === luhnValid(run);
      }),
    );
  });
});
