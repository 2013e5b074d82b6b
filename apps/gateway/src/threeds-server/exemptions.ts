import type { Brand } from '@hosted-session/card';
import type { AppliedExemption, Exemption } from './three-ds-server.ts';

/** PSD2 limits, in euros: low-value payments and the transaction risk analysis of a UK acquirer. */
export const LOW_VALUE_LIMIT_EUR = 30;
export const RISK_ANALYSIS_LIMIT_EUR = 250;

/**
 * Fixed rates the simulated issuers use to weigh an amount against the euro limits: micro-euros per major
 * unit. A currency without a rate is never exempted.
 */
const MICRO_EUR_PER_UNIT: Readonly<Record<string, bigint>> = Object.freeze({
  EUR: 1_000_000n,
  USD: 920_000n,
  GBP: 1_170_000n,
  CHF: 1_040_000n,
  JPY: 6_200n,
  AUD: 610_000n,
  CAD: 680_000n,
  NZD: 560_000n,
  SGD: 690_000n,
  HKD: 118_000n,
  AED: 250_000n,
  SAR: 245_000n,
  BHD: 2_440_000n,
  KWD: 3_000_000n,
  OMR: 2_390_000n,
  JOD: 1_300_000n,
  TND: 295_000n,
  KRW: 680n,
});

/** Exemptions are a Visa and Mastercard matter; other schemes answer as if none was asked. */
export function schemeTakesExemptions(brand: Brand | 'UNKNOWN'): boolean {
  return brand === 'VISA' || brand === 'MASTERCARD' || brand === 'MAESTRO';
}

export type ExemptionDecision =
  | { kind: 'granted'; applied: AppliedExemption }
  /** The issuer wants to see the cardholder: a refused risk analysis, or the trusted-listing prompt. */
  | { kind: 'challenge'; trustPrompt: boolean }
  /** Not applicable; the issuer decides as if no exemption had been asked for. */
  | { kind: 'ignored' };

/** How an issuer that grants exemptions answers a request for one (amount in minor units, exponent given). */
export function decideExemption(
  exemption: Exemption,
  amount: { minor: bigint; currency: string; exponent: number },
): ExemptionDecision {
  switch (exemption) {
    case 'low_value':
      return withinEuros(amount, LOW_VALUE_LIMIT_EUR)
        ? { kind: 'granted', applied: 'low_value' }
        : { kind: 'ignored' };
    case 'transaction_risk_assessment':
      return withinEuros(amount, RISK_ANALYSIS_LIMIT_EUR)
        ? { kind: 'granted', applied: 'transaction_risk_assessment' }
        : { kind: 'challenge', trustPrompt: false };
    case 'trusted_listing_prompt':
      return { kind: 'challenge', trustPrompt: true };
    case 'trusted_listing':
    case 'secure_corporate_payment':
      return { kind: 'granted', applied: exemption };
  }
}

function withinEuros(amount: { minor: bigint; currency: string; exponent: number }, euros: number): boolean {
  const rate = MICRO_EUR_PER_UNIT[amount.currency];
  if (rate === undefined) return false;
  // minor × rate / 10^exponent ≤ euros × 10^6, kept in integers.
  return amount.minor * rate <= BigInt(euros) * 1_000_000n * 10n ** BigInt(amount.exponent);
}
