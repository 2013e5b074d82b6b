import type { BrandInfo } from '@hosted-session/card';
import { maskPan, normalizeExpiry } from '@hosted-session/card';
import type { CardInput, UpdateSessionRequest } from '@hosted-session/rest';
import type { SessionContent } from '../store/store.ts';
import { toJsonObject } from './json-fields.ts';
import { sessionOrder } from './orders/index.ts';

export type SessionFields = Omit<UpdateSessionRequest, 'correlationId' | 'apiOperation'>;

/**
 * What an update writes into the session: the request's fields with the card as Retrieve shows it (number
 * masked, CSC as "xxx", brand details from the number, expiry in the Mastercard form) and the order's amounts
 * and quantities as decimal text. The clear PAN and CSC never enter the content; they go to the vault
 * envelopes. `currency` is the order's (this update's or the session's), to check the amounts against.
 */
export function contentPatch(
  fields: SessionFields,
  brand: BrandInfo | undefined,
  currency: string | undefined,
): SessionContent {
  const { sourceOfFunds, order, ...rest } = fields;
  const patch: SessionContent = toJsonObject(rest);
  if (order) patch.order = sessionOrder(toJsonObject(order), currency);
  const card = sourceOfFunds?.provided?.card;
  if (sourceOfFunds) {
    patch.sourceOfFunds = {
      ...(sourceOfFunds.type ? { type: sourceOfFunds.type } : {}),
      ...(card ? { provided: { card: maskedCard(card, brand) } } : {}),
    };
  }
  return patch;
}

function maskedCard(card: CardInput, brand: BrandInfo | undefined): SessionContent {
  const masked: SessionContent = {};
  if (card.number !== undefined) {
    masked.number = maskPan(card.number);
    if (brand) Object.assign(masked, { brand: brand.brand, scheme: brand.scheme, fundingMethod: 'UNKNOWN' });
  }
  if (card.expiry) {
    const expiry = normalizeExpiry(card.expiry.month, card.expiry.year);
    if (expiry) masked.expiry = expiry;
  }
  if (card.securityCode !== undefined) masked.securityCode = 'xxx';
  if (card.nameOnCard !== undefined) masked.nameOnCard = card.nameOnCard;
  return masked;
}
