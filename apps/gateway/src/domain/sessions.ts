import {
  BrowserCardUpdateRequest,
  CreateSessionRequest,
  DEFAULT_AUTHENTICATION_LIMIT,
  UpdateSessionRequest,
  type CardInput,
} from '@hosted-session/rest';
import type { SessionContent, SessionRecord, Store } from '../store/store.ts';
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
import { newAes256Key, newSessionId, newSessionVersion } from './ids.ts';
import type { Merchant } from './merchants.ts';
import { mergeFields } from './json-fields.ts';
import type { RateCount, RateLimiter } from './rate-limits.ts';
import { contentPatch } from './session-content.ts';
import { parseRequest } from './validation.ts';
import type { CardVault } from './vault.ts';

export interface SessionServiceOptions {
  store: Store;
  vault: CardVault;
  /** Counts cards put in from the browser toward the merchant's limit. */
  limiter?: RateLimiter;
  ttlMs: number;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
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
  card: SessionCard;
}

// Enough for a burst of concurrent updates to one session to all land; past it the caller gets SERVER_BUSY.
const MAX_WRITE_ATTEMPTS = 100;

export class SessionService {
  private readonly store: Store;
  private readonly vault: CardVault;
  private readonly limiter: RateLimiter | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: SessionServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.limiter = options.limiter;
    this.ttlMs = options.ttlMs;
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
    return this.applyValidated(scope, current, () => parseRequest(UpdateSessionRequest, body));
  }

  /** The browser endpoint: the session id is the password (see authenticateBrowser). */
  async updateFromBrowser(scope: SessionScope, sessionId: string, body: unknown): Promise<UpdateResult> {
    // The card counts toward the merchant's limit in the same round trip that authenticates the call.
    const current = await this.authenticateBrowser(
      scope,
      sessionId,
      this.limiter?.merchantCard(scope.merchant.id),
    );
    return this.applyValidated(scope, current, () => {
      const request = parseRequest(BrowserCardUpdateRequest, body);
      const card = request.sourceOfFunds.provided.card;
      if (card.number === undefined && current.panEnvelope === undefined) {
        throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
      }
      return { sourceOfFunds: request.sourceOfFunds };
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
   * For an operation that pays with the session (PAY, AUTHORIZE, VERIFY…): checks that the last update
   * succeeded and, when given, that the session still has the version the merchant decided on; returns the
   * clear card and deletes the CSC from the session in the same atomic write (PCI DSS 3.3.1: no CSC kept
   * once used). `known` is the session as the caller just read it with this scope, tried first.
   */
  async useCard(
    scope: SessionScope,
    sessionId: string,
    expectedVersion?: string,
    known?: SessionRecord,
  ): Promise<UsedSession> {
    const current = known ?? (await this.load(scope, sessionId));
    let card: SessionCard | undefined;
    const record = await this.write(
      sessionId,
      (latest) => {
        checkPayable(latest, expectedVersion);
        card = this.clearCard(latest);
        const { cscEnvelope: _used, ...rest } = latest;
        return { ...rest, content: withoutSecurityCode(latest.content) };
      },
      current,
    );
    return { record, card: card! };
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
    const { securityCode: _notRead, ...card } = this.clearCard(record);
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
    parse: () => UpdateSessionRequest,
  ): Promise<UpdateResult> {
    let fields: UpdateSessionRequest;
    let card: CardInput | undefined;
    let patch: SessionContent;
    try {
      fields = parse();
      card = fields.sourceOfFunds?.provided?.card;
      const brand = card && this.validateCard(scope, current, card);
      const { correlationId: _echoed, apiOperation: _named, ...sessionFields } = fields;
      patch = contentPatch(sessionFields, brand, fields.order?.currency ?? storedCurrency(current.content));
    } catch (error) {
      if (error instanceof FieldError)
        await this.write(current.id, (record) => ({ ...record, updateStatus: 'FAILURE' }), current);
      throw error;
    }
    const panEnvelope = card?.number === undefined ? undefined : this.vault.seal(card.number, current.id);
    const cscEnvelope =
      card?.securityCode === undefined ? undefined : this.vault.seal(card.securityCode, current.id);
    const record = await this.write(
      current.id,
      (record) => ({
        ...record,
        updateStatus: 'SUCCESS',
        content: mergeFields(record.content, patch),
        ...(panEnvelope ? { panEnvelope } : {}),
        ...(cscEnvelope ? { cscEnvelope } : {}),
      }),
      current,
    );
    return {
      record,
      correlationId: fields.correlationId,
      securityCodeGiven: card?.securityCode !== undefined,
    };
  }

  private validateCard(scope: SessionScope, current: SessionRecord, card: CardInput) {
    const storedPan = current.panEnvelope && this.vault.open(current.panEnvelope, current.id);
    return validateCard(card, {
      merchant: scope.merchant,
      now: new Date(this.now()),
      storedBrand: storedPan ? brandOf(storedPan) : undefined,
      hasStoredSecurityCode: current.cscEnvelope !== undefined,
    });
  }

  private clearCard(record: SessionRecord): SessionCard {
    const stored = (
      record.content.sourceOfFunds as {
        provided?: { card?: { expiry?: SessionCard['expiry']; nameOnCard?: string } };
      }
    )?.provided?.card;
    if (!record.panEnvelope) throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
    if (!stored?.expiry) throw new FieldError('sourceOfFunds.provided.card.expiry', 'MISSING');
    return {
      number: this.vault.open(record.panEnvelope, record.id),
      expiry: stored.expiry,
      ...(record.cscEnvelope ? { securityCode: this.vault.open(record.cscEnvelope, record.id) } : {}),
      ...(stored.nameOnCard === undefined ? {} : { nameOnCard: stored.nameOnCard }),
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
