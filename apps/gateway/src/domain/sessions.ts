import {
  BROWSER_UPDATE_REQUESTS,
  BrowserUpdateType,
  CreateSessionRequest,
  DEFAULT_AUTHENTICATION_LIMIT,
  UpdateSessionRequest,
  type CardInput,
} from '@hosted-session/rest';
import type { SessionContent, SessionRecord, Store } from '../store/store.ts';
import { BinTable } from './bins/bin-table.ts';
import { brandOf, validateCard } from './card-rules.ts';
import {
  AuthenticationLimitExceededError,
  ExpiredSessionError,
  FieldError,
  InvalidRequestError,
  ServerBusyError,
  SessionVersionMismatchError,
  UnknownSessionCredentialError,
  UnknownSessionError,
} from './errors.ts';
import { maskBankAccount, validateBankAccount, type ClearBankAccount } from './bank-accounts.ts';
import { maskGiftCard, requireGiftCard, validateGiftCard, type ClearGiftCard } from './gift-cards.ts';
import { newAes256Key, newSessionId, newSessionVersion } from './ids.ts';
import type { Merchant } from './merchants.ts';
import { mergeFields } from './json-fields.ts';
import type { RateCount, RateLimiter } from './rate-limits.ts';
import { contentPatch, maskSessionCard } from './session-content.ts';
import { parseRequest } from './validation.ts';
import type { CardVault } from './vault.ts';

export interface SessionServiceOptions {
  store: Store;
  vault: CardVault;
  /** Counts cards put in from the browser toward the merchant's limit. */
  limiter?: RateLimiter;
  ttlMs: number;
  /** Funding method, issuer and local brands of card numbers; without it, funding is UNKNOWN. */
  bins?: BinTable;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

type SessionProvided = NonNullable<NonNullable<UpdateSessionRequest['sourceOfFunds']>['provided']>;

/** An update as parsed: the session's fields, and the local brand a browser update chose for its card. */
interface ParsedUpdate {
  fields: UpdateSessionRequest;
  localBrand?: string;
}

/** Who is asking, as the URL says: the merchant (already authenticated) and the API version in use. */
export interface SessionScope {
  merchant: Merchant;
  apiVersion: string;
}

export interface CreateResult {
  record: SessionRecord;
  /** Echoed in the response, never stored (Mastercard: "does not persist in the gateway"). */
  correlationId?: string;
}

export interface UpdateResult extends CreateResult {
  /**
   * The payment details this update brought, masked: the browser answer shows a CSC as "xxx" (and a PIN as
   * "xxxx") only when the update gave one.
   */
  given: SessionContent | undefined;
}

/** The clear card a payment operation takes from a session. */
export interface SessionCard {
  number: string;
  expiry: { month: string; year: string };
  securityCode?: string;
  nameOnCard?: string;
}

/** The clear payment details a session holds, for one processor call. */
export interface SessionFunds {
  /** What the session holds of a card: all of it, only what goes over a saved card, or nothing. */
  card: Partial<SessionCard>;
  giftCard?: ClearGiftCard;
  ach?: ClearBankAccount;
}

export interface UsedSession extends SessionFunds {
  /** The session after the CSC and PIN were removed, with a new version. */
  record: SessionRecord;
}

// Enough for a burst of concurrent updates to one session to all land; past it the caller gets SERVER_BUSY.
const MAX_WRITE_ATTEMPTS = 100;

export class SessionService {
  private readonly store: Store;
  private readonly vault: CardVault;
  private readonly limiter: RateLimiter | undefined;
  private readonly ttlMs: number;
  private readonly bins: BinTable;
  private readonly now: () => number;

  constructor(options: SessionServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.limiter = options.limiter;
    this.ttlMs = options.ttlMs;
    this.bins = options.bins ?? new BinTable([]);
    this.now = options.now ?? Date.now;
  }

  async create(scope: SessionScope, body: unknown): Promise<CreateResult> {
    const request = parseRequest(CreateSessionRequest, body);
    const createdAt = this.now();
    const record: SessionRecord = {
      id: newSessionId(),
      merchantId: scope.merchant.id,
      apiVersion: scope.apiVersion,
      version: newSessionVersion(),
      aes256Key: newAes256Key(),
      authenticationLimit: request.session?.authenticationLimit ?? DEFAULT_AUTHENTICATION_LIMIT,
      authenticationCount: 0,
      updateStatus: 'NO_UPDATE',
      content: request.lineOfBusiness === undefined ? {} : { lineOfBusiness: request.lineOfBusiness },
      createdAt,
      expiresAt: createdAt + this.ttlMs,
    };
    await this.store.createSession(record);
    return { record, correlationId: request.correlationId };
  }

