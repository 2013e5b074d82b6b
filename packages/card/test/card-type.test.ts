import { describe, expect, it } from 'vitest';
import { cardTypeStatus } from '../src/index.ts';

describe('cardTypeStatus', () => {
  it('holds the type back below 10 digits', () => {
    expect(cardTypeStatus('512345000')).toEqual({ status: 'INSUFFICIENT_LENGTH' });
    expect(cardTypeStatus('5123 4500 0')).toEqual({ status: 'INSUFFICIENT_LENGTH' });
  });

  it('reports the brand from 10 digits on, before the number is complete', () => {
    expect(cardTypeStatus('5123450000')).toMatchObject({
      status: 'SUPPORTED',
      brand: { brand: 'MASTERCARD' },
    });
  });

  it('reports an unknown or unaccepted brand as NOT_SUPPORTED', () => {
    expect(cardTypeStatus('2200000000')).toEqual({ status: 'NOT_SUPPORTED' });
    expect(cardTypeStatus('5123450000', { supportedBrands: ['VISA'] })).toMatchObject({
      status: 'NOT_SUPPORTED',
      brand: { brand: 'MASTERCARD' },
    });
  });
});
