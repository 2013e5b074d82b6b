import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionRequest } from '@hosted-session/rest';
import { CARD_DECLINE_CODES, type Processor, type ProcessorResponse } from '../processor/index.ts';
import type {
  RateCounterState,
  Store,
  StoredOrder,
  TransactionKey,
  TransactionSlot,
} from '../store/store.ts';
import { BinTable } from './bins/bin-table.ts';
import { FundsSources, type FundsOperationRequest, type FundsSource } from './funds-source.ts';
import { holdAuthentication, type HeldAuthentication } from './payment-authentication.ts';
import { ServerBusyError, UnknownOrderError, UnknownTransactionError } from './errors.ts';
import { mergeFields, toJsonObject } from './json-fields.ts';
import {
  buildOrderResponse,
  buildTransactionResponse,
  classifyResubmission,
  executePlan,
  invalidField,
  operationDetails,
  planOperation,
  recordOperation,
  requestFingerprint,
  transactionIdConflict,
  transactionInProgress,
  type OperationFields,
  type OperationRequest,
  type Order,
  type OrderResponseBody,
  type TransactionResponseBody,
} from './orders/index.ts';
import type { RateCount, RateLimiter } from './rate-limits.ts';
import type { SessionScope, SessionService } from './sessions.ts';
import type { AuthenticationService } from './threeds/index.ts';
import type { TokenService } from './tokens.ts';
import { parseRequest } from './validation.ts';

export interface PaymentServiceOptions {
  store: Store;
  processor: Processor;
  sessions: SessionService;
  tokens: TokenService;
  /** Funding method and issuer of cards a request carries; without it, funding is UNKNOWN. */
  bins?: BinTable;
  /** The 3-D Secure authentications a PAY or AUTHORIZE may carry. */
  authentications: AuthenticationService;
  /** HMAC key of the request fingerprints kept for idempotency. */
  fingerprintKey: Buffer;
  /** Fingerprint keys of retired vault keys, so a resubmission from before a key rotation is still recognised. */
  retiredFingerprintKeys?: readonly Buffer[];
  /** Card-testing limits: checked before a card reaches the processor, told of every decline. */
  limiter?: RateLimiter;
  /** Epoch milliseconds, for the records' times and lease expiry. */
  now?: () => number;
  /** How long a request waits for another holding its transaction id or its order before SERVER_BUSY. */
  waitMs?: number;
}

/** Past this a lease is taken to belong to a gateway that died mid-operation; far above any processor timeout. */
const LEASE_MS = 60_000;
const DEFAULT_WAIT_MS = 5_000;
const POLL_MS = 10;

export interface OrderIds {
  orderId: string;
  transactionId: string;
}

/**
 * Transaction operations on orders. Two guards keep money from moving twice:
 * - the transaction id's idempotency slot, claimed atomically before anything else, so an identical request
 *   (even one racing the first) gets the first response and a different one is refused;
 * - the order's lease, taken with a compare-and-set on its revision, so operations on one order are planned
 *   one at a time against totals no one else is changing.
 * A request refused before the processor is called frees both and leaves nothing behind.
 */
export class PaymentService {
  private readonly store: Store;
  private readonly processor: Processor;
  private readonly funds: FundsSources;
  private readonly authentications: AuthenticationService;
  private readonly fingerprintKey: Buffer;
  private readonly retiredFingerprintKeys: readonly Buffer[];
  private readonly limiter: RateLimiter | undefined;
  private readonly now: () => number;
  private readonly waitMs: number;

  constructor(options: PaymentServiceOptions) {
    this.store = options.store;
    this.processor = options.processor;
    this.authentications = options.authentications;
    this.fingerprintKey = options.fingerprintKey;
    this.retiredFingerprintKeys = options.retiredFingerprintKeys ?? [];
    this.limiter = options.limiter;
    this.now = options.now ?? Date.now;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.funds = new FundsSources(
      options.sessions,
      options.tokens,
      options.bins ?? new BinTable([]),
      this.now,
    );
  }

