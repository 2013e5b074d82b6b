import type { TransactionResponseBody } from '../domain/orders/index.ts';
import type { AuthenticationRecord, AuthenticationUse } from '../domain/threeds/model.ts';
import type {
  AuthenticationAttempt,
  AuthenticationResult,
  AuthenticationUseOutcome,
  EnvelopeQuery,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  IdempotentResponse,
  OperationRecord,
  OrderLease,
  RateCounterState,
  RateCounterUpdate,
  SessionRecord,
  Store,
  StoredEnvelope,
  StoredOrder,
  TokenRecord,
  TransactionKey,
  TransactionSlot,
} from './store.ts';

/**
 * The embedded store. Every method does its whole read-check-write without awaiting, so each is atomic under
 * Node's single thread, which is what the Store contract asks of a real database.
 */
export class MemoryStore implements Store {
  private readonly sessions = new Map<string, SessionRecord>();
  /** The page load each bound session is bound to. */
  private readonly pageLoads = new Map<string, string>();
  private readonly orders = new Map<string, StoredOrder>();
  private readonly slots = new Map<string, TransactionSlot>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly idempotencyKeys = new Map<string, IdempotencyRecord & IdempotencyClaim>();
  private readonly authentications = new Map<string, AuthenticationRecord>();
  private readonly rates = new Map<string, RateCounterState & { expiresAt: number }>();

  /** Every envelope field, in the order `listEnvelopes` walks them (the SQL store's order too). */
  private readonly envelopeFields: ReadonlyArray<{
    column: string;
    records: Map<string, EnvelopeHolder>;
    field: EnvelopeField;
  }> = [
    { column: 'sessions.pan_envelope', records: this.sessions, field: 'panEnvelope' },
    { column: 'sessions.csc_envelope', records: this.sessions, field: 'cscEnvelope' },
    { column: 'sessions.gift_card_number_envelope', records: this.sessions, field: 'giftCardNumberEnvelope' },
    { column: 'sessions.gift_card_pin_envelope', records: this.sessions, field: 'giftCardPinEnvelope' },
    { column: 'sessions.bank_account_envelope', records: this.sessions, field: 'bankAccountEnvelope' },
    { column: 'tokens.pan_envelope', records: this.tokens, field: 'panEnvelope' },
    { column: 'authentications.pan_envelope', records: this.authentications, field: 'panEnvelope' },
  ];

  async createSession(record: SessionRecord): Promise<void> {
    if (this.sessions.has(record.id)) throw new Error('Session id already exists.');
    this.sessions.set(record.id, structuredClone(record));
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const record = this.sessions.get(id);
    return record && structuredClone(record);
  }

  async replaceSession(next: SessionRecord, expectedVersion: string): Promise<boolean> {
    const current = this.sessions.get(next.id);
    if (!current || current.version !== expectedVersion) return false;
    this.sessions.set(next.id, {
      ...structuredClone(next),
      authenticationCount: current.authenticationCount,
    });
    return true;
  }

  async consumeAuthentication(attempt: AuthenticationAttempt): Promise<AuthenticationResult> {
    const record = this.sessions.get(attempt.sessionId);
    if (!record || record.merchantId !== attempt.merchantId) return { outcome: 'not-found' };
    if (record.expiresAt <= attempt.now) return { outcome: 'expired' };
    if (record.apiVersion !== attempt.apiVersion) return { outcome: 'other-version' };
    if (record.authenticationCount >= record.authenticationLimit) return { outcome: 'limit-exceeded' };
    record.authenticationCount += 1;
    return { outcome: 'ok', session: structuredClone(record), counters: this.count(attempt.count) };
  }

  async bindSessionToPageLoad(sessionId: string, pageLoad: string): Promise<boolean> {
    if (!this.sessions.has(sessionId)) return false;
    const bound = this.pageLoads.get(sessionId);
    if (bound === undefined) this.pageLoads.set(sessionId, pageLoad);
    return (bound ?? pageLoad) === pageLoad;
  }

