import { describe, expect, it } from 'vitest';
import { checkNumber, luhnCheckDigit } from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

describe('checkNumber', () => {
  it.each(TEST_CARDS)('accepts test card %s', (pan, brand) => {
    expect(checkNumber(pan)).toEqual({
      isValid: true,
      isIncomplete: false,
      hasError: false,
      brand: expect.objectContaining({ brand }),
    });
  });

  it('accepts spaces and dashes as separators', () => {
    expect(checkNumber('5123 4500 0000 0008').isValid).toBe(true);
    expect(checkNumber('5123-4500-0000-0008').isValid).toBe(true);
    expect(checkNumber(' 3718 816344 98004 ').isValid).toBe(true);
  });

  it('reports empty input as EMPTY and incomplete, not as an error', () => {
    for (const raw of ['', '   ']) {
      expect(checkNumber(raw)).toEqual({
        isValid: false,
        isIncomplete: true,
        hasError: false,
        errorReason: 'EMPTY',
      });
    }
  });

  it('reports other characters as INVALID_CHARACTERS', () => {
    for (const raw of ['5123a50000000008', '5123.4500', '5123/', '٥١٢٣']) {
      expect(checkNumber(raw)).toEqual({
        isValid: false,
        isIncomplete: false,
        hasError: true,
        errorReason: 'INVALID_CHARACTERS',
      });
    }
  });

  it('calls a number short of its brand’s longest length incomplete', () => {
    expect(checkNumber('5')).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    const partial = checkNumber('512345000000000');
    expect(partial).toMatchObject({ isValid: false, isIncomplete: true, hasError: false });
    expect(partial.brand?.brand).toBe('MASTERCARD');
    expect(partial.errorReason).toBeUndefined();
  });

  it('rejects a full-length number failing Luhn as INVALID_VALUE', () => {
    expect(checkNumber('5123450000000007')).toMatchObject({
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'INVALID_VALUE',
      brand: expect.objectContaining({ brand: 'MASTERCARD' }),
    });
  });

  it('rejects a number longer than its brand issues as INVALID_LENGTH', () => {
    expect(checkNumber('51234500000000080')).toMatchObject({ hasError: true, errorReason: 'INVALID_LENGTH' });
    expect(checkNumber('3718816344980040')).toMatchObject({ hasError: true, errorReason: 'INVALID_LENGTH' });
    expect(checkNumber('1354923548745280')).toMatchObject({ hasError: true, errorReason: 'INVALID_LENGTH' });
  });

  it('rejects a prefix no brand issues as INVALID_VALUE', () => {
    expect(checkNumber('0')).toMatchObject({ hasError: true, errorReason: 'INVALID_VALUE' });
    expect(checkNumber('2200000000000004')).toMatchObject({ hasError: true, errorReason: 'INVALID_VALUE' });
  });

  it('accepts a shorter valid length of a brand that also issues longer numbers', () => {
    const maestro12 = '501800000' + '00' + luhnCheckDigit('50180000000');
    expect(maestro12).toHaveLength(12);
    expect(checkNumber(maestro12)).toMatchObject({
      isValid: true,
      brand: expect.objectContaining({ brand: 'MAESTRO' }),
    });
    const unionPay16 = '620000000000000' + luhnCheckDigit('620000000000000');
    expect(checkNumber(unionPay16)).toMatchObject({
      isValid: true,
      brand: expect.objectContaining({ brand: 'CHINA_UNIONPAY' }),
    });
  });

  it('keeps a Luhn failure at a shorter valid length incomplete while longer lengths remain', () => {
    const bad16 = '620000000000000' + String((Number(luhnCheckDigit('620000000000000')) + 1) % 10);
    expect(checkNumber(bad16)).toMatchObject({ isValid: false, isIncomplete: true, hasError: false });
  });

  it('reports a brand outside supportedBrands as NOT_SUPPORTED, with the brand', () => {
    const amexOnly = { supportedBrands: ['AMEX'] as const };
    expect(checkNumber('5123450000000008', amexOnly)).toMatchObject({
      isValid: false,
      isIncomplete: false,
      hasError: true,
      errorReason: 'NOT_SUPPORTED',
      brand: expect.objectContaining({ brand: 'MASTERCARD' }),
    });
    expect(checkNumber('51', amexOnly).errorReason).toBe('NOT_SUPPORTED');
    expect(checkNumber('371881634498004', amexOnly).isValid).toBe(true);
  });

  it('reports NOT_SUPPORTED early when no candidate brand is supported', () => {
    expect(checkNumber('5', { supportedBrands: ['VISA'] }).errorReason).toBe('NOT_SUPPORTED');
    expect(checkNumber('5', { supportedBrands: ['MAESTRO'] })).toMatchObject({
      isIncomplete: true,
      hasError: false,
    });
  });
});