  async submit(scope: SessionScope, ids: OrderIds, body: unknown): Promise<TransactionResponseBody> {
    const request = parseRequest(TransactionRequest, body);
    const key: TransactionKey = { merchantId: scope.merchant.id, ...ids };
    const fingerprint = requestFingerprint(this.fingerprintKey, key, request);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const held = await this.store.claimTransaction(key, fingerprint);
      if (!held) return this.runClaimed(scope, key, fingerprint, request);
      const resubmission = this.classify(held, key, request, fingerprint);
      if (resubmission.kind === 'replay') return resubmission.response;
      if (resubmission.kind === 'conflict') throw transactionIdConflict();
      if (Date.now() >= deadline) throw transactionInProgress();
      await sleep(POLL_MS);
    }
  }

  /** As classifyResubmission, also recognising a request fingerprinted under a key retired since. */
  private classify(
    held: TransactionSlot,
    key: TransactionKey,
    request: TransactionRequest,
    fingerprint: string,
  ): ReturnType<typeof classifyResubmission<TransactionResponseBody>> {
    const resubmission = classifyResubmission(held, fingerprint);
    if (resubmission.kind !== 'conflict') return resubmission;
    for (const retiredKey of this.retiredFingerprintKeys) {
      const earlier = classifyResubmission(held, requestFingerprint(retiredKey, key, request));
      if (earlier.kind !== 'conflict') return earlier;
    }
    return resubmission;
  }

  async retrieveOrder(scope: SessionScope, orderId: string): Promise<OrderResponseBody> {
    return buildOrderResponse(await this.order(scope, orderId), scope.apiVersion);
  }

  async retrieveTransaction(scope: SessionScope, ids: OrderIds): Promise<TransactionResponseBody> {
    const order = await this.order(scope, ids.orderId);
    const transaction = order.transactions.find((t) => t.id === ids.transactionId);
    if (!transaction) throw new UnknownTransactionError();
    return buildTransactionResponse(order, transaction, scope.apiVersion);
  }

  private async order(scope: SessionScope, orderId: string): Promise<Order> {
    const order = (await this.store.getOrder(scope.merchant.id, orderId))?.order;
    if (!order) throw new UnknownOrderError();
    return order;
  }

  /** Refused before it moved money: the slot is freed. Recorded: the response fills it in the same write. */
  private async runClaimed(
    scope: SessionScope,
    key: TransactionKey,
    fingerprint: string,
    request: TransactionRequest,
  ): Promise<TransactionResponseBody> {
    try {
      return await this.execute(scope, key, fingerprint, request);
    } catch (error) {
      await this.store.releaseTransaction(key, fingerprint);
      throw error;
    }
  }

  private async execute(
    scope: SessionScope,
    key: TransactionKey,
    fingerprint: string,
    request: TransactionRequest,
  ): Promise<TransactionResponseBody> {
    const source = isFundsOperation(request) ? await this.funds.resolve(scope, request) : undefined;
    const fields = operationFields(request, key.orderId, source);
    // Counted with the lease, in one round trip; a refusal then frees the lease like any other.
    const counts =
      source?.cardNumber === undefined
        ? []
        : (this.limiter?.cardOperation(scope.merchant.id, source.cardNumber) ?? []);
    const { order: lease, counters } = await this.acquireLease(key, counts);
    let recorded = false;
    let held: HeldAuthentication | undefined;
    let asked = false;
    try {
      this.limiter?.enforce(counts, counters);
      const planned = planOperation(
        lease.order,
        operationRequest(request, fields, key.transactionId, source),
      );
      held =
        source && 'sourceOfFunds' in planned
          ? await holdAuthentication(this.authentications, fields, {
              merchantId: key.merchantId,
              use: { orderId: key.orderId, transactionId: key.transactionId },
              plan: planned,
              source,
            })
          : undefined;
      const plan = held ? { ...planned, authentication: held.result } : planned;
      const details = operationDetails(plan, fields);
      const funds = source && (await source.take());
      const ids = { merchantId: key.merchantId, orderId: key.orderId };
      asked = true;
      const answer = await executePlan(this.processor, plan, ids, funds);
      const { order, transaction } = recordOperation(lease.order, plan, answer, {
        ...ids,
        now: new Date(this.now()),
        details,
      });
      const body = buildTransactionResponse(order, transaction, scope.apiVersion);
      // Echoed, never stored with the order (Mastercard: it "does not persist in the gateway").
      const response =
        request.correlationId === undefined ? body : { correlationId: request.correlationId, ...body };
      const declines =
        source?.cardNumber !== undefined && isCardDecline(answer)
          ? (this.limiter?.decline(source.cardNumber) ?? [])
          : [];
      const states = await this.store.recordOperation({
        order: { ...ids, revision: lease.revision + 1, order },
        expectedRevision: lease.revision,
        slot: { key, fingerprint, response },
        count: declines.map((count) => count.update),
      });
      // Only a lease outlived by its operation can lose the order to another writer.
      if (!states) throw new Error('The order lease expired while its operation ran.');
      recorded = true;
      this.limiter?.observe(declines, states);
      return response;
    } finally {
      if (!recorded) await this.releaseLease(lease);
      // Once the processor was asked, the outcome may be unknown: the authentication stays with this payment
      // (a retry with the same ids takes it again).
      if (held && !asked) await held.release();
    }
  }

  private async acquireLease(
    { merchantId, orderId, transactionId }: TransactionKey,
    counts: readonly RateCount[],
  ): Promise<{ order: StoredOrder; counters: RateCounterState[] }> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const now = this.now();
      const leased = await this.store.leaseOrder({
        merchantId,
        orderId,
        transactionId,
        now,
        expiresAt: now + LEASE_MS,
        count: counts.map((count) => count.update),
      });
      if (leased) return leased;
      if (Date.now() >= deadline) {
        throw new ServerBusyError('Another operation on this order is in progress; retry.');
      }
      await sleep(POLL_MS);
    }
  }

  private async releaseLease({ lease: _released, ...leased }: StoredOrder): Promise<void> {
    await this.store.saveOrder({ ...leased, revision: leased.revision + 1 }, leased.revision);
  }
}

