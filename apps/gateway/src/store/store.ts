import type { HostedFieldsScenario } from '@hosted-session/protocol';
import type { UpdateStatus } from '@hosted-session/rest';
import type { AuthenticationRecord, AuthenticationUse } from '../domain/threeds/model.ts';
import type {
  Order,
  StoredRequest,
  TransactionCard,
  TransactionResponseBody,
} from '../domain/orders/index.ts';

/**
 * A session as stored. `content` is the session's request fields as Retrieve Session shows them (card number
 * masked, CSC as "xxx"); the clear PAN, CSC, gift card number and PIN and bank account number live only in
 * the encrypted envelopes. Plain JSON-compatible
 * values throughout, so a SQL backend can keep `content` in a JSON column and the rest in plain columns.
 */
export interface SessionRecord {
  id: string;
  merchantId: string;
  apiVersion: string;
  version: string;
  aes256Key: string;
  authenticationLimit: number;
  /** Browser operations already made with this session id as the password. */
  authenticationCount: number;
  updateStatus: UpdateStatus;
  content: SessionContent;
  panEnvelope?: string;
  cscEnvelope?: string;
  giftCardNumberEnvelope?: string;
  /** Cleared, like the CSC, by the first operation that uses the session. */
  giftCardPinEnvelope?: string;
  bankAccountEnvelope?: string;
  /** Set on a session made for one page load of hosted fields from a session token (domain/hosted-fields.ts). */
  hostedFields?: HostedFieldsContext;
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
}

/** What the merchant's server asked for when it created the session token. */
export interface HostedFieldsContext {
  processingTerminalId: string;
  scenario: HostedFieldsScenario;
  /** The library version the page must load. */
  libVersion: string;
  /** The saved card a tokenization session updates; absent when it saves a new one. */
  secureTokenId?: string;
}