  retrieve(scope: SessionScope, sessionId: string): Promise<SessionRecord> {
    return this.load(scope, sessionId);
  }

  /** Update Session from the merchant's server (API password already checked). */
  async update(scope: SessionScope, sessionId: string, body: unknown): Promise<UpdateResult> {
    const current = await this.load(scope, sessionId);
    return this.applyValidated(scope, current, () => ({ fields: parseRequest(UpdateSessionRequest, body) }));
  }

  /**
   * The browser endpoint (the session id is the password, see authenticateBrowser): one payment type's fields,
   * as the hosted fields give them. What a payment needs must be there afterwards, from this call or before.
   */
  async updateFromBrowser(scope: SessionScope, sessionId: string, body: unknown): Promise<UpdateResult> {
    // The card counts toward the merchant's limit in the same round trip that authenticates the call.
    const current = await this.authenticateBrowser(
      scope,
      sessionId,
      this.limiter?.merchantCard(scope.merchant.id),
    );
    return this.applyValidated(scope, current, () => {
      const { type } = parseRequest(BrowserUpdateType, body).sourceOfFunds;
      const { sourceOfFunds, ...request } = parseRequest(BROWSER_UPDATE_REQUESTS[type], body);
      if ('card' in sourceOfFunds.provided) {
        const holdsCard = current.panEnvelope !== undefined || savedCardOf(current) !== undefined;
        if (sourceOfFunds.provided.card.number === undefined && !holdsCard) {
          throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
        }
        return { fields: { sourceOfFunds }, ...request };
      }
      if ('giftCard' in sourceOfFunds.provided) {
        requireGiftCard({
          ...(storedProvided(current).giftCard as object),
          ...sourceOfFunds.provided.giftCard,
        });
        return { fields: { sourceOfFunds } };
      }
      // Entered by the payer on a web page: NACHA's WEB entry class.
      const ach = { ...sourceOfFunds.provided.ach, secCode: 'WEB' as const };
      return { fields: { sourceOfFunds: { type: sourceOfFunds.type, provided: { ach } } } };
    });
  }

  /**
   * A browser call with the session id as its password: counted against the session's authenticationLimit
   * before anything else is looked at, and refused once the limit is used up. `counts` (rate counters) move
   * in the same atomic step, only when the call is counted, and are enforced after it.
   */
  async authenticateBrowser(
    scope: SessionScope,
    sessionId: string,
    counts: readonly RateCount[] = [],
  ): Promise<SessionRecord> {
    const result = await this.store.consumeAuthentication({
      sessionId,
      merchantId: scope.merchant.id,
      apiVersion: scope.apiVersion,
      now: this.now(),
      count: counts.map((count) => count.update),
    });
    switch (result.outcome) {
      case 'ok':
        this.limiter?.enforce(counts, result.counters);
        return result.session;
      case 'limit-exceeded':
        throw new AuthenticationLimitExceededError();
      case 'expired':
        throw new ExpiredSessionError();
      case 'other-version':
        throw new SessionVersionMismatchError();
      case 'not-found':
        // Another merchant's session is reported as unknown, so ids cannot be probed across merchants.
        throw new UnknownSessionCredentialError();
    }
  }

  /** The session's clear card number, for a keyed fingerprint only; undefined before a card was put in. */
  cardNumber(record: SessionRecord): string | undefined {
    return record.panEnvelope === undefined ? undefined : this.vault.open(record.panEnvelope, record.id);
  }

  /**
   * For an operation that pays with the session (PAY, AUTHORIZE, VERIFY…, a token): checks that the last
   * update succeeded and, when given, that the session still has the version the merchant decided on; returns
   * the clear payment details and deletes the CSC and the gift card PIN from the session in the same atomic
   * write (PCI DSS 3.3.1: no authentication data kept once used). `known` is the session as the caller just
   * read it with this scope, tried first.
   */
  async use(
    scope: SessionScope,
    sessionId: string,
    expectedVersion?: string,
    known?: SessionRecord,
  ): Promise<UsedSession> {
    const current = known ?? (await this.load(scope, sessionId));
    let funds: SessionFunds | undefined;
    const record = await this.write(
      sessionId,
      (latest) => {
        checkPayable(latest, expectedVersion);
        funds = this.clearFunds(latest);
        const { cscEnvelope: _used, giftCardPinEnvelope: _alsoUsed, ...rest } = latest;
        return { ...rest, content: withoutAuthenticationData(latest.content) };
      },
      current,
    );
    return { record, ...funds! };
  }