function isCardDecline(answer: ProcessorResponse): boolean {
  return CARD_DECLINE_CODES.has(answer.gatewayCode) || answer.cardSecurityCode?.gatewayCode === 'NO_MATCH';
}

function isFundsOperation(request: TransactionRequest): request is FundsOperationRequest {
  return (
    request.apiOperation === 'PAY' ||
    request.apiOperation === 'AUTHORIZE' ||
    request.apiOperation === 'VERIFY'
  );
}

/**
 * The request's fields over its session's, as one JSON view: Mastercard's rule that the request's values
 * override the session's. What it pays with and the session reference are the funds source's business, not this view's.
 */
function operationFields(
  request: TransactionRequest,
  orderId: string,
  source: FundsSource | undefined,
): OperationFields {
  const {
    apiOperation: _named,
    correlationId: _echoed,
    session: _source,
    sourceOfFunds: _funds,
    ...given
  } = request as { order?: { id?: string } } & Record<string, unknown>;
  // The URL names the order; a request that names another in its body is a mistake worth stopping.
  if (given.order?.id !== undefined && given.order.id !== orderId) {
    throw invalidField('order.id', 'order.id must be the order id in the URL.');
  }
  return mergeFields(source?.sessionFields ?? {}, toJsonObject(given)) as OperationFields;
}

// Both sources passed their schemas, so the amount and currency read here are text or numbers.
function operationRequest(
  request: TransactionRequest,
  fields: OperationFields,
  transactionId: string,
  source: FundsSource | undefined,
): OperationRequest {
  const order = fields.order as { amount?: string | number; currency?: string } | undefined;
  switch (request.apiOperation) {
    case 'PAY':
    case 'AUTHORIZE':
      return {
        apiOperation: request.apiOperation,
        transactionId,
        order: { amount: order?.amount, currency: order?.currency },
        sourceOfFunds: source?.preview,
      };
    case 'VERIFY':
      return {
        apiOperation: 'VERIFY',
        transactionId,
        order: { currency: order?.currency },
        sourceOfFunds: source?.preview,
      };
    case 'CAPTURE':
    case 'REFUND':
      return { apiOperation: request.apiOperation, transactionId, transaction: request.transaction };
    case 'VOID':
      return { apiOperation: 'VOID', transactionId, transaction: request.transaction };
  }
}
