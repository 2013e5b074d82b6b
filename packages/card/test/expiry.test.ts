import { describe, expect, it } from 'vitest';
import { checkExpiry, normalizeExpiry } from '../src/index.ts';

const NOW = new Date('2026-11-22T05:50:00Z');
const valid = { isValid: true, isIncomplete: false, hasError: false };
const error = (errorReason: string) => ({ isValid: false, isIncomplete: false, hasError: true, errorReason });

describe('checkExpiry', () => {
  it('accepts one- or two-digit months and two- or four-digit years', () => {
    for (const [m, y] of [
      ['1', '39'],
      ['01', '39'],
      ['12', '2039'],
      ['5', '2027'],
    ]) {
      expect(checkExpiry(m!, y!, NOW)).toEqual(valid);
    }
  });

  it('keeps the current month valid and calls the month before EXPIRED', () => {
    expect(checkExpiry('11', '26', NOW)).toEqual(valid);
    expect(checkExpiry('10', '26', NOW)).toEqual(error('EXPIRED'));
    expect(checkExpiry('12', '2025', NOW)).toEqual(error('EXPIRED'));
  });

  it('keeps a card valid on its last day in every time zone', () => {
    // 1 December 08:00 UTC is still 30 November in UTC−12.
    expect(checkExpiry('11', '26', new Date('2026-12-01T08:00:00Z'))).toEqual(valid);
    expect(checkExpiry('11', '26', new Date('2026-12-01T13:00:00Z'))).toEqual(error('EXPIRED'));
  });

  it('rejects dates more than 20 years ahead as INVALID_VALUE', () => {
    expect(checkExpiry('11', '46', NOW)).toEqual(valid);
    expect(checkExpiry('12', '46', NOW)).toEqual(error('INVALID_VALUE'));
    expect(checkExpiry('1', '2099', NOW)).toEqual(error('INVALID_VALUE'));
  });

  it('rejects months outside 1–12', () => {
    for (const m of ['00', '13', '99']) expect(checkExpiry(m, '39', NOW)).toEqual(error('INVALID_VALUE'));
  });

  it('reports bad characters and lengths', () => {
    expect(checkExpiry('1a', '39', NOW)).toEqual(error('INVALID_CHARACTERS'));
    expect(checkExpiry('1', '3 9', NOW)).toEqual(error('INVALID_CHARACTERS'));
    expect(checkExpiry('001', '39', NOW)).toEqual(error('INVALID_LENGTH'));
    expect(checkExpiry('1', '20390', NOW)).toEqual(error('INVALID_LENGTH'));
  });

  it('reports a missing part as EMPTY and a half-typed one as incomplete', () => {
    const empty = { isValid: false, isIncomplete: true, hasError: false, errorReason: 'EMPTY' };
    expect(checkExpiry('', '', NOW)).toEqual(empty);
    expect(checkExpiry('1', '', NOW)).toEqual(empty);
    expect(checkExpiry('', '39', NOW)).toEqual(empty);
    expect(checkExpiry('0', '39', NOW)).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(checkExpiry('1', '3', NOW)).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(checkExpiry('1', '203', NOW)).toEqual({ isValid: false, isIncomplete: true, hasError: false });
  });

  it('reports an error in one part even when the other is empty', () => {
    expect(checkExpiry('13', '', NOW)).toEqual(error('INVALID_VALUE'));
    expect(checkExpiry('', 'ab', NOW)).toEqual(error('INVALID_CHARACTERS'));
  });

  it('reads the clock when no date is given', () => {
    expect(checkExpiry('1', '2000').errorReason).toBe('EXPIRED');
  });
});

describe('normalizeExpiry', () => {
  it('gives the Mastercard form: month unpadded, two-digit year', () => {
    expect(normalizeExpiry('01', '2039')).toEqual({ month: '1', year: '39' });
    expect(normalizeExpiry('1', '39')).toEqual({ month: '1', year: '39' });
    expect(normalizeExpiry('12', '05')).toEqual({ month: '12', year: '05' });
  });

  it('refuses what it cannot represent', () => {
    for (const [m, y] of [
      ['0', '39'],
      ['13', '39'],
      ['1', '1939'],
      ['1', '3'],
      ['1', '039'],
      ['', '39'],
      ['1a', '39'],
    ]) {
      expect(normalizeExpiry(m!, y!)).toBeUndefined();
    }
  });
});
