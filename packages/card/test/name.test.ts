import { describe, expect, it } from 'vitest';
import { checkNameOnCard } from '../src/index.ts';

describe('checkNameOnCard', () => {
  it('accepts ordinary names, including non-Latin scripts', () => {
    for (const name of [
      'John Smith',
      'A',
      'Zoë O’Brien-Łukasiewicz',
      '山田 太郎',
      'x'.repeat(256),
      '😀'.repeat(256),
    ]) {
      expect(checkNameOnCard(name)).toEqual({ isValid: true, isIncomplete: false, hasError: false });
    }
  });

  it('reports empty as EMPTY and a blank name as INVALID_VALUE', () => {
    expect(checkNameOnCard('')).toEqual({
      isValid: false,
      isIncomplete: true,
      hasError: false,
      errorReason: 'EMPTY',
    });
    expect(checkNameOnCard('   ')).toMatchObject({ hasError: true, errorReason: 'INVALID_VALUE' });
  });

  it('rejects more than 256 characters', () => {
    expect(checkNameOnCard('x'.repeat(257))).toMatchObject({ hasError: true, errorReason: 'INVALID_LENGTH' });
  });

  it('rejects control characters, line separators and lone surrogates', () => {
    for (const name of [
      'John\nSmith',
      'John\u0000',
      '\tJohn',
      'John\u007f',
      'John\u2028Smith',
      'John\ud800',
    ]) {
      expect(checkNameOnCard(name)).toMatchObject({ hasError: true, errorReason: 'INVALID_CHARACTERS' });
    }
  });
});