export type SessionContent = { [field: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [field: string]: JsonValue };

/** A browser operation to count against a session's authentication limit, and what else to count with it. */
export interface AuthenticationAttempt {
  sessionId: string;
  /** Only a session of this merchant and API version is counted (another is reported, never counted). */
  merchantId: string;
  apiVersion: string;
  /** Epoch milliseconds: an expired session is not counted. */
  now: number;
  /** Rate counters moved only when the authentication is counted, in the same atomic step. */
  count?: readonly RateCounterUpdate[];
}

export type AuthenticationResult =
  | { outcome: 'ok'; session: SessionRecord; counters: RateCounterState[] }
  | { outcome: 'limit-exceeded' | 'not-found' | 'expired' | 'other-version' };

/**
 * An order as stored, with the revision its compare-and-set runs on. `order` is absent while the first
 * operation of a new order holds the lease. Amounts in `order` are bigint minor units: a SQL backend keeps
 * them in NUMERIC or BIGINT columns (or decimal strings), never in a float.
 */
export interface StoredOrder {
  merchantId: string;
  orderId: string;
  revision: number;
  order?: Order;
  /**
   * Held from planning an operation until its result is recorded, so two operations on one order can never
   * both be planned against the same totals (two captures together exceeding the authorization).
   */
  lease?: { transactionId: string; expiresAt: number };
}

export interface OrderLease {
  merchantId: string;
  orderId: string;
  transactionId: string;
  /** Epoch milliseconds. */
  now: number;
  expiresAt: number;
  count?: readonly RateCounterUpdate[];
}

export interface OperationRecord {
  order: StoredOrder;
  expectedRevision: number;
  slot: { key: TransactionKey; fingerprint: string; response: TransactionResponseBody };
  count?: readonly RateCounterUpdate[];
}

export interface TransactionKey {
  merchantId: string;
  orderId: string;
  transactionId: string;
}

/** The idempotency slot of one transaction id: the request's keyed fingerprint, then the response sent. */
export type TransactionSlot = StoredRequest<TransactionResponseBody>;

/** One merchant's Idempotency-Key: keys are kept per merchant, so one merchant's key never answers another's. */
export interface IdempotencyScope {
  merchantId: string;
  key: string;
}

/** The first response to a request made with an Idempotency-Key, answered again to every retry of it. */
export interface IdempotentResponse {
  status: number;
  body: JsonValue;
}

/** What is kept per key: the request's keyed fingerprint from the start, the response once there is one. */
export interface IdempotencyRecord {
  fingerprint: string;
  response?: IdempotentResponse;
}

export interface IdempotencyClaim {
  fingerprint: string;
  /** Epoch milliseconds: the key's record may be claimed anew after this. */
  expiresAt: number;
  /** Epoch milliseconds: an unanswered claim older than this was abandoned (its gateway stopped) and may be taken. */
  claimedUntil: number;
}

/** A stored card. The PAN is only in `panEnvelope` (AES-256-GCM, bound to the token); there is never a CSC. */
export interface TokenRecord {
  token: string;
  merchantId: string;
  panEnvelope: string;
  /** As responses show it: number masked, expiry in the session form ('1', '39'). */
  card: TransactionCard & { expiry: { month: string; year: string } };
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** `used`: another payment holds the authentication already. */
export type AuthenticationUseOutcome = 'ok' | 'used' | 'not-found';

/** The counters of the card-testing limits (domain/rate-limits.ts). */
export type RateScope = 'browser-address' | 'auth-failures-address' | 'declines-card' | 'cards-merchant';

export interface RateCounterUpdate {
  scope: RateScope;
  /** A client address, a merchant id, or a keyed card fingerprint (never a card number). */
  subject: string;
  /** The start of the fixed window the event falls in: epoch milliseconds, a multiple of `windowMs`. */
  windowStart: number;
  windowMs: number;
  /** 1 counts an event; 0 only reads the counter. */
  add: number;
}

/** A counter as stored: its latest window with that window's count, and the count of the window before. */
export interface RateCounterState {
  windowStart: number;
  current: number;
  previous: number;
}

/** One card envelope in the store, for re-sealing under a new key (`rotate-vault-key`). */
export interface StoredEnvelope {
  /** Where it is kept, as `table.column` (e.g. `sessions.csc_envelope`). */
  column: string;
  /** The id of the row that holds it, which is also what the envelope is bound to. */
  owner: string;
  envelope: string;
}

export interface EnvelopeQuery {
  /** Only envelopes that do not start with this (the active key's envelope prefix). */
  notPrefixedBy: string;
  /** Continue after this envelope, in the store's (column, owner) order. */
  after?: Pick<StoredEnvelope, 'column' | 'owner'>;
  limit: number;
}

export interface Store {
  /** Inserts a new session; rejects if the id exists. */
  createSession(record: SessionRecord): Promise<void>;

  getSession(id: string): Promise<SessionRecord | undefined>;

  /**
   * Replaces the session only if its stored version is still `expectedVersion` (one atomic compare-and-set,
   * e.g. `UPDATE … WHERE id = $1 AND version = $2`). Returns false when another writer got there first.
   * `authenticationCount` is never written here (only `consumeAuthentication` moves it), so a concurrent
   * browser call is never un-counted by an update that read the session before it.
   */
  replaceSession(next: SessionRecord, expectedVersion: string): Promise<boolean>;

  /**
   * Atomically counts one browser operation against the session's authentication limit and moves the
   * attempt's rate counters (as `countRates` would), unless the limit is already reached or the session is
   * unknown, another merchant's, of another API version or expired at `now` (then nothing changes). Answers
   * the session as counted, so the caller need not read it again. One statement on SQL when it is counted.
   */
  consumeAuthentication(attempt: AuthenticationAttempt): Promise<AuthenticationResult>;

  /**
   * Binds the session to one page load unless another holds it, in one atomic check-and-set (e.g. `UPDATE …
   * WHERE id = $1 AND (page_load IS NULL OR page_load = $2)`): answers true when the session is bound to
   * `pageLoad`, now or already, false when another page load holds it or there is no such session. The binding
   * is not part of SessionRecord: nothing else reads or writes it.
   */
  bindSessionToPageLoad(sessionId: string, pageLoad: string): Promise<boolean>;

  /** Removes sessions whose `expiresAt` is before `before`; returns how many. */
  deleteExpired(before: number): Promise<number>;

  getOrder(merchantId: string, orderId: string): Promise<StoredOrder | undefined>;

  /**
   * Writes the order only if its stored revision is still `expectedRevision`, or, with `undefined`, only if
   * no order has this (merchantId, orderId) yet (one atomic compare-and-set). Returns false otherwise.
   */
  saveOrder(next: StoredOrder, expectedRevision: number | undefined): Promise<boolean>;

  /**
   * Takes the order's lease for an operation, unless another operation holds a lease that has not expired at
   * `now`: creates the order (without a document) if there is none, else moves its revision on by one. Moves
   * the rate counters given, only when the lease is taken, in the same atomic step. Answers the order as leased
   * (its new revision), or undefined when the lease is held. One statement on SQL.
   */
  leaseOrder(lease: OrderLease): Promise<{ order: StoredOrder; counters: RateCounterState[] } | undefined>;

  /**
   * What ends an operation, in one atomic step: writes the order (its lease released) only if its stored
   * revision is still `expectedRevision`, fills the transaction's slot with the response (as
   * `completeTransaction`) and moves the rate counters given. Undefined when the revision had moved (nothing
   * written); else the counters as they now stand. One statement on SQL.
   */
  recordOperation(record: OperationRecord): Promise<RateCounterState[] | undefined>;

  /**
   * Atomically claims the slot for `fingerprint` unless the transaction id has one: answers undefined when
   * this caller now owns it, or the slot another request holds (filled or still in progress).
   */
  claimTransaction(key: TransactionKey, fingerprint: string): Promise<TransactionSlot | undefined>;

  /** Fills the slot with the response; only the claim with this fingerprint may. */
  completeTransaction(
    key: TransactionKey,
    fingerprint: string,
    response: TransactionResponseBody,
  ): Promise<void>;

  /** Frees an unfilled slot of this fingerprint (the request was refused before it moved money). */
  releaseTransaction(key: TransactionKey, fingerprint: string): Promise<void>;

  /**
   * Atomically claims the key unless it holds a live record: answers undefined when this caller now owns it
   * (no record, or one expired at `now`, or an unanswered one whose claim lapsed), else the record as it is.
   */
  claimIdempotencyKey(
    scope: IdempotencyScope,
    claim: IdempotencyClaim,
    now: number,
  ): Promise<IdempotencyRecord | undefined>;

  /** Fills the key's record with the response; only an unanswered claim with this fingerprint may. */
  completeIdempotencyKey(
    scope: IdempotencyScope,
    fingerprint: string,
    response: IdempotentResponse,
  ): Promise<void>;

  /** Frees an unanswered claim with this fingerprint (its request failed, so a retry runs it again). */
  releaseIdempotencyKey(scope: IdempotencyScope, fingerprint: string): Promise<void>;

  /** Removes key records whose `expiresAt` is before `before`; returns how many. */
  deleteExpiredIdempotencyKeys(before: number): Promise<number>;

  /** Inserts a new token; rejects if the token exists. */
  createToken(record: TokenRecord): Promise<void>;

  getToken(merchantId: string, token: string): Promise<TokenRecord | undefined>;

  /** Replaces an existing token of the same merchant; false when there is none. */
  replaceToken(record: TokenRecord): Promise<boolean>;

  /** False when the merchant has no such token. */
  deleteToken(merchantId: string, token: string): Promise<boolean>;

  /** Inserts a new 3-D Secure authentication; rejects if its id or transaction id exists. */
  createAuthentication(record: AuthenticationRecord): Promise<void>;

  getAuthentication(id: string): Promise<AuthenticationRecord | undefined>;

  /** By its 3DS Server Transaction ID, which the browser messages of the 3DS Method and the challenge carry. */
  findAuthentication(transactionId: string): Promise<AuthenticationRecord | undefined>;

  /** The merchant's 3-D Secure 1 authentication with this 3DSecureId (at most one: `createAuthentication` refuses a second). */
  findThreeDSecureIdAuthentication(
    merchantId: string,
    threeDSecureId: string,
  ): Promise<AuthenticationRecord | undefined>;

  /** The merchant's authentications named by transactions of this order (`orderTransaction`), oldest first. */
  listOrderAuthentications(merchantId: string, orderId: string): Promise<AuthenticationRecord[]>;

  /**
   * Replaces the authentication only if its stored revision is still `expectedRevision` (one atomic
   * compare-and-set). `use` is never written here: only `useAuthentication` and `releaseAuthentication` move it.
   */
  replaceAuthentication(next: AuthenticationRecord, expectedRevision: number): Promise<boolean>;

  /**
   * Atomically marks the authentication used by one payment, unless another payment holds it (the same
   * payment again is 'ok', so a retried request gets through). Moves the revision.
   */
  useAuthentication(id: string, use: AuthenticationUse): Promise<AuthenticationUseOutcome>;

  /** Frees the authentication if `use` holds it (its payment was refused before the processor was asked). */
  releaseAuthentication(id: string, use: AuthenticationUse): Promise<void>;

  /** Removes authentications whose `expiresAt` is before `before`; returns how many. */
  deleteExpiredAuthentications(before: number): Promise<number>;

  /**
   * Moves each counter to `windowStart` (the count of the window just before becomes `previous`; anything
   * older is forgotten) and adds `add`, atomically per counter; answers the counters as they now stand, in the
   * order given. A counter with `add` 0 is only read: one that does not exist is answered as zero and not
   * created. At most one update per counter in one call. One statement on SQL: it runs on every request.
   */
  countRates(updates: readonly RateCounterUpdate[]): Promise<RateCounterState[]>;

  /** Removes counters whose latest window ended a whole window before `now`; returns how many. */
  deleteStaleRateCounters(now: number): Promise<number>;

  /**
   * Card envelopes of every table that holds them (sessions' PAN and CSC, tokens' PAN, and any later one), in
   * a stable (column, owner) order, for re-sealing in batches.
   */
  listEnvelopes(query: EnvelopeQuery): Promise<StoredEnvelope[]>;

  /**
   * Replaces the envelope only if the row still holds exactly `expected.envelope` (one compare-and-set), so a
   * concurrent write (a CSC deleted by a payment, a new card) always wins. False when it did not apply.
   */
  replaceEnvelope(expected: StoredEnvelope, next: string): Promise<boolean>;

  close(): Promise<void>;
}
