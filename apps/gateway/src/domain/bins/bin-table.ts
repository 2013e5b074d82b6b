import { FUNDING_METHODS, type FundingMethod } from '@hosted-session/protocol';
import { LOCAL_BRAND_PATTERN } from '@hosted-session/rest';
import * as z from 'zod';

/**
 * What a card's leading digits tell about it beyond the brand: how it is funded, who issued it, and the local
 * brands it also carries (co-badged cards). Shown in `onCardTypeChange` once the number is valid, and in every
 * response that shows the card.
 */
export interface BinInfo {
  fundingMethod: FundingMethod;
  issuer?: string;
  /** Local brands the card carries beside its global one, which `updateSessionFromForm('card', localBrand)` may choose. */
  localBrands?: string[];
}

/**
 * One row of a BIN table: `bin` is a prefix (`"512345"`) or an inclusive range of prefixes of one length
 * (`"2221-2720"`). A longer prefix is more specific and wins over a shorter one that also matches.
 */
export interface BinRange extends BinInfo {
  bin: string;
}

/** The file `BIN_TABLE_FILE` names: an array of rows. */
export const BinRangesFile = z.array(
  z.strictObject({
    bin: z.string().regex(/^\d{1,11}(-\d{1,11})?$/, 'a prefix of digits, or two of one length joined by "-"'),
    fundingMethod: z.enum(FUNDING_METHODS),
    issuer: z.string().min(1).max(100).optional(),
    localBrands: z.array(z.string().regex(LOCAL_BRAND_PATTERN)).max(8).optional(),
  }),
);

interface Span extends BinInfo {
  from: string;
  to: string;
}

const UNKNOWN: BinInfo = Object.freeze({ fundingMethod: 'UNKNOWN' });

/**
 * The gateway's BIN table. Rows are grouped by prefix length and sorted, so a look-up is a binary search per
 * length, whatever the table's size: a full commercial table (hundreds of thousands of rows) loads as easily
 * as the sample. Two rows of one length may not overlap, so every number has one answer per length.
 */
export class BinTable {
  private readonly byLength: ReadonlyArray<readonly [number, readonly Span[]]>;

  constructor(rows: readonly BinRange[]) {
    const groups = new Map<number, Span[]>();
    for (const { bin, ...info } of rows) {
      const [from, to = from] = bin.split('-') as [string, string?];
      if (to.length !== from.length || to < from) {
        throw new RangeError(`BIN range ${bin}: both ends need the same number of digits, low first`);
      }
      const group = groups.get(from.length) ?? [];
      group.push({ from, to, ...info });
      groups.set(from.length, group);
    }
    for (const group of groups.values()) {
      group.sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < group.length; i++) {
        const [before, after] = [group[i - 1]!, group[i]!];
        if (after.from <= before.to) {
          throw new RangeError(
            `BIN ranges ${before.from}-${before.to} and ${after.from}-${after.to} overlap`,
          );
        }
      }
    }
    this.byLength = [...groups].sort(([a], [b]) => b - a);
  }

  /** The most specific row for the card's leading digits, or UNKNOWN funding when no row matches. */
  lookup(digits: string): BinInfo {
    for (const [length, spans] of this.byLength) {
      if (digits.length < length) continue;
      const key = digits.slice(0, length);
      const span = lastAtOrBelow(spans, key);
      if (span && key <= span.to) {
        const { from: _from, to: _to, ...info } = span;
        return info;
      }
    }
    return UNKNOWN;
  }
}

function lastAtOrBelow(spans: readonly Span[], key: string): Span | undefined {
  let [low, high] = [0, spans.length - 1];
  let found: Span | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle]!;
    if (span.from <= key) {
      found = span;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
