import { BRAND_RULES, type BrandInfo, type Pattern } from './brands.ts';

/** Longest PAN any brand issues; the cap when no brand is known. */
export const MAX_PAN_LENGTH = 19;

/**
 * The pattern's length once the number has that many digits and matches; 0 while the number is shorter but
 * agrees with the pattern's beginning (it may still match); -1 when it cannot match.
 */
function matchLength(digits: string, pattern: Pattern): number {
  const [low, high] = typeof pattern === 'number' ? [pattern, pattern] : pattern;
  const lowText = String(low);
  const n = Math.min(digits.length, lowText.length);
  const head = Number(digits.slice(0, n));
  const fits = head >= Number(lowText.slice(0, n)) && head <= Number(String(high).slice(0, n));
  if (!fits) return -1;
  return digits.length >= lowText.length ? lowText.length : 0;
}

interface Candidate {
  info: BrandInfo;
  // 0 while the number is still shorter than the matched prefix.
  strength: number;
}

function candidates(digits: string): Candidate[] {
  const found: Candidate[] = [];
  if (digits.length === 0) return found;
  for (const rule of BRAND_RULES) {
    // The first matching pattern counts, as in credit-card-type: a brand's patterns go from specific to broad.
    for (const pattern of rule.patterns) {
      const strength = matchLength(digits, pattern);
      if (strength >= 0) {
        found.push({ info: rule.info, strength });
        break;
      }
    }
  }
  return found;
}

/**
 * The brand, once the prefix decides it: the only candidate, or, when every candidate's prefix is complete,
 * the one with the longest prefix (6011 is Discover although Maestro claims all of 6).
 */
function decide(found: readonly Candidate[]): BrandInfo | undefined {
  if (found.length === 1) return found[0]?.info;
  if (found.length === 0 || found.some((c) => c.strength === 0)) return undefined;
  let best = found[0];
  for (const c of found) if (best && c.strength > best.strength) best = c;
  return best?.info;
}

export function detectBrand(digits: string): BrandInfo | undefined {
  return decide(candidates(digits));
}

/** The brands the digits could still turn out to be: the detected one alone once the prefix decides it. */
export function brandCandidates(digits: string): BrandInfo[] {
  const found = candidates(digits);
  const decided = decide(found);
  return decided ? [decided] : found.map((c) => c.info);
}

/** Most digits the number may have: the detected brand's longest length, else the longest of any candidate. */
export function maxLength(digits: string): number {
  const brand = detectBrand(digits);
  if (brand) return Math.max(...brand.lengths);
  const lengths = brandCandidates(digits).flatMap((b) => b.lengths);
  return lengths.length > 0 ? Math.max(...lengths) : MAX_PAN_LENGTH;
}