  async deleteExpired(before: number): Promise<number> {
    let removed = 0;
    for (const [id, record] of this.sessions) {
      if (record.expiresAt < before) {
        this.sessions.delete(id);
        this.pageLoads.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async getOrder(merchantId: string, orderId: string): Promise<StoredOrder | undefined> {
    const stored = this.orders.get(compositeKey(merchantId, orderId));
    return stored && structuredClone(stored);
  }

  async saveOrder(next: StoredOrder, expectedRevision: number | undefined): Promise<boolean> {
    const key = compositeKey(next.merchantId, next.orderId);
    if (this.orders.get(key)?.revision !== expectedRevision) return false;
    this.orders.set(key, structuredClone(next));
    return true;
  }

  async leaseOrder(
    lease: OrderLease,
  ): Promise<{ order: StoredOrder; counters: RateCounterState[] } | undefined> {
    const key = compositeKey(lease.merchantId, lease.orderId);
    const current = this.orders.get(key);
    if (current?.lease && current.lease.expiresAt > lease.now) return undefined;
    const leased: StoredOrder = {
      merchantId: lease.merchantId,
      orderId: lease.orderId,
      revision: (current?.revision ?? 0) + 1,
      ...(current?.order ? { order: current.order } : {}),
      lease: { transactionId: lease.transactionId, expiresAt: lease.expiresAt },
    };
    this.orders.set(key, leased);
    return { order: structuredClone(leased), counters: this.count(lease.count) };
  }

  async recordOperation(record: OperationRecord): Promise<RateCounterState[] | undefined> {
    const { order, expectedRevision, slot } = record;
    const key = compositeKey(order.merchantId, order.orderId);
    if (this.orders.get(key)?.revision !== expectedRevision) return undefined;
    this.orders.set(key, structuredClone(order));
    this.fillSlot(slot.key, slot.fingerprint, slot.response);
    return this.count(record.count);
  }

  async claimTransaction(key: TransactionKey, fingerprint: string): Promise<TransactionSlot | undefined> {
    const slotKey = transactionKey(key);
    const existing = this.slots.get(slotKey);
    if (existing) return structuredClone(existing);
    this.slots.set(slotKey, { fingerprint });
    return undefined;
  }

  async completeTransaction(
    key: TransactionKey,
    fingerprint: string,
    response: TransactionResponseBody,
  ): Promise<void> {
    this.fillSlot(key, fingerprint, response);
  }

  private fillSlot(key: TransactionKey, fingerprint: string, response: TransactionResponseBody): void {
    const slot = this.slots.get(transactionKey(key));
    if (slot?.fingerprint === fingerprint && slot.response === undefined) {
      slot.response = structuredClone(response);
    }
  }

  async releaseTransaction(key: TransactionKey, fingerprint: string): Promise<void> {
    const slotKey = transactionKey(key);
    const slot = this.slots.get(slotKey);
    if (slot?.fingerprint === fingerprint && slot.response === undefined) this.slots.delete(slotKey);
  }

  async claimIdempotencyKey(
    scope: IdempotencyScope,
    claim: IdempotencyClaim,
    now: number,
  ): Promise<IdempotencyRecord | undefined> {
    const id = idempotencyId(scope);
    const held = this.idempotencyKeys.get(id);
    const free = !held || held.expiresAt <= now || (!held.response && held.claimedUntil <= now);
    if (free) {
      this.idempotencyKeys.set(id, { ...claim });
      return undefined;
    }
    return structuredClone({
      fingerprint: held.fingerprint,
      ...(held.response ? { response: held.response } : {}),
    });
  }

  async completeIdempotencyKey(
    scope: IdempotencyScope,
    fingerprint: string,
    response: IdempotentResponse,
  ): Promise<void> {
    const held = this.idempotencyKeys.get(idempotencyId(scope));
    if (held && held.fingerprint === fingerprint && !held.response) held.response = structuredClone(response);
  }

  async releaseIdempotencyKey(scope: IdempotencyScope, fingerprint: string): Promise<void> {
    const id = idempotencyId(scope);
    const held = this.idempotencyKeys.get(id);
    if (held && held.fingerprint === fingerprint && !held.response) this.idempotencyKeys.delete(id);
  }

  async deleteExpiredIdempotencyKeys(before: number): Promise<number> {
    let deleted = 0;
    for (const [id, record] of this.idempotencyKeys) {
      if (record.expiresAt < before && this.idempotencyKeys.delete(id)) deleted++;
    }
    return deleted;
  }

  async createToken(record: TokenRecord): Promise<void> {
    if (this.tokens.has(record.token)) throw new Error('Token already exists.');
    this.tokens.set(record.token, structuredClone(record));
  }

  async getToken(merchantId: string, token: string): Promise<TokenRecord | undefined> {
    const record = this.tokens.get(token);
    return record?.merchantId === merchantId ? structuredClone(record) : undefined;
  }

  async replaceToken(record: TokenRecord): Promise<boolean> {
    if (this.tokens.get(record.token)?.merchantId !== record.merchantId) return false;
    this.tokens.set(record.token, structuredClone(record));
    return true;
  }

  async deleteToken(merchantId: string, token: string): Promise<boolean> {
    if (this.tokens.get(token)?.merchantId !== merchantId) return false;
    return this.tokens.delete(token);
  }

  async createAuthentication(record: AuthenticationRecord): Promise<void> {
    const sameThreeDSecureId =
      record.threeDSecureId !== undefined &&
      this.threeDSecureIdRecord(record.merchantId, record.threeDSecureId) !== undefined;
    if (
      this.authentications.has(record.id) ||
      this.byTransactionId(record.transactionId) ||
      sameThreeDSecureId
    ) {
      throw new Error('Authentication already exists.');
    }
    this.authentications.set(record.id, structuredClone(record));
  }

  async getAuthentication(id: string): Promise<AuthenticationRecord | undefined> {
    const record = this.authentications.get(id);
    return record && structuredClone(record);
  }

  async findAuthentication(transactionId: string): Promise<AuthenticationRecord | undefined> {
    const record = this.byTransactionId(transactionId);
    return record && structuredClone(record);
  }

  async findThreeDSecureIdAuthentication(
    merchantId: string,
    threeDSecureId: string,
  ): Promise<AuthenticationRecord | undefined> {
    const record = this.threeDSecureIdRecord(merchantId, threeDSecureId);
    return record && structuredClone(record);
  }

  async listOrderAuthentications(merchantId: string, orderId: string): Promise<AuthenticationRecord[]> {
    return [...this.authentications.values()]
      .filter((r) => r.merchantId === merchantId && r.orderTransaction?.orderId === orderId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((r) => structuredClone(r));
  }

  async replaceAuthentication(next: AuthenticationRecord, expectedRevision: number): Promise<boolean> {
    const current = this.authentications.get(next.id);
    if (!current || current.revision !== expectedRevision) return false;
    const { use: _ignored, ...rest } = structuredClone(next);
    this.authentications.set(next.id, { ...rest, ...(current.use ? { use: current.use } : {}) });
    return true;
  }

  async useAuthentication(id: string, use: AuthenticationUse): Promise<AuthenticationUseOutcome> {
    const record = this.authentications.get(id);
    if (!record) return 'not-found';
    if (record.use && !sameUse(record.use, use)) return 'used';
    record.use = { ...use };
    record.revision += 1;
    return 'ok';
  }

  async releaseAuthentication(id: string, use: AuthenticationUse): Promise<void> {
    const record = this.authentications.get(id);
    if (record?.use && sameUse(record.use, use)) {
      delete record.use;
      record.revision += 1;
    }
  }

  async deleteExpiredAuthentications(before: number): Promise<number> {
    let removed = 0;
    for (const [id, record] of this.authentications) {
      if (record.expiresAt < before) {
        this.authentications.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async countRates(updates: readonly RateCounterUpdate[]): Promise<RateCounterState[]> {
    return this.count(updates);
  }

  private count(updates: readonly RateCounterUpdate[] = []): RateCounterState[] {
    return updates.map(({ scope, subject, windowStart, windowMs, add }) => {
      const key = compositeKey(scope, subject);
      const stored = this.rates.get(key);
      if (add === 0) return stored ? counterState(stored) : { windowStart, current: 0, previous: 0 };
      const next =
        stored && stored.windowStart >= windowStart
          ? { ...stored, current: stored.current + add }
          : {
              windowStart,
              current: add,
              previous: stored?.windowStart === windowStart - windowMs ? stored.current : 0,
              expiresAt: windowStart + 2 * windowMs,
            };
      this.rates.set(key, next);
      return counterState(next);
    });
  }

  async deleteStaleRateCounters(now: number): Promise<number> {
    let removed = 0;
    for (const [key, counter] of this.rates) {
      if (counter.expiresAt <= now) {
        this.rates.delete(key);
        removed++;
      }
    }
    return removed;
  }

  async listEnvelopes({ notPrefixedBy, after, limit }: EnvelopeQuery): Promise<StoredEnvelope[]> {
    const found: StoredEnvelope[] = [];
    const start = after ? this.envelopeFields.findIndex((f) => f.column === after.column) : 0;
    for (const { column, records, field } of this.envelopeFields.slice(start)) {
      const owners = [...records.keys()]
        .filter((owner) => column !== after?.column || owner > after.owner)
        .sort();
      for (const owner of owners) {
        const envelope = records.get(owner)![field];
        if (envelope === undefined || envelope.startsWith(notPrefixedBy)) continue;
        found.push({ column, owner, envelope });
        if (found.length === limit) return found;
      }
    }
    return found;
  }

  async replaceEnvelope(expected: StoredEnvelope, next: string): Promise<boolean> {
    const holder = this.envelopeFields.find((f) => f.column === expected.column);
    const record = holder?.records.get(expected.owner);
    if (!holder || !record || record[holder.field] !== expected.envelope) return false;
    record[holder.field] = next;
    return true;
  }

  async close(): Promise<void> {
    this.rates.clear();
    this.sessions.clear();
    this.pageLoads.clear();
    this.orders.clear();
    this.slots.clear();
    this.tokens.clear();
    this.authentications.clear();
  }

  private threeDSecureIdRecord(merchantId: string, threeDSecureId: string): AuthenticationRecord | undefined {
    for (const record of this.authentications.values()) {
      if (record.merchantId === merchantId && record.threeDSecureId === threeDSecureId) return record;
    }
    return undefined;
  }

  private byTransactionId(transactionId: string): AuthenticationRecord | undefined {
    for (const record of this.authentications.values()) {
      if (record.transactionId === transactionId) return record;
    }
    return undefined;
  }
}

type EnvelopeField =
  'panEnvelope' | 'cscEnvelope' | 'giftCardNumberEnvelope' | 'giftCardPinEnvelope' | 'bankAccountEnvelope';
type EnvelopeHolder = Partial<Record<EnvelopeField, string>>;

function counterState({ windowStart, current, previous }: RateCounterState): RateCounterState {
  return { windowStart, current, previous };
}

// NUL cannot occur in a merchant, order or transaction id, so joined keys never collide.
function compositeKey(...parts: string[]): string {
  return parts.join('\u0000');
}

function sameUse(a: AuthenticationUse, b: AuthenticationUse): boolean {
  return a.orderId === b.orderId && a.transactionId === b.transactionId;
}

function transactionKey({ merchantId, orderId, transactionId }: TransactionKey): string {
  return compositeKey(merchantId, orderId, transactionId);
}

function idempotencyId({ merchantId, key }: IdempotencyScope): string {
  return compositeKey(merchantId, key);
}
