import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../../../packages/card/test/test-cards.ts';
import { BinRangesFile, BinTable } from '../src/domain/bins/bin-table.ts';
import { SAMPLE_BIN_RANGES } from '../src/domain/bins/sample-ranges.ts';

describe('the sample BIN table', () => {
  const table = new BinTable(SAMPLE_BIN_RANGES);

  it.each(TEST_CARDS.map(([number, brand]) => [number.slice(0, 6), brand, number]))(
    'knows test card %s (%s): its funding and issuer',
    (_bin, _brand, number) => {
      const info = table.lookup(number);
      expect(info.fundingMethod).not.toBe('UNKNOWN');
      expect(info.issuer).toMatch(/^Sandbox /);
    },
  );

  it("answers Mastercard's documented example: 512345 is a debit card", () => {
    expect(table.lookup('5123450000000008').fundingMethod).toBe('DEBIT');
  });

  it('decides by brand where the brand decides: Maestro and Visa Electron debit, Diners Club charge', () => {
    expect(table.lookup('67596498')).toEqual({ fundingMethod: 'DEBIT' });
    expect(table.lookup('49173008')).toEqual({ fundingMethod: 'DEBIT' });
    expect(table.lookup('30569309')).toEqual({ fundingMethod: 'CHARGE' });
  });

  it('says UNKNOWN for a range it cannot tell, and names a local brand only where the card carries one', () => {
    expect(table.lookup('41111111')).toEqual({ fundingMethod: 'UNKNOWN' });
    expect(table.lookup('4012000033330026').localBrands).toEqual(['CARTES_BANCAIRES']);
    expect(table.lookup('5123450000000008').localBrands).toBeUndefined();
  });

  it('is what a BIN_TABLE_FILE may hold', () => {
    expect(BinRangesFile.safeParse(SAMPLE_BIN_RANGES).success).toBe(true);
  });
});

describe('a BIN table', () => {
  it('takes the most specific row: a longer prefix wins over a shorter one', () => {
    const table = new BinTable([
      { bin: '51-55', fundingMethod: 'CREDIT' },
      { bin: '5123', fundingMethod: 'DEBIT', issuer: 'A' },
      { bin: '51234567', fundingMethod: 'CHARGE', issuer: 'B' },
    ]);
    expect(table.lookup('52000000').fundingMethod).toBe('CREDIT');
    expect(table.lookup('51230000')).toEqual({ fundingMethod: 'DEBIT', issuer: 'A' });
    expect(table.lookup('51234567')).toEqual({ fundingMethod: 'CHARGE', issuer: 'B' });
    // Fewer digits than a row's prefix cannot match it.
    expect(table.lookup('5123456')).toEqual({ fundingMethod: 'DEBIT', issuer: 'A' });
    expect(table.lookup('56000000').fundingMethod).toBe('UNKNOWN');
  });

  it('finds every row of a large table, edges included', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      bin: `${String(100000 + i * 40)}-${String(100000 + i * 40 + 19)}`,
      fundingMethod: i % 2 ? ('CREDIT' as const) : ('DEBIT' as const),
      issuer: `Issuer ${i}`,
    }));
    const table = new BinTable(rows);
    for (const i of [0, 1, 4_999, 12_345, 19_999]) {
      const low = 100000 + i * 40;
      expect(table.lookup(`${low}00`).issuer).toBe(`Issuer ${i}`);
      expect(table.lookup(`${low + 19}00`).issuer).toBe(`Issuer ${i}`);
      expect(table.lookup(`${low + 20}00`).fundingMethod).toBe('UNKNOWN');
    }
  });

  it('refuses rows of one length that overlap, and ranges whose ends differ in length or order', () => {
    expect(
      () =>
        new BinTable([
          { bin: '510000-519999', fundingMethod: 'CREDIT' },
          { bin: '519000', fundingMethod: 'DEBIT' },
        ]),
    ).toThrow('BIN ranges 510000-519999 and 519000-519000 overlap');
    expect(() => new BinTable([{ bin: '51-5500', fundingMethod: 'CREDIT' }])).toThrow(
      /same number of digits/,
    );
    expect(() => new BinTable([{ bin: '55-51', fundingMethod: 'CREDIT' }])).toThrow(/low first/);
  });
});
