import { normalizeExpiry } from '@hosted-session/card';
import type { CardInput, TransactionRequest } from '@hosted-session/protocol/rest';
import type { ProcessorCard } from '../processor/index.ts';
import type { BinTable } from './bins/bin-table.ts';
import { validateCard } from './card-rules.ts';
import { FieldError } from './errors.ts';
import type { JsonObject } from './json-fields.ts';
import { maskedNumber, type TransactionCard } from './orders/index.ts';
import {
  checkPayable,
  completeCard,
  savedCardOf,
  type SessionCard,
  type SessionScope,
  type SessionService,
} from './sessions.ts';
import type { TokenService } from './tokens.ts';

export type CardOperationRequest = Extract<
  TransactionRequest,
  { apiOperation: 'PAY' | 'AUTHORIZE' | 'VERIFY' }
>;

/**
 * Where a PAY, AUTHORIZE or VERIFY gets its card: a session, a token, or both, with Mastercard's order of
 * sources: the request's card fields over the session's, the session's over the token's. The token is the
 * request's, else one the merchant put into the session (a saved card). A card with neither a session nor a
 * token behind it is refused: this gateway exists so that merchant servers need not handle card numbers, and
 * it does not take them as the main road.
 */
export interface CardSource {
  /** The card as the transaction will show it, for planning; undefined when no card is known. */
  preview?: TransactionCard;
  /** The session's request fields a payment reads (order, payer, device…), which the request's own override. */
  sessionFields: JsonObject;
  /**
   * The clear card for one processor call, with the request's fields over the source's. Taking it from a
   * session deletes the session's CSC (PCI DSS 3.3.1.2), so call it only once the operation will go ahead.
   */
  take(): Promise<ProcessorCard>;
}

interface StoredCardFields {
  number?: string;
  brand?: TransactionCard['brand'];
  scheme?: TransactionCard['scheme'];
  fundingMethod?: TransactionCard['fundingMethod'];
  issuer?: string;
  localBrand?: string;
  expiry?: { month: string; year: string };
  nameOnCard?: string;
}

export class CardSources {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly bins: BinTable,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(scope: SessionScope, request: CardOperationRequest): Promise<CardSource> {
    const overrides = request.sourceOfFunds?.provided?.card;
    if (overrides) {
      // The session or token already met the merchant's CSC rule; a token never has a CSC to offer.
      validateCard(overrides, {
        merchant: scope.merchant,
        now: new Date(this.now()),
        hasStoredSecurityCode: true,
      });
    }
    const session = request.session && (await this.sessions.retrieve(scope, request.session.id));
    if (session) checkPayable(session, request.session?.version);
    const tokenId = request.sourceOfFunds?.token ?? (session ? savedCardOf(session) : undefined);
    if (!session && tokenId === undefined) {
      throw new FieldError('session.id', 'MISSING', 'Pay with a session or a token.');
    }
    const token = tokenId === undefined ? undefined : await this.tokens.find(scope, tokenId);
    if (tokenId !== undefined && !token) {
      throw new FieldError('sourceOfFunds.token', 'INVALID', 'Token not found.');
    }

    const { sourceOfFunds, authentication: _forAuthentication, ...sessionFields } = session?.content ?? {};
    const stored = (sourceOfFunds as { provided?: { card?: StoredCardFields } } | undefined)?.provided?.card;
    return {
      preview: preview({ ...token?.card, ...stored }, overrides, this.bins),
      sessionFields,
      take: async () => {
        const saved = token ? this.tokens.clearCard(token) : {};
        const given = session
          ? (await this.sessions.useCard(scope, session.id, request.session?.version)).card
          : {};
        return overlay(completeCard({ ...saved, ...given }), overrides);
      },
    };
  }
}

function preview(
  stored: StoredCardFields | undefined,
  overrides: CardInput | undefined,
  bins: BinTable,
): TransactionCard | undefined {
  const identity =
    overrides?.number !== undefined
      ? maskedNumber(overrides.number, bins.lookup(overrides.number))
      : stored?.number !== undefined && {
          brand: stored.brand ?? 'UNKNOWN',
          scheme: stored.scheme ?? stored.brand ?? 'UNKNOWN',
          fundingMethod: stored.fundingMethod ?? 'UNKNOWN',
          ...(stored.issuer === undefined ? {} : { issuer: stored.issuer }),
          ...(stored.localBrand === undefined ? {} : { localBrand: stored.localBrand }),
          number: stored.number,
        };
  if (!identity) return undefined;
  const expiry = overrides?.expiry
    ? normalizeExpiry(overrides.expiry.month, overrides.expiry.year)
    : stored?.expiry;
  const nameOnCard = overrides?.nameOnCard ?? stored?.nameOnCard;
  return { ...identity, ...(expiry ? { expiry } : {}), ...(nameOnCard === undefined ? {} : { nameOnCard }) };
}

/** The source's clear card (a session's or token's always has number and expiry) under the request's fields. */
function overlay(base: SessionCard | ProcessorCard, overrides: CardInput | undefined): ProcessorCard {
  const securityCode = overrides?.securityCode ?? base.securityCode;
  const nameOnCard = overrides?.nameOnCard ?? base.nameOnCard;
  return {
    number: overrides?.number ?? base.number,
    expiry: overrides?.expiry ?? base.expiry,
    ...(securityCode === undefined ? {} : { securityCode }),
    ...(nameOnCard === undefined ? {} : { nameOnCard }),
  };
}