  /**
   * The card a session holds, read without using the session (3-D Secure authenticates the card; only a
   * payment uses it): no CSC, nothing counted, nothing changed. The merchant's own sessions only, of any API
   * version.
   */
  async cardOf(merchant: Merchant, sessionId: string): Promise<Omit<SessionCard, 'securityCode'>> {
    const record = await this.store.getSession(sessionId);
    if (!record || record.merchantId !== merchant.id) throw new UnknownSessionError();
    if (record.expiresAt <= this.now()) throw new ExpiredSessionError();
    checkPayable(record, undefined);
    const { securityCode: _notRead, ...card } = completeCard(this.clearFunds(record).card);
    return card;
  }

  /** Removes sessions that expired more than one TTL ago; until then they answer "expired", not "unknown". */
  sweep(): Promise<number> {
    return this.store.deleteExpired(this.now() - this.ttlMs);
  }

  private async load(scope: SessionScope, sessionId: string): Promise<SessionRecord> {
    const record = await this.store.getSession(sessionId);
    // Another merchant's session is reported as unknown, so ids cannot be probed across merchants.
    if (!record || record.merchantId !== scope.merchant.id) throw new UnknownSessionError();
    if (record.expiresAt <= this.now()) throw new ExpiredSessionError();
    if (record.apiVersion !== scope.apiVersion) throw new SessionVersionMismatchError();
    return record;
  }

  /**
   * A request rejected for its content marks the session FAILURE (content untouched), as Mastercard's
   * updateStatus reports the last attempt; a good one is merged in with a compare-and-set retry loop so
   * concurrent updates are serialised and none is lost.
   */
  private async applyValidated(
    scope: SessionScope,
    current: SessionRecord,
    parse: () => ParsedUpdate,
  ): Promise<UpdateResult> {
    let fields: UpdateSessionRequest;
    let given: SessionContent | undefined;
    let patch: SessionContent;
    try {
      const parsed = parse();
      fields = parsed.fields;
      given = this.maskProvided(scope, current, fields, parsed.localBrand);
      const { correlationId: _echoed, apiOperation: _named, ...sessionFields } = fields;
      patch = contentPatch(sessionFields, given, fields.order?.currency ?? storedCurrency(current.content));
    } catch (error) {
      if (error instanceof FieldError)
        await this.write(current.id, (record) => ({ ...record, updateStatus: 'FAILURE' }), current);
      throw error;
    }
    const envelopes = this.sealEnvelopes(current.id, fields.sourceOfFunds?.provided);
    const record = await this.write(
      current.id,
      (record) => ({
        ...record,
        updateStatus: 'SUCCESS',
        content: mergeFields(record.content, patch),
        ...envelopes,
      }),
      current,
    );
    return { record, correlationId: fields.correlationId, given };
  }

  /** Checks each payment type's fields the update carries and masks them for the content. */
  private maskProvided(
    scope: SessionScope,
    current: SessionRecord,
    fields: UpdateSessionRequest,
    localBrand: string | undefined,
  ): SessionContent | undefined {
    const provided = fields.sourceOfFunds?.provided;
    if (!provided) return undefined;
    const { card, giftCard, ach } = provided;
    if (giftCard) validateGiftCard(giftCard);
    if (ach) validateBankAccount(ach);
    return {
      ...(card ? { card: this.maskCard(scope, current, card, localBrand) } : {}),
      ...(giftCard ? { giftCard: maskGiftCard(giftCard) } : {}),
      ...(ach ? { ach: maskBankAccount(ach) } : {}),
    };
  }

  /** Every secret the update carries, sealed in the vault bound to the session; none of them enters the content. */
  private sealEnvelopes(sessionId: string, provided: SessionProvided | undefined): Partial<SessionRecord> {
    const envelopes: Partial<SessionRecord> = {};
    const secrets = {
      panEnvelope: provided?.card?.number,
      cscEnvelope: provided?.card?.securityCode,
      giftCardNumberEnvelope: provided?.giftCard?.number,
      giftCardPinEnvelope: provided?.giftCard?.pin,
      bankAccountEnvelope: provided?.ach?.bankAccountNumber,
    } as const;
    for (const [column, secret] of Object.entries(secrets) as Array<
      [keyof typeof secrets, string | undefined]
    >) {
      if (secret !== undefined) envelopes[column] = this.vault.seal(secret, sessionId);
    }
    return envelopes;
  }

