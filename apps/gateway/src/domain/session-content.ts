import type { BrandInfo } from '@hosted-session/card';
import { maskPan, normalizeExpiry } from '@hosted-session/card';
import type { CardInput, UpdateSessionRequest } from '@hosted-session/protocol/rest';
import type { JsonValue, SessionContent } from '../store/store.ts';

export type SessionFields = Omit<UpdateSessionRequest, 'correlationId'>;

/**
 * What an update writes into the session: the request's fields with the card as Retrieve shows it (number
 * masked, CSC as "xxx", brand details from the number, expiry in the Mastercard form). The clear PAN and CSC
 * never enter the content; they go to the vault envelopes.
 */
export function contentPatch(fields: SessionFields, brand: BrandInfo | undefined): SessionContent {
  const { sourceOfFunds, ...rest } = fields;
  const patch: SessionContent = toJson(rest);
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

/** Overwrites and adds fields, never removes one: Mastercard's Update Session semantics. */
export function mergeContent(base: SessionContent, patch: SessionContent): SessionContent {
  const merged: SessionContent = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeContent(current, value) : value;
  }
  return merged;
}

function isObject(value: JsonValue | undefined): value is SessionContent {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toJson(value: object): SessionContent {
  return JSON.parse(JSON.stringify(value)) as SessionContent;
}
