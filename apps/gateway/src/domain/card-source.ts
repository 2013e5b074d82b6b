import { normalizeExpiry } from '@hosted-session/card';
import type { CardInput, TransactionRequest } from '@hosted-session/rest';
import type { ProcessorCard } from '../processor/index.ts';
import { validateCard } from './card-rules.ts';
import { FieldError } from './errors.ts';
import type { JsonObject } from './json-fields.ts';
import { maskedNumber, type TransactionCard } from './orders/index.ts';
import { checkPayable, type SessionCard, type SessionScope, type SessionService } from './sessions.ts';
import type { TokenService } from './tokens.ts';

export type CardOperationRequest = Extract<
  TransactionRequest,
  { apiOperation: 'PAY' | 'AUTHORIZE' | 'VERIFY' }
>;

/** What a source is named by: a PAY, AUTHORIZE or VERIFY, or a 3-D Secure authentication operation. */
export type CardSourceRequest = Pick<CardOperationRequest, 'session'> & {
  sourceOfFunds?: { token?: string; provided?: { card?: CardInput } };
};

/**
 * Where a PAY, AUTHORIZE or VERIFY gets its card: a session or a token, with fields of the request over
 * theirs. A card with neither behind it is refused: this gateway exists so that merchant servers need not
 * handle card numbers, and it does not take them as the main road.
 */
export interface CardSource {
  /** The card as the transaction will show it, for planning; undefined when no card is known. */
  preview?: TransactionCard;
  /**
   * The card number the operation will use, read without using the session (its CSC stays): the keyed
   * fingerprint the card-testing limits count by, and the card a 3-D Secure authentication must be for;
   * undefined when no card is known.
   */
  cardNumber?: string;
  /** The session's fields a payment reads (order, payer, authentication…), under the request's own. */
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
  expiry?: { month: string; year: string };
  nameOnCard?: string;
}

export class CardSources {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(scope: SessionScope, request: CardSourceRequest): Promise<CardSource> {
    const token = request.sourceOfFunds?.token;
    const overrides = request.sourceOfFunds?.provided?.card;
    if (request.session && token !== undefined) {
      throw new FieldError('sourceOfFunds.token', 'UNSUPPORTED', 'Pay with a session or a token, not both.');
    }
    if (!request.session && token === undefined) {
      throw new FieldError('session.id', 'MISSING', 'Pay with a session or a token.');
    }
    if (overrides) {
      // The session or token already met the merchant's CSC rule; a token never has a CSC to offer.
      validateCard(overrides, {
        merchant: scope.merchant,
        now: new Date(this.now()),
        hasStoredSecurityCode: true,
      });
    }

    if (request.session) {
      const { id, version } = request.session;
      const record = await this.sessions.retrieve(scope, id);
      checkPayable(record, version);
      const { sourceOfFunds, ...sessionFields } = record.content;
      const stored = sourceOfFunds as { provided?: { card?: StoredCardFields } } | undefined;
      const cardNumber = overrides?.number ?? this.sessions.cardNumber(record);
      return {
        preview: preview(stored?.provided?.card, overrides),
        ...(cardNumber === undefined ? {} : { cardNumber }),
        sessionFields,
        take: async () => overlay((await this.sessions.useCard(scope, id, version, record)).card, overrides),
      };
    }
    const record = token === undefined ? undefined : await this.tokens.find(scope, token);
    if (!record) throw new FieldError('sourceOfFunds.token', 'INVALID', 'Token not found.');
    return {
      preview: preview(record.card, overrides),
      cardNumber: overrides?.number ?? this.tokens.clearCard(record).number,
      sessionFields: {},
      take: async () => overlay(this.tokens.clearCard(record), overrides),
    };
  }
}

function preview(
  stored: StoredCardFields | undefined,
  overrides: CardInput | undefined,
): TransactionCard | undefined {
  const identity =
    overrides?.number !== undefined
      ? maskedNumber(overrides.number)
      : stored?.number !== undefined && {
          brand: stored.brand ?? 'UNKNOWN',
          scheme: stored.scheme ?? stored.brand ?? 'UNKNOWN',
          fundingMethod: stored.fundingMethod ?? 'UNKNOWN',
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
