import {
  BrowserCardUpdateRequest,
  CreateSessionRequest,
  DEFAULT_AUTHENTICATION_LIMIT,
  UpdateSessionRequest,
  type CardInput,
} from '@hosted-session/protocol/rest';
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
  UnknownSessionError,
} from './errors.ts';
import { newAes256Key, newSessionId, newSessionVersion } from './ids.ts';
import type { Merchant } from './merchants.ts';
import { mergeFields } from './json-fields.ts';
import { contentPatch, maskSessionCard } from './session-content.ts';
import { parseRequest } from './validation.ts';
import type { CardVault } from './vault.ts';

export interface SessionServiceOptions {
  store: Store;
  vault: CardVault;
  ttlMs: number;
  /** Funding method, issuer and local brands of card numbers; without it, funding is UNKNOWN. */
  bins?: BinTable;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
}

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
  /** Whether this update brought a CSC (the browser answer shows "xxx" only then). */
  securityCodeGiven: boolean;
}

/** The clear card a payment operation takes from a session. */
export interface SessionCard {
  number: string;
  expiry: { month: string; year: string };
  securityCode?: string;
  nameOnCard?: string;
}

export interface UsedSession {
  /** The session after the CSC was removed, with a new version. */
  record: SessionRecord;
  /** What the session holds of a card: all of it, or only what goes over a saved card (see `savedCardOf`). */
  card: Partial<SessionCard>;
}

// Enough for a burst of concurrent updates to one session to all land; past it the caller gets SERVER_BUSY.
const MAX_WRITE_ATTEMPTS = 100;

export class SessionService {
  private readonly store: Store;
  private readonly vault: CardVault;
  private readonly ttlMs: number;
  private readonly bins: BinTable;
  private readonly now: () => number;

  constructor(options: SessionServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
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

  /** The browser endpoint: the session id is the password (see authenticateBrowser). */
  async updateFromBrowser(scope: SessionScope, sessionId: string, body: unknown): Promise<UpdateResult> {
    const current = await this.authenticateBrowser(scope, sessionId);
    return this.applyValidated(scope, current, () => {
      const request = parseRequest(BrowserCardUpdateRequest, body);
      const card = request.sourceOfFunds.provided.card;
      const holdsCard = current.panEnvelope !== undefined || savedCardOf(current) !== undefined;
      if (card.number === undefined && !holdsCard) {
        throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
      }
      return { fields: { sourceOfFunds: request.sourceOfFunds }, localBrand: request.localBrand };
    });
  }

  /**
   * A browser call with the session id as its password: counted against the session's authenticationLimit
   * before anything else is looked at, and refused once the limit is used up.
   */
  async authenticateBrowser(scope: SessionScope, sessionId: string): Promise<SessionRecord> {
    const current = await this.load(scope, sessionId);
    const outcome = await this.store.consumeAuthentication(sessionId, this.now());
    if (outcome === 'limit-exceeded') throw new AuthenticationLimitExceededError();
    if (outcome === 'expired') throw new ExpiredSessionError();
    if (outcome === 'not-found') throw new UnknownSessionError();
    return current;
  }

  /**
   * For an operation that pays with the session (PAY, AUTHORIZE, VERIFY…): checks that the last update
   * succeeded and, when given, that the session still has the version the merchant decided on; returns the
   * clear card and deletes the CSC from the session in the same atomic write (PCI DSS 3.3.1: no CSC kept
   * once used).
   */
  async useCard(scope: SessionScope, sessionId: string, expectedVersion?: string): Promise<UsedSession> {
    await this.load(scope, sessionId);
    let card: Partial<SessionCard> | undefined;
    const record = await this.write(sessionId, (current) => {
      checkPayable(current, expectedVersion);
      card = this.clearCard(current);
      const { cscEnvelope: _used, ...rest } = current;
      return { ...rest, content: withoutSecurityCode(current.content) };
    });
    return { record, card: card! };
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
    let card: CardInput | undefined;
    let patch: SessionContent;
    try {
      const parsed = parse();
      fields = parsed.fields;
      card = fields.sourceOfFunds?.provided?.card;
      const provided = card && { card: this.maskCard(scope, current, card, parsed.localBrand) };
      const { correlationId: _echoed, apiOperation: _named, ...sessionFields } = fields;
      patch = contentPatch(
        sessionFields,
        provided,
        fields.order?.currency ?? storedCurrency(current.content),
      );
    } catch (error) {
      if (error instanceof FieldError)
        await this.write(current.id, (record) => ({ ...record, updateStatus: 'FAILURE' }));
      throw error;
    }
    const panEnvelope = card?.number === undefined ? undefined : this.vault.seal(card.number, current.id);
    const cscEnvelope =
      card?.securityCode === undefined ? undefined : this.vault.seal(card.securityCode, current.id);
    const record = await this.write(current.id, (record) => ({
      ...record,
      updateStatus: 'SUCCESS',
      content: mergeFields(record.content, patch),
      ...(panEnvelope ? { panEnvelope } : {}),
      ...(cscEnvelope ? { cscEnvelope } : {}),
    }));
    return {
      record,
      correlationId: fields.correlationId,
      securityCodeGiven: card?.securityCode !== undefined,
    };
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

  private clearCard(record: SessionRecord): Partial<SessionCard> {
    const stored = (
      record.content.sourceOfFunds as {
        provided?: { card?: { expiry?: SessionCard['expiry']; nameOnCard?: string } };
      }
    )?.provided?.card;
    const card = {
      ...(record.panEnvelope ? { number: this.vault.open(record.panEnvelope, record.id) } : {}),
      ...(stored?.expiry ? { expiry: stored.expiry } : {}),
      ...(record.cscEnvelope ? { securityCode: this.vault.open(record.cscEnvelope, record.id) } : {}),
      ...(stored?.nameOnCard === undefined ? {} : { nameOnCard: stored.nameOnCard }),
    };
    // Without a saved card under it, the session's own card must be whole.
    return savedCardOf(record) === undefined ? completeCard(card) : card;
  }

  private async write(
    sessionId: string,
    change: (record: SessionRecord) => SessionRecord,
  ): Promise<SessionRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const record = await this.store.getSession(sessionId);
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

function withoutSecurityCode(content: SessionContent): SessionContent {
  const copy = structuredClone(content);
  const card = (copy.sourceOfFunds as { provided?: { card?: SessionContent } } | undefined)?.provided?.card;
  if (card) delete card.securityCode;
  return copy;
}

function nextVersion(previous: string): string {
  let version = newSessionVersion();
  while (version === previous) version = newSessionVersion();
  return version;
}
