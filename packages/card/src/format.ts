import { detectBrand } from './detect.ts';
import { digitsOf } from './digits.ts';

export type FormatMode = 'EMBOSSED' | 'PLAIN';

/** Grouping while the brand is unknown. */
const DEFAULT_GAPS: readonly number[] = [4, 8, 12, 16];

/** Digits with a single space at each gap that has digits after it (no trailing space). */
export function groupDigits(digits: string, gaps: readonly number[]): string {
  let out = '';
  let start = 0;
  for (const gap of gaps) {
    if (gap >= digits.length) break;
    out += digits.slice(start, gap) + ' ';
    start = gap;
  }
  return out + digits.slice(start);
}

/** The number as displayed: grouped as embossed on the detected brand's cards, or bare digits. */
export function formatNumber(digits: string, mode: FormatMode): string {
  const clean = digitsOf(digits);
  if (mode === 'PLAIN') return clean;
  return groupDigits(clean, detectBrand(clean)?.gaps ?? DEFAULT_GAPS);
}
