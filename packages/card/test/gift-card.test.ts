import { describe, expect, it } from 'vitest';
import { checkGiftCardNumber, checkGiftCardPin, maskTail } from '../src/index.ts';

describe('gift cards', () => {
  it('take 7 to 19 digits, grouped or not', () => {
    expect(checkGiftCardNumber('123456')).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(checkGiftCardNumber('1234567').isValid).toBe(true);
    expect(checkGiftCardNumber('7700 0000 0000 0000').isValid).toBe(true);
    expect(checkGiftCardNumber('7'.repeat(20))).toMatchObject({ errorReason: 'INVALID_LENGTH' });
    expect(checkGiftCardNumber('7700a')).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
    expect(checkGiftCardNumber('')).toMatchObject({ errorReason: 'EMPTY', hasError: false });
  });

  it('have a PIN of 4 to 8 digits', () => {
    expect(checkGiftCardPin('123').isIncomplete).toBe(true);
    expect(checkGiftCardPin('1234').isValid).toBe(true);
    expect(checkGiftCardPin('123456789')).toMatchObject({ errorReason: 'INVALID_LENGTH' });
    expect(checkGiftCardPin('12 34')).toMatchObject({ errorReason: 'INVALID_CHARACTERS' });
  });
});

describe('maskTail', () => {
  it('shows the last four digits, and never more than it hides', () => {
    expect(maskTail('7700000000001234')).toBe('xxxxxxxxxxxx1234');
    expect(maskTail('1234567800')).toBe('xxxxxx7800');
    expect(maskTail('12345678')).toBe('xxxx5678');
    expect(maskTail('1234567')).toBe('xxxx567');
    expect(maskTail('1234')).toBe('xxxx');
  });
});
