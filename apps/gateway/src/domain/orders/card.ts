import { detectBrand, maskPan, normalizeExpiry } from '@hosted-session/card';
import type { FundingMethod } from '@hosted-session/protocol';
import type { ProcessorCard } from '../../processor/index.ts';
import type { TransactionCard } from './model.ts';

/**
 * The masked card a transaction keeps, from the clear card of a request that carried one. (A session
 * already keeps its card masked beside the vault; that masked card can be used as it is.)
 * Funding method needs a BIN table we do not have, hence UNKNOWN unless the caller knows better.
 */
export function maskCard(card: ProcessorCard, fundingMethod: FundingMethod = 'UNKNOWN'): TransactionCard {
  const expiry = normalizeExpiry(card.expiry.month, card.expiry.year);
  return {
    ...maskedNumber(card.number, fundingMethod),
    ...(expiry ? { expiry } : {}),
    ...(card.nameOnCard !== undefined ? { nameOnCard: card.nameOnCard } : {}),
  };
}

/** What a card number may show of itself: brand and scheme from its digits, and the number masked. */
export function maskedNumber(
  number: string,
  fundingMethod: FundingMethod = 'UNKNOWN',
): Pick<TransactionCard, 'brand' | 'scheme' | 'fundingMethod' | 'number'> {
  const brand = detectBrand(number)?.brand ?? 'UNKNOWN';
  return { brand, scheme: brand, fundingMethod, number: maskPan(number) };
}
