import creditCardType from 'credit-card-type';
import { describe, expect, it } from 'vitest';
import {
  BRANDS,
  BRAND_RULES,
  brandCandidates,
  brandInfo,
  detectBrand,
  isBrand,
  maxLength,
  type Brand,
} from '../src/index.ts';
import { TEST_CARDS } from './test-cards.ts';

const brandsOf = (digits: string) => brandCandidates(digits).map((b) => b.brand);

describe('detectBrand', () => {
  it.each(TEST_CARDS)('detects %s as %s', (pan, brand) => {
    expect(detectBrand(pan)?.brand).toBe(brand);
  });

  it.each<[string, Brand | undefined]>([
    ['40', 'VISA'],
    ['4936', undefined],
    ['51', 'MASTERCARD'],
    ['55', 'MASTERCARD'],
    ['2221', 'MASTERCARD'],
    ['2720', 'MASTERCARD'],
    ['2721', undefined],
    ['2220', undefined],
    ['34', 'AMEX'],
    ['37', 'AMEX'],
    ['300', 'DINERS_CLUB'],
    ['305', 'DINERS_CLUB'],
    ['306', undefined],
    ['36', 'DINERS_CLUB'],
    ['38', 'DINERS_CLUB'],
    ['39', 'DINERS_CLUB'],
    ['3528', 'JCB'],
    ['3589', 'JCB'],
    ['3590', undefined],
    ['6011', 'DISCOVER'],
    ['65', 'DISCOVER'],
    ['620', 'CHINA_UNIONPAY'],
    ['50', 'MAESTRO'],
    ['56', 'MAESTRO'],
    ['58', 'MAESTRO'],
    ['6304', 'MAESTRO'],
    ['67', 'MAESTRO'],
    ['1', 'UATP'],
    ['1800', 'UATP'],
    ['0', undefined],
    ['9', undefined],
    ['', undefined],
  ])('prefix %s → %s', (prefix, brand) => {
    expect(detectBrand(prefix)?.brand).toBe(brand);
  });

  it('stays undecided while a more specific prefix is still possible', () => {
    expect(detectBrand('5')).toBeUndefined();
    expect(detectBrand('3')).toBeUndefined();
    expect(detectBrand('601')).toBeUndefined();
    // 493698 is a Maestro range inside Visa's 4.
    expect(brandsOf('4')).toEqual(['VISA', 'MAESTRO']);
    expect(detectBrand('493697')?.brand).toBe('VISA');
    expect(detectBrand('493698')?.brand).toBe('MAESTRO');
  });
});

describe('brandCandidates', () => {
  it('lists every brand an ambiguous prefix could be', () => {
    expect(brandsOf('5')).toEqual(['MASTERCARD', 'MAESTRO']);
    expect(brandsOf('3')).toEqual(['AMEX', 'DINERS_CLUB', 'JCB']);
    expect(brandsOf('6')).toEqual(['DISCOVER', 'CHINA_UNIONPAY', 'MAESTRO']);
  });

  it('narrows to the detected brand once the prefix decides', () => {
    expect(brandsOf('6011')).toEqual(['DISCOVER']);
    expect(brandsOf('51')).toEqual(['MASTERCARD']);
  });

  it('is empty for no digits and for prefixes no brand issues', () => {
    expect(brandsOf('')).toEqual([]);
    expect(brandsOf('0')).toEqual([]);
    expect(brandsOf('2200')).toEqual([]);
  });
});

describe('brand table', () => {
  it('gives each brand its lengths, gaps and security code', () => {
    expect(brandInfo('AMEX')).toEqual({
      brand: 'AMEX',
      scheme: 'AMEX',
      lengths: [15],
      gaps: [4, 10],
      csc: { name: 'CID', sizes: [4] },
    });
    expect(brandInfo('MASTERCARD')).toMatchObject({ lengths: [16], gaps: [4, 8, 12], csc: { sizes: [3] } });
    expect(brandInfo('VISA').gaps).toEqual([4, 8, 12, 16]);
    expect(brandInfo('MAESTRO').lengths).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(brandInfo('CHINA_UNIONPAY').lengths).toEqual([16, 17, 18, 19]);
    expect(brandInfo('DINERS_CLUB').lengths).toEqual([14, 15, 16, 17, 18, 19]);
    expect(brandInfo('UATP')).toMatchObject({ lengths: [15], gaps: [4, 9], csc: null });
  });

  it('lists lengths ascending, gaps inside the longest length, scheme = brand', () => {
    for (const { info } of BRAND_RULES) {
      expect([...info.lengths].sort((a, b) => a - b)).toEqual(info.lengths);
      expect(Math.max(...info.gaps)).toBeLessThan(Math.max(...info.lengths));
      expect(info.scheme).toBe(info.brand);
    }
  });

  it('names the nine gateway brands, and isBrand accepts exactly those', () => {
    expect([...BRANDS].sort()).toEqual(
      [
        'AMEX',
        'CHINA_UNIONPAY',
        'DINERS_CLUB',
        'DISCOVER',
        'JCB',
        'MAESTRO',
        'MASTERCARD',
        'UATP',
        'VISA',
      ].sort(),
    );
    expect(BRANDS.every(isBrand)).toBe(true);
    for (const other of ['visa', 'UNKNOWN', '', 'toString', 1, null, undefined, ['VISA']]) {
      expect(isBrand(other)).toBe(false);
    }
  });

  it('throws for a name outside the table', () => {
    expect(() => brandInfo('ELO' as Brand)).toThrow(RangeError);
  });

  it('is frozen, so no caller can change detection for everyone', () => {
    const visa = brandInfo('VISA');
    expect(() => visa.lengths.push(20)).toThrow(TypeError);
    expect(() => {
      (visa as { brand: string }).brand = 'X';
    }).toThrow(TypeError);
  });

  it('leaves credit-card-type global state as it found it', () => {
    expect(creditCardType('135492354874528')).toEqual([]);
    expect(creditCardType.getTypeInfo('jcb').patterns).toContain(1800);
    expect(creditCardType.getTypeInfo('unionpay').lengths).toContain(14);
  });
});

describe('maxLength', () => {
  it('is the detected brand’s longest length', () => {
    expect(maxLength('51')).toBe(16);
    expect(maxLength('34')).toBe(15);
    expect(maxLength('1')).toBe(15);
  });

  it('is the longest candidate length while undecided, 19 when nothing matches', () => {
    expect(maxLength('5')).toBe(19);
    expect(maxLength('3')).toBe(19);
    expect(maxLength('0')).toBe(19);
  });
});
