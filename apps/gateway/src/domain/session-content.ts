import type { BrandInfo } from '@hosted-session/card';
import { maskPan, normalizeExpiry } from '@hosted-session/card';
import type { CardInput, UpdateSessionRequest } from '@hosted-session/rest';
import type { SessionContent } from '../store/store.ts';
import type { BinInfo } from './bins/bin-table.ts';
import { toJsonObject } from './json-fields.ts';
import { sessionOrder } from './orders/index.ts';

export type SessionFields = Omit<UpdateSessionRequest, 'correlationId' | 'apiOperation'>;

/** What the gateway knows of a card beyond its fields: the brand of its number, its BIN row, a chosen local brand. */
export interface CardFacts {
  brand: BrandInfo | undefined;
  bin: BinInfo;
  localBrand?: string;
}

/**
 * What an update writes into the session: the request's fields, with the payment details as Retrieve shows
 * them (`provided`, masked by the caller: see `maskSessionCard`), and the order's amounts and quantities as
 * decimal text. The clear PAN, CSC, account numbers and PINs never enter the content; they go to the vault
 * envelopes. `currency` is the order's (this update's or the session's), to check the amounts against.
 */
export function contentPatch(
  fields: SessionFields,
  provided: SessionContent | undefined,
  currency: string | undefined,
): SessionContent {
  const { sourceOfFunds, order, ...rest } = fields;
  const patch: SessionContent = toJsonObject(rest);
  if (order) patch.order = sessionOrder(toJsonObject(order), currency);
  if (sourceOfFunds) {
    patch.sourceOfFunds = {
      ...(sourceOfFunds.type ? { type: sourceOfFunds.type } : {}),
      ...(sourceOfFunds.token ? { token: sourceOfFunds.token } : {}),
      ...(provided ? { provided } : {}),
    };
  }
  return patch;
}

/** What the session shows of a card: number masked, CSC as "xxx", brand and BIN facts, expiry in the Mastercard form. */
export function maskSessionCard(card: CardInput, facts: CardFacts): SessionContent {
  const masked: SessionContent = {};
  if (card.number !== undefined) {
    masked.number = maskPan(card.number);
    if (facts.brand) {
      Object.assign(masked, {
        brand: facts.brand.brand,
        scheme: facts.brand.scheme,
        fundingMethod: facts.bin.fundingMethod,
        ...(facts.bin.issuer === undefined ? {} : { issuer: facts.bin.issuer }),
      });
    }
  }
  if (facts.localBrand !== undefined) masked.localBrand = facts.localBrand;
  if (card.expiry) {
    const expiry = normalizeExpiry(card.expiry.month, card.expiry.year);
    if (expiry) masked.expiry = expiry;
  }
  if (card.securityCode !== undefined) masked.securityCode = 'xxx';
  if (card.nameOnCard !== undefined) masked.nameOnCard = card.nameOnCard;
  return masked;
}
