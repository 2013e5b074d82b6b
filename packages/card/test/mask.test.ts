import { describe, expect, it } from 'vitest';
import { bin, maskPan } from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

describe('maskPan', () => {
  it('shows the first 6 and last 4 digits with an x for each hidden digit', () => {
    expect(maskPan('5123450000000008')).toBe('512345xxxxxx0008');
    expect(maskPan('371881634498004')).toBe('371881xxxxx8004');
    expect(maskPan('5000000000000000005')).toBe('500000xxxxxxxxx0005');
    expect(maskPan('5123 4500 0000 0008')).toBe('512345xxxxxx0008');
  });

  it.each(TEST_CARDS)('never reveals more than 6 + 4 digits of %s', (pan) => {
    const masked = maskPan(pan);
    expect(masked).toHaveLength(pan.length);
    expect(masked.replace(/x/g, '')).toHaveLength(10);
  });

  it('masks every digit of input shorter than any PAN', () => {
    expect(maskPan('12345678901')).toBe('xxxxxxxxxxx');
    expect(maskPan('5123')).toBe('xxxx');
    expect(maskPan('')).toBe('');
  });
});

describe('bin', () => {
  it('gives the first 6 digits of a valid number', () => {
    expect(bin('5123450000000008')).toBe('512345');
    expect(bin('5123 4500 0000 0008')).toBe('512345');
  });

  it('gives nothing until the number is valid', () => {
    expect(bin('512345000000000')).toBeUndefined();
    expect(bin('5123450000000007')).toBeUndefined();
    expect(bin('5123450000000008', { supportedBrands: ['VISA'] })).toBeUndefined();
  });
});
