import { checkPersonName } from './name.ts';
import { checkLength } from './gift-card.ts';
import { failed, type FieldCheck } from './result.ts';

/** ACH account types, as Mastercard names them. */
export const ACH_ACCOUNT_TYPES = ['CONSUMER_CHECKING', 'CONSUMER_SAVINGS', 'CORPORATE_CHECKING'] as const;
export type AchAccountType = (typeof ACH_ACCOUNT_TYPES)[number];

/** US bank account numbers: 4–17 digits (NACHA's DFI account number field is 17 characters). */
export const BANK_ACCOUNT_NUMBER_LENGTH = { min: 4, max: 17 } as const;
const ROUTING_NUMBER_DIGITS = 9;
/** The name on the account, as NACHA's entry detail record holds it (22) with room for Mastercard's 28. */
export const BANK_ACCOUNT_HOLDER_MAX = 28;

/**
 * An ABA routing number: nine digits whose first two are a Federal Reserve routing symbol (00–12, 21–32,
 * 61–72, or 80 for traveller's cheques) and whose weighted sum (3, 7, 1 repeated) is a multiple of ten.
 */
export function checkRoutingNumber(raw: string): FieldCheck {
  if (!/^\d*$/.test(raw)) return failed('INVALID_CHARACTERS');
  const length = checkLength(raw, { min: ROUTING_NUMBER_DIGITS, max: ROUTING_NUMBER_DIGITS });
  if (!length.isValid) return length;
  return isRoutingSymbol(Number(raw.slice(0, 2))) && abaChecksum(raw) % 10 === 0
    ? length
    : failed('INVALID_VALUE');
}

function isRoutingSymbol(prefix: number): boolean {
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
}

function abaChecksum(digits: string): number {
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * weights[i % 3]!;
  return sum;
}

export function checkBankAccountNumber(raw: string): FieldCheck {
  if (!/^\d*$/.test(raw)) return failed('INVALID_CHARACTERS');
  return checkLength(raw, BANK_ACCOUNT_NUMBER_LENGTH);
}

/**
 * The account holder's name: the same rule as the name on a card (no more than two numerals), since the page
 * owns the labels around this field too and gets the name back after the update.
 */
export function checkBankAccountHolder(raw: string): FieldCheck {
  return checkPersonName(raw, BANK_ACCOUNT_HOLDER_MAX);
}

export function isAchAccountType(value: unknown): value is AchAccountType {
  return (ACH_ACCOUNT_TYPES as readonly unknown[]).includes(value);
}