  /**
   * Validates the card fields against the session's card and masks them for the content. A local brand is
   * honoured only on a card that carries it (the BIN table says which do).
   */
  private maskCard(scope: SessionScope, current: SessionRecord, card: CardInput, localBrand?: string) {
    const storedPan = current.panEnvelope && this.vault.open(current.panEnvelope, current.id);
    const brand = validateCard(card, {
      merchant: scope.merchant,
      now: new Date(this.now()),
      storedBrand: storedPan ? brandOf(storedPan) : undefined,
      hasStoredSecurityCode: current.cscEnvelope !== undefined,
    });
    const number = card.number ?? storedPan;
    const bin = this.bins.lookup(number ?? '');
    if (localBrand !== undefined && !bin.localBrands?.includes(localBrand)) {
      throw new FieldError('localBrand', 'INVALID', 'The card does not carry this local brand.');
    }
    return maskSessionCard(card, { brand, bin, localBrand });
  }

  private clearFunds(record: SessionRecord): SessionFunds {
    const stored = storedProvided(record) as {
      card?: { expiry?: SessionCard['expiry']; nameOnCard?: string };
      giftCard?: { localBrand?: string };
      ach?: Omit<ClearBankAccount, 'bankAccountNumber'>;
    };
    const open = (envelope: string) => this.vault.open(envelope, record.id);
    const card = {
      ...(record.panEnvelope ? { number: open(record.panEnvelope) } : {}),
      ...(stored.card?.expiry ? { expiry: stored.card.expiry } : {}),
      ...(record.cscEnvelope ? { securityCode: open(record.cscEnvelope) } : {}),
      ...(stored.card?.nameOnCard === undefined ? {} : { nameOnCard: stored.card.nameOnCard }),
    };
    const {
      giftCardNumberEnvelope: giftCard,
      giftCardPinEnvelope: pin,
      bankAccountEnvelope: account,
    } = record;
    return {
      card,
      ...(giftCard && stored.giftCard?.localBrand
        ? {
            giftCard: {
              number: open(giftCard),
              localBrand: stored.giftCard.localBrand,
              ...(pin ? { pin: open(pin) } : {}),
            },
          }
        : {}),
      ...(account && stored.ach ? { ach: { ...stored.ach, bankAccountNumber: open(account) } } : {}),
    };
  }

  /**
   * Compare-and-set on the session's version: the first attempt starts from `known` (read moments ago by the
   * caller, saving a round trip), every retry from the session as it is now.
   */
  private async write(
    sessionId: string,
    change: (record: SessionRecord) => SessionRecord,
    known: SessionRecord,
  ): Promise<SessionRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const record = attempt === 0 ? known : await this.store.getSession(sessionId);
      if (!record) throw new UnknownSessionError();
      const next = { ...change(record), version: nextVersion(record.version) };
      if (await this.store.replaceSession(next, record.version)) return next;
    }
    throw new ServerBusyError();
  }
}

/**
 * Whether a payment may use the session: its last update succeeded and, when the merchant names a version,
 * the session still has it (optimistic locking). Exported so a caller can refuse before it plans anything.
 */
export function checkPayable(record: SessionRecord, expectedVersion: string | undefined): void {
  if (record.updateStatus !== 'SUCCESS')
    throw new InvalidRequestError('The session was not updated successfully.');
  if (expectedVersion !== undefined && record.version !== expectedVersion) {
    throw new FieldError('session.version', 'INVALID', 'The session has changed since this version.');
  }
}

/** The token of a saved card the merchant put into the session (Update Session `sourceOfFunds.token`). */
export function savedCardOf(record: SessionRecord): string | undefined {
  const token = (record.content.sourceOfFunds as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : undefined;
}

/** A card a payment can use: number and expiry, from whichever source gave them. */
export function completeCard(card: Partial<SessionCard>): SessionCard {
  if (card.number === undefined) throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
  if (card.expiry === undefined) throw new FieldError('sourceOfFunds.provided.card.expiry', 'MISSING');
  return { ...card, number: card.number, expiry: card.expiry };
}

function storedCurrency(content: SessionContent): string | undefined {
  const currency = (content.order as { currency?: unknown } | undefined)?.currency;
  return typeof currency === 'string' ? currency : undefined;
}

/** The payment details a session shows (masked), by type; empty when it holds none. */
export function storedProvided(record: SessionRecord): SessionContent {
  const provided = (record.content.sourceOfFunds as { provided?: SessionContent } | undefined)?.provided;
  return provided ?? {};
}

function withoutAuthenticationData(content: SessionContent): SessionContent {
  const copy = structuredClone(content);
  const provided = (copy.sourceOfFunds as { provided?: Record<string, SessionContent> } | undefined)
    ?.provided;
  if (provided?.card) delete provided.card.securityCode;
  if (provided?.giftCard) delete provided.giftCard.pin;
  return copy;
}

function nextVersion(previous: string): string {
  let version = newSessionVersion();
  while (version === previous) version = newSessionVersion();
  return version;
}
