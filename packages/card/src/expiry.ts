import { EMPTY, INCOMPLETE, VALID, failed, type ErrorReason, type FieldCheck } from './result.ts';

export type ExpiryCheck = Omit<FieldCheck, 'errorReason'> & { errorReason?: ErrorReason | 'EXPIRED' };

/** Issuers do not print expiry dates further ahead than this. */
const MAX_MONTHS_AHEAD = 20 * 12;

// A card is good through the last day of its month wherever the payer is. Judging "now" at UTC−12, the
// last time zone to leave a month, never refuses a card on its last day; the issuer has the final word.
const LATEST_ZONE_OFFSET_MS = 12 * 60 * 60 * 1000;

type Part = { month: number } | { year: number } | { check: ExpiryCheck };

function parseMonth(month: string): Part {
  if (month.length === 0) return { check: { ...EMPTY } };
  if (!/^\d*$/.test(month)) return { check: failed('INVALID_CHARACTERS') };
  if (month.length > 2) return { check: failed('INVALID_LENGTH') };
  if (month === '0') return { check: { ...INCOMPLETE } };
  const m = Number(month);
  return m >= 1 && m <= 12 ? { month: m } : { check: failed('INVALID_VALUE') };
}

function parseYear(year: string): Part {
  if (year.length === 0) return { check: { ...EMPTY } };
  if (!/^\d*$/.test(year)) return { check: failed('INVALID_CHARACTERS') };
  if (year.length > 4) return { check: failed('INVALID_LENGTH') };
  if (year.length === 1 || year.length === 3) return { check: { ...INCOMPLETE } };
  // Two-digit years are the Mastercard wire form and mean 20yy.
  return { year: year.length === 2 ? 2000 + Number(year) : Number(year) };
}

/** Validity of an expiry date; the current month is still valid. */
export function checkExpiry(month: string, year: string, now: Date = new Date()): ExpiryCheck {
  const m = parseMonth(month);
  const y = parseYear(year);
  // An error in either part outranks an empty other part; an empty part outranks a half-typed one.
  for (const part of [m, y]) if ('check' in part && part.check.hasError) return part.check;
  for (const part of [m, y]) if ('check' in part && part.check.errorReason === 'EMPTY') return part.check;
  if (!('month' in m) || !('year' in y)) return { ...INCOMPLETE };

  const judged = new Date(now.getTime() - LATEST_ZONE_OFFSET_MS);
  const ahead = y.year * 12 + m.month - (judged.getUTCFullYear() * 12 + judged.getUTCMonth() + 1);
  if (ahead < 0) return failed('EXPIRED');
  if (ahead > MAX_MONTHS_AHEAD) return failed('INVALID_VALUE');
  return { ...VALID };
}

/** The Mastercard form of an expiry date, month unpadded and two-digit year ({ month: '1', year: '39' }). */
export function normalizeExpiry(month: string, year: string): { month: string; year: string } | undefined {
  if (!/^\d{1,2}$/.test(month) || !/^(20)?\d{2}$/.test(year)) return undefined;
  const m = Number(month);
  if (m < 1 || m > 12) return undefined;
  return { month: String(m), year: year.slice(-2) };
}
