import { detectBrand, maskPan, normalizeExpiry } from '@hosted-session/card';
import type { ProcessorCard } from '../../processor/index.ts';
import type { BinInfo } from '../bins/bin-table.ts';
import type { TransactionCard } from './model.ts';

/**
 * The masked card a transaction keeps, from the clear card of a request that carried one. (A session
 * already keeps its card masked beside the vault; that masked card can be used as it is.) Funding method and
 * issuer come from the caller's BIN table look-up; without one, the funding is UNKNOWN.
 */
export function maskCard(card: ProcessorCard, bin?: BinInfo): TransactionCard {
  const expiry = normalizeExpiry(card.expiry.month, card.expiry.year);
  return {
    ...maskedNumber(card.number, bin),
    ...(expiry ? { expiry } : {}),
    ...(card.nameOnCard !== undefined ? { nameOnCard: card.nameOnCard } : {}),
  };
}

/** What a card number may show of itself: brand and scheme from its digits, funding and issuer from its BIN, and the number masked. */
export function maskedNumber(
  number: string,
  bin?: BinInfo,
): Pick<TransactionCard, 'brand' | 'scheme' | 'fundingMethod' | 'issuer' | 'number'> {
  const brand = detectBrand(number)?.brand ?? 'UNKNOWN';
  return {
    brand,
    scheme: brand,
    fundingMethod: bin?.fundingMethod ?? 'UNKNOWN',
    ...(bin?.issuer === undefined ? {} : { issuer: bin.issuer }),
    number: maskPan(number),
  };
}
