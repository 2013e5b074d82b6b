import { describe, expect, it } from 'vitest';
import { brandInfo, checkSecurityCode } from '../src/index.ts';

const valid = { isValid: true, isIncomplete: false, hasError: false };
const incomplete = { isValid: false, isIncomplete: true, hasError: false };
const error = (errorReason: string) => ({ isValid: false, isIncomplete: false, hasError: true, errorReason });

describe('checkSecurityCode', () => {
  it('takes three digits for Mastercard and four for Amex', () => {
    expect(checkSecurityCode('100', brandInfo('MASTERCARD'))).toEqual(valid);
    expect(checkSecurityCode('10', brandInfo('MASTERCARD'))).toEqual(incomplete);
    expect(checkSecurityCode('1000', brandInfo('MASTERCARD'))).toEqual(error('INVALID_LENGTH'));
    expect(checkSecurityCode('1000', brandInfo('AMEX'))).toEqual(valid);
    expect(checkSecurityCode('100', brandInfo('AMEX'))).toEqual(incomplete);
  });

  it('accepts three or four digits while the brand is unknown', () => {
    expect(checkSecurityCode('100')).toEqual(valid);
    expect(checkSecurityCode('1000')).toEqual(valid);
    expect(checkSecurityCode('10')).toEqual(incomplete);
    expect(checkSecurityCode('10000')).toEqual(error('INVALID_LENGTH'));
  });

  it('reports an empty required code as EMPTY, and accepts it when optional', () => {
    expect(checkSecurityCode('', brandInfo('VISA'))).toEqual({ ...incomplete, errorReason: 'EMPTY' });
    expect(checkSecurityCode('', undefined, { required: true })).toEqual({
      ...incomplete,
      errorReason: 'EMPTY',
    });
    expect(checkSecurityCode('', brandInfo('VISA'), { required: false })).toEqual(valid);
  });

  it('rejects anything but digits', () => {
    expect(checkSecurityCode('1 0', brandInfo('VISA'))).toEqual(error('INVALID_CHARACTERS'));
    expect(checkSecurityCode('1a3')).toEqual(error('INVALID_CHARACTERS'));
  });

  it('treats UATP, which has no code, as valid when empty and invalid when given one', () => {
    expect(checkSecurityCode('', brandInfo('UATP'))).toEqual(valid);
    expect(checkSecurityCode('', brandInfo('UATP'), { required: true })).toEqual(valid);
    expect(checkSecurityCode('100', brandInfo('UATP'))).toEqual(error('INVALID_VALUE'));
  });
});
