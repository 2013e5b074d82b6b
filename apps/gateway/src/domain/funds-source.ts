import { normalizeExpiry } from '@hosted-session/card';
import type { MaskedAch } from '@hosted-session/protocol';
import type { CardInput, SourceOfFundsType, TransactionRequest } from '@hosted-session/rest';
import type { ProcessorCard, ProcessorFunds } from '../processor/index.ts';
import type { JsonValue, SessionContent, SessionRecord } from '../store/store.ts';
import { requireBankAccount } from './bank-accounts.ts';
import type { BinTable } from './bins/bin-table.ts';
import { validateCard } from './card-rules.ts';
import { FieldError } from './errors.ts';
import { requireGiftCard } from './gift-cards.ts';
import type { JsonObject } from './json-fields.ts';
import {
  maskedNumber,
  type TransactionCard,
  type TransactionFunds,
  type TransactionGiftCard,
} from './orders/index.ts';
import {
  checkPayable,
  completeCard,
  savedCardOf,
  type SessionCard,
  type SessionScope,
  type SessionService,
} from './sessions.ts';
import type { TokenService } from './tokens.ts';

export type FundsOperationRequest = Extract<
  TransactionRequest,
  { apiOperation: 'PAY' | 'AUTHORIZE' | 'VERIFY' }
>;

type RequestFunds = NonNullable<FundsOperationRequest['sourceOfFunds']>;

/** What names a source: a PAY, AUTHORIZE or VERIFY, or a 3-D Secure authentication operation. */
export type FundsSourceRequest = Pick<FundsOperationRequest, 'session'> & {
  sourceOfFunds?: Omit<RequestFunds, 'type'> & { type?: RequestFunds['type'] };
};

/**
 * Where a PAY, AUTHORIZE or VERIFY gets what it pays with. `sourceOfFunds.type` (the request's, else the
 * session's, else CARD) says which of the session's payment details: a gift card or a bank account comes from
 * the session alone; a card from a session, a token, or both, with Mastercard's order of sources: the request's
 * card fields over the session's, the session's over the token's. The token is the request's, else one the
 * merchant put into the session (a saved card). A card with neither a session nor a token behind it is
 * refused: this gateway exists so that merchant servers need not handle card numbers, and it does not take
 * them as the main road.
 */
export interface FundsSource {
  /** What the transaction will show it was paid with, for planning; undefined when nothing is known. */
  preview?: TransactionFunds;
  /**
   * The card number the operation will use, read without using the session (its CSC stays): the keyed
   * fingerprint the card-testing limits count by, and the card a 3-D Secure authentication must be for;
   * undefined when no card is known.
   */
  cardNumber?: string;
  /** The session's fields a payment reads (order, payer, authentication…), under the request's own. */
  sessionFields: JsonObject;
  /**
   * The clear payment details for one processor call, with the request's card fields over the source's.
   * Taking them from a session deletes the session's CSC and PIN (PCI DSS 3.3.1.2), so call it only once the
   * operation will go ahead.
   */
  take(): Promise<ProcessorFunds>;
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

export class FundsSources {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly bins: BinTable,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(scope: SessionScope, request: FundsSourceRequest): Promise<FundsSource> {
    const session = request.session && (await this.sessions.retrieve(scope, request.session.id));
    if (session) checkPayable(session, request.session?.version);
    const { sourceOfFunds, ...sessionFields } = session?.content ?? {};
    const stored = sourceOfFunds as { type?: SourceOfFundsType; provided?: SessionContent } | undefined;
    const type = request.sourceOfFunds?.type ?? stored?.type ?? 'CARD';
    if (type === 'CARD') return this.card(scope, request, session, stored?.provided?.card, sessionFields);
    if (!session)
      throw new FieldError('session.id', 'MISSING', 'A gift card or bank account is paid from a session.');
    if (request.sourceOfFunds?.token !== undefined || request.sourceOfFunds?.provided !== undefined) {
      const field =
        request.sourceOfFunds.token === undefined ? 'sourceOfFunds.provided' : 'sourceOfFunds.token';
      throw new FieldError(field, 'UNSUPPORTED', 'Card details do not apply to this payment type.');
    }
    const use = () => this.sessions.use(scope, session.id, request.session?.version, session);
    if (type === 'GIFT_CARD') {
      const { pin: _never, ...giftCard } = (stored?.provided?.giftCard ?? {}) as SessionContent;
      requireGiftCard(giftCard);
      return {
        preview: { type, provided: { giftCard: giftCard as TransactionGiftCard } },
        sessionFields,
        take: async () => ({ type, giftCard: required((await use()).giftCard) }),
      };
    }
    const ach = stored?.provided?.ach as MaskedAch | undefined;
    requireBankAccount(ach);
    return {
      preview: { type, provided: { ach: ach! } },
      sessionFields,
      take: async () => ({ type, ach: required((await use()).ach) }),
    };
  }

  private async card(
    scope: SessionScope,
    request: FundsSourceRequest,
    session: SessionRecord | undefined,
    stored: JsonValue | undefined,
    sessionFields: JsonObject,
  ): Promise<FundsSource> {
    const overrides = request.sourceOfFunds?.provided?.card;
    if (overrides) {
      // The session or token already met the merchant's CSC rule; a token never has a CSC to offer.
      validateCard(overrides, {
        merchant: scope.merchant,
        now: new Date(this.now()),
        hasStoredSecurityCode: true,
      });
    }
    const tokenId = request.sourceOfFunds?.token ?? (session ? savedCardOf(session) : undefined);
    if (!session && tokenId === undefined) {
      throw new FieldError('session.id', 'MISSING', 'Pay with a session or a token.');
    }
    const token = tokenId === undefined ? undefined : await this.tokens.find(scope, tokenId);
    if (tokenId !== undefined && !token) {
      throw new FieldError('sourceOfFunds.token', 'INVALID', 'Token not found.');
    }
    const card = preview(
      { ...token?.card, ...(stored as StoredCardFields | undefined) },
      overrides,
      this.bins,
    );
    const cardNumber =
      overrides?.number ??
      (session && this.sessions.cardNumber(session)) ??
      (token && this.tokens.clearCard(token).number);
    return {
      ...(card ? { preview: { type: 'CARD', provided: { card } } } : {}),
      ...(cardNumber === undefined ? {} : { cardNumber }),
      sessionFields,
      take: async () => {
        const saved = token ? this.tokens.clearCard(token) : {};
        const given = session
          ? (await this.sessions.use(scope, session.id, request.session?.version, session)).card
          : {};
        return { type: 'CARD', card: overlay(completeCard({ ...saved, ...given }), overrides) };
      },
    };
  }
}

/** Details the planning found in the session's masked content are in its envelopes too. */
function required<T>(clear: T | undefined): T {
  if (clear === undefined)
    throw new TypeError('The session lost its payment details between planning and use.');
  return clear;
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
