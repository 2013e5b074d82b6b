import creditCardType from 'credit-card-type';

/** Brand names as the Mastercard gateway spells them. */
export type Brand =
  'VISA' | 'MASTERCARD' | 'AMEX' | 'DISCOVER' | 'DINERS_CLUB' | 'JCB' | 'CHINA_UNIONPAY' | 'MAESTRO' | 'UATP';

export interface BrandInfo {
  brand: Brand;
  scheme: Brand;
  /** Valid PAN lengths, ascending. */
  lengths: number[];
  /** Digit counts after which EMBOSSED formatting puts a space. */
  gaps: number[];
  /** null: the card has no security code (UATP). */
  csc: { name: string; sizes: number[] } | null;
}

/** A leading-digits prefix, or an inclusive range of prefixes that have the same number of digits. */
export type Pattern = number | readonly [number, number];

export interface BrandRule {
  info: BrandInfo;
  patterns: readonly Pattern[];
}

interface Overrides {
  patterns?: Pattern[];
  lengths?: number[];
  gaps?: number[];
}

// Cards with 17–19 digits keep going in fours (4-4-4-4-3) instead of one long last group.
function groupsOfFour(maxLength: number): number[] {
  const gaps: number[] = [];
  for (let g = 4; g < maxLength; g += 4) gaps.push(g);
  return gaps;
}

function freezeRule(info: BrandInfo, patterns: Pattern[]): BrandRule {
  Object.freeze(info.lengths);
  Object.freeze(info.gaps);
  if (info.csc) Object.freeze(Object.freeze(info.csc).sizes);
  return Object.freeze({ info: Object.freeze(info), patterns: Object.freeze(patterns) });
}

// NaN bounds make a malformed range match nothing rather than everything.
function toPattern(p: number | number[]): Pattern {
  return typeof p === 'number' ? p : [p[0] ?? NaN, p[1] ?? NaN];
}

// getTypeInfo returns a copy of the library's table entry: reading it leaves the library's global state alone.
function fromLibrary(brand: Brand, type: string, overrides: Overrides = {}): BrandRule {
  const base = creditCardType.getTypeInfo(type);
  const lengths = overrides.lengths ?? base.lengths;
  const info: BrandInfo = {
    brand,
    scheme: brand,
    lengths,
    gaps: overrides.gaps ?? groupsOfFour(Math.max(...lengths)),
    csc: { name: base.code.name, sizes: [base.code.size] },
  };
  return freezeRule(info, overrides.patterns ?? base.patterns.map(toPattern));
}

/** Detection order breaks ties between equally specific prefixes. */
export const BRAND_RULES: readonly BrandRule[] = Object.freeze([
  fromLibrary('VISA', 'visa'),
  fromLibrary('MASTERCARD', 'mastercard'),
  fromLibrary('AMEX', 'american-express', { gaps: [4, 10] }),
  // Diners issues 14 to 19 digits; the library only knows 14, 16 and 19.
  fromLibrary('DINERS_CLUB', 'diners-club', { lengths: [14, 15, 16, 17, 18, 19], gaps: [4, 10] }),
  fromLibrary('DISCOVER', 'discover'),
  // The library also lists JCB's legacy 15-digit prefixes 1800 and 2131; 1800 would shadow UATP (1).
  fromLibrary('JCB', 'jcb', { patterns: [[3528, 3589]] }),
  // The gateway takes UnionPay at 16–19 digits; the library also lists 14 and 15.
  fromLibrary('CHINA_UNIONPAY', 'unionpay', { lengths: [16, 17, 18, 19] }),
  fromLibrary('MAESTRO', 'maestro'),
  // UATP is not in credit-card-type; adding it with the library's global addCard would leak into other importers.
  freezeRule({ brand: 'UATP', scheme: 'UATP', lengths: [15], gaps: [4, 9], csc: null }, [1]),
]);

export const BRANDS: readonly Brand[] = Object.freeze(BRAND_RULES.map((r) => r.info.brand));

/** For checking brand names that arrive from outside (configuration, messages from the page). */
export function isBrand(value: unknown): value is Brand {
  return typeof value === 'string' && (BRANDS as readonly string[]).includes(value);
}

export function brandInfo(brand: Brand): BrandInfo {
  const rule = BRAND_RULES.find((r) => r.info.brand === brand);
  if (!rule) throw new RangeError('unknown brand');
  return rule.info;
}
