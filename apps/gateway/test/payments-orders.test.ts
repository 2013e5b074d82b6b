import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  executePlan,
  maskCard,
  planOperation,
  recordOperation,
  totalsOf,
  type OperationRequest,
  type Order,
  type Transaction,
  type TransactionFunds,
} from '../src/domain/orders/index.ts';
import { GatewayError } from '../src/domain/errors.ts';
import { SimulatorProcessor, type ProcessorCard, type ProcessorResponse } from '../src/processor/index.ts';

const MERCHANT = 'TESTMERCHANT';
const ORDER_ID = 'order-1';
const NOW = new Date('2026-11-22T06:00:00.000Z');
const LATER = new Date('2026-11-22T06:05:00.000Z');

const MASTERCARD = '5123450000000008';
const APPROVE: ProcessorCard = {
  number: MASTERCARD,
  expiry: { month: '1', year: '39' },
  securityCode: '100',
};
const DECLINE: ProcessorCard = {
  number: MASTERCARD,
  expiry: { month: '5', year: '39' },
  securityCode: '100',
};

const processor = new SimulatorProcessor();
let sequence = 0;
const newId = () => `txn-${++sequence}`;

/** One operation end to end: plan (may refuse), processor, record. */
/** What a request carries when it pays with this card: the card masked, as a session keeps it. */
const cardFunds = (card: ProcessorCard): TransactionFunds => ({
  type: 'CARD',
  provided: { card: maskCard(card) },
});

async function run(
  order: Order | undefined,
  request: OperationRequest,
  card?: ProcessorCard,
  now: Date = NOW,
): Promise<{ order: Order; transaction: Transaction }> {
  const plan = planOperation(order, request);
  const funds = card && { type: 'CARD' as const, card };
  const response = await executePlan(processor, plan, { merchantId: MERCHANT, orderId: ORDER_ID }, funds);
  return recordOperation(order, plan, response, { merchantId: MERCHANT, orderId: ORDER_ID, now });
}

function fund(
  op: 'PAY' | 'AUTHORIZE',
  order: Order | undefined,
  amount: string,
  card = APPROVE,
  currency = 'USD',
) {
  const request: OperationRequest = {
    apiOperation: op,
    transactionId: newId(),
    order: { amount, currency },
    sourceOfFunds: cardFunds(card),
  };
  return run(order, request, card);
}

const authorize = (order: Order | undefined, amount: string, card = APPROVE, currency = 'USD') =>
  fund('AUTHORIZE', order, amount, card, currency);
const pay = (order: Order | undefined, amount: string, card = APPROVE, currency = 'USD') =>
  fund('PAY', order, amount, card, currency);
const verify = (order: Order | undefined, card = APPROVE, currency = 'USD') =>
  run(
    order,
    { apiOperation: 'VERIFY', transactionId: newId(), order: { currency }, sourceOfFunds: cardFunds(card) },
    card,
  );
const capture = (order: Order, amount: string, currency = 'USD') =>
  run(
    order,
    { apiOperation: 'CAPTURE', transactionId: newId(), transaction: { amount, currency } },
    undefined,
    LATER,
  );
const refund = (order: Order, amount: string, currency = 'USD') =>
  run(
    order,
    { apiOperation: 'REFUND', transactionId: newId(), transaction: { amount, currency } },
    undefined,
    LATER,
  );
const voidOf = (order: Order, targetTransactionId: string) =>
  run(
    order,
    { apiOperation: 'VOID', transactionId: newId(), transaction: { targetTransactionId } },
    undefined,
    LATER,
  );

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A refusal from the gateway's catalogue; field-level ones name the field. */
type Refusal = GatewayError & { field?: string; explanation?: string };

/** Asserts the request is refused with a GatewayError and that the order is exactly as it was. */
function refusal(order: Order | undefined, request: OperationRequest): Refusal {
  const before = structuredClone(order);
  if (order) deepFreeze(order);
  try {
    planOperation(order, request);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect(order).toEqual(before);
    return error as Refusal;
  }
  throw new Error('expected the request to be refused');
}

function totals(order: Order) {
  return [order.status, order.totalAuthorizedAmount, order.totalCapturedAmount, order.totalRefundedAmount];
}

describe('first operation on a new order', () => {
  it('AUTHORIZE approved → AUTHORIZED, authorized total set, nothing captured', async () => {
    const { order, transaction } = await authorize(undefined, '12.34');
    expect(order).toMatchObject({
      id: ORDER_ID,
      merchantId: MERCHANT,
      currency: 'USD',
      amount: 1234n,
      creationTime: NOW.toISOString(),
      lastUpdatedTime: NOW.toISOString(),
    });
    expect(totals(order)).toEqual(['AUTHORIZED', 1234n, 0n, 0n]);
    expect(transaction).toMatchObject({
      type: 'AUTHORIZATION',
      amount: 1234n,
      currency: 'USD',
      result: 'SUCCESS',
      gatewayCode: 'APPROVED',
      acquirerCode: '00',
      timeOfRecord: NOW.toISOString(),
      cardSecurityCode: { gatewayCode: 'MATCH', acquirerCode: 'M' },
    });
    expect(transaction.authorizationCode).toMatch(/^\d{6}$/);
    expect(transaction.receipt).toMatch(/^\d{12}$/);
    expect(order.transactions).toEqual([transaction]);
  });

  it('PAY approved → CAPTURED, authorized and captured at once', async () => {
    const { order, transaction } = await pay(undefined, '5.00');
    expect(totals(order)).toEqual(['CAPTURED', 500n, 500n, 0n]);
    expect(transaction.type).toBe('PAYMENT');
  });

  it('VERIFY approved → VERIFIED with no money', async () => {
    const { order, transaction } = await verify(undefined);
    expect(totals(order)).toEqual(['VERIFIED', 0n, 0n, 0n]);
    expect(order.amount).toBe(0n);
    expect(transaction).toMatchObject({ type: 'VERIFICATION', amount: 0n, result: 'SUCCESS' });
  });

  it.each(['AUTHORIZE', 'PAY'] as const)('%s declined → FAILED, recorded, no money', async (op) => {
    const { order, transaction } = await fund(op, undefined, '10.00', DECLINE);
    expect(totals(order)).toEqual(['FAILED', 0n, 0n, 0n]);
    expect(transaction).toMatchObject({ result: 'FAILURE', gatewayCode: 'DECLINED', acquirerCode: '05' });
    expect(transaction).not.toHaveProperty('authorizationCode');
  });

  it.each([
    ['4', '27', 'EXPIRED_CARD', 'FAILURE'],
    ['8', '28', 'TIMED_OUT', 'FAILURE'],
    ['5', '37', 'UNKNOWN', 'UNKNOWN'],
  ])(
    'AUTHORIZE with expiry %s/%s → FAILED order, %s transaction',
    async (month, year, gatewayCode, result) => {
      const card = { number: MASTERCARD, expiry: { month, year } };
      const { order, transaction } = await authorize(undefined, '1.00', card);
      expect(order.status).toBe('FAILED');
      expect(transaction).toMatchObject({ gatewayCode, result });
    },
  );

  it('VERIFY declined → FAILED', async () => {
    const { order } = await verify(undefined, DECLINE);
    expect(order.status).toBe('FAILED');
  });

  it('keeps only the masked card, never the number or CSC', async () => {
    const { order } = await pay(undefined, '1.00', {
      ...APPROVE,
      securityCode: '738',
      nameOnCard: 'Jane Payer',
    });
    const text = JSON.stringify(order, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(text).not.toContain(MASTERCARD);
    expect(text).not.toContain('738');
    expect(order.transactions[0]?.sourceOfFunds).toEqual({
      type: 'CARD',
      provided: {
        card: {
          brand: 'MASTERCARD',
          scheme: 'MASTERCARD',
          fundingMethod: 'UNKNOWN',
          number: '512345xxxxxx0008',
          expiry: { month: '1', year: '39' },
          nameOnCard: 'Jane Payer',
        },
      },
    });
  });

  it.each([
    ['JPY', '100', 100n],
    ['KWD', '1.234', 1234n],
  ])('takes amounts in the currency’s minor unit (%s %s)', async (currency, amount, minor) => {
    const { order } = await pay(undefined, amount, APPROVE, currency);
    expect(order.amount).toBe(minor);
    expect(order.currency).toBe(currency);
  });
});

describe('retries and later funding', () => {
  it('a new authorization after a decline funds the order, at the new amount', async () => {
    const failed = await authorize(undefined, '10.00', DECLINE);
    const { order } = await authorize(failed.order, '8.00');
    expect(totals(order)).toEqual(['AUTHORIZED', 800n, 0n, 0n]);
    expect(order.amount).toBe(800n);
    expect(order.transactions).toHaveLength(2);
    expect(order.creationTime).toBe(failed.order.creationTime);
  });

  it('a verified order can then be paid', async () => {
    const verified = await verify(undefined);
    const { order } = await pay(verified.order, '3.00');
    expect(totals(order)).toEqual(['CAPTURED', 300n, 300n, 0n]);
  });

  it('a declined authorization after a verification leaves the order FAILED', async () => {
    const verified = await verify(undefined);
    const { order } = await authorize(verified.order, '3.00', DECLINE);
    expect(order.status).toBe('FAILED');
  });

  it.each([
    ['AUTHORIZE', authorize],
    ['PAY', pay],
  ] as const)('refuses %s on an order that is already funded', async (op, first) => {
    const { order } = await first(undefined, '1.00');
    const error = refusal(order, {
      apiOperation: op,
      transactionId: newId(),
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    expect(error).toMatchObject({
      errorCause: 'INVALID_REQUEST',
      explanation: 'The order is already authorized or paid.',
    });
    expect(error.field).toBeUndefined();
  });

  it('refuses VERIFY on an order with money', async () => {
    const { order } = await authorize(undefined, '1.00');
    const error = refusal(order, {
      apiOperation: 'VERIFY',
      transactionId: newId(),
      order: { currency: 'USD' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    expect(error.explanation).toMatch(/without payments/);
  });

  it('refuses a retry in another currency than the order’s', async () => {
    const { order } = await authorize(undefined, '1.00', DECLINE);
    const error = refusal(order, {
      apiOperation: 'AUTHORIZE',
      transactionId: newId(),
      order: { amount: '1.00', currency: 'EUR' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    expect(error).toMatchObject({ field: 'order.currency', validationType: 'INVALID' });
  });

  it('refuses a transaction id the order already has', async () => {
    const { order, transaction } = await authorize(undefined, '1.00', DECLINE);
    const error = refusal(order, {
      apiOperation: 'AUTHORIZE',
      transactionId: transaction.id,
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    expect(error.explanation).toMatch(/already exists/);
  });
});

describe('request fields of card operations', () => {
  const base = { transactionId: 'txn-x', sourceOfFunds: cardFunds(APPROVE) };

  it.each(
    (
      [
        [{ ...base, apiOperation: 'PAY', order: { currency: 'USD' } }, 'order.amount', 'MISSING'],
        [{ ...base, apiOperation: 'PAY', order: { amount: '1.00' } }, 'order.currency', 'MISSING'],
        [{ ...base, apiOperation: 'AUTHORIZE' }, 'order.currency', 'MISSING'],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '1.00', currency: 'usd' } },
          'order.currency',
          'INVALID',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '1.00', currency: 'CLP' } },
          'order.currency',
          'UNSUPPORTED',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '1.001', currency: 'USD' } },
          'order.amount',
          'INVALID',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '100.5', currency: 'JPY' } },
          'order.amount',
          'INVALID',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '-1.00', currency: 'USD' } },
          'order.amount',
          'INVALID',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '0.00', currency: 'USD' } },
          'order.amount',
          'INVALID',
        ],
        [
          { ...base, apiOperation: 'PAY', order: { amount: '1e2', currency: 'USD' } },
          'order.amount',
          'INVALID',
        ],
        [{ ...base, apiOperation: 'VERIFY', order: {} }, 'order.currency', 'MISSING'],
        [
          { transactionId: 'txn-x', apiOperation: 'PAY', order: { amount: '1.00', currency: 'USD' } },
          'sourceOfFunds.provided.card.number',
          'MISSING',
        ],
        [
          { transactionId: 'txn-x', apiOperation: 'VERIFY', order: { currency: 'USD' } },
          'sourceOfFunds.provided.card.number',
          'MISSING',
        ],
        [
          {
            transactionId: 'txn-x',
            apiOperation: 'AUTHORIZE',
            order: { amount: '1.00', currency: 'USD' },
            sourceOfFunds: {
              type: 'CARD',
              provided: {
                card: {
                  brand: 'MASTERCARD',
                  scheme: 'MASTERCARD',
                  fundingMethod: 'UNKNOWN',
                  number: '512345xxxxxx0008',
                },
              },
            },
          },
          'sourceOfFunds.provided.card.expiry.month',
          'MISSING',
        ],
        [
          {
            transactionId: 'txn-x',
            apiOperation: 'AUTHORIZE',
            order: { amount: '1.00', currency: 'USD' },
            sourceOfFunds: {
              type: 'ACH',
              provided: {
                ach: {
                  accountType: 'CONSUMER_CHECKING',
                  bankAccountNumber: 'xxxxxx7800',
                  routingNumber: '011000015',
                },
              },
            },
          },
          'sourceOfFunds.type',
          'INVALID',
        ],
      ] as Array<[OperationRequest, string, string]>
    ).map(([r, f, v]) => [r.apiOperation, f, v, r] as const),
  )('refuses %s: %s %s', (_op, field, validationType, request) => {
    const error = refusal(undefined, request);
    expect(error).toMatchObject({ errorCause: 'INVALID_REQUEST', field, validationType });
  });

  it('accepts JPY 100 and KWD 1.234 but not JPY 100.5', () => {
    const pay = (amount: string, currency: string): OperationRequest => ({
      ...base,
      apiOperation: 'PAY',
      order: { amount, currency },
    });
    expect(planOperation(undefined, pay('100', 'JPY')).amount).toBe(100n);
    expect(planOperation(undefined, pay('1.234', 'KWD')).amount).toBe(1234n);
    expect(refusal(undefined, pay('100.5', 'JPY')).field).toBe('order.amount');
  });
});

describe('CAPTURE', () => {
  it('partial then the rest: PARTIALLY_CAPTURED → CAPTURED', async () => {
    const { order: authorized, transaction: auth } = await authorize(undefined, '10.00');
    const first = await capture(authorized, '4.00');
    expect(totals(first.order)).toEqual(['PARTIALLY_CAPTURED', 1000n, 400n, 0n]);
    expect(first.transaction).toMatchObject({ type: 'CAPTURE', amount: 400n, targetTransactionId: auth.id });
    expect(first.transaction.authorizationCode).toBe(auth.authorizationCode);
    expect(first.transaction.sourceOfFunds).toEqual(auth.sourceOfFunds);
    expect(first.order.lastUpdatedTime).toBe(LATER.toISOString());
    expect(first.order.creationTime).toBe(NOW.toISOString());
    const second = await capture(first.order, '6.00');
    expect(totals(second.order)).toEqual(['CAPTURED', 1000n, 1000n, 0n]);
  });

  it('the full amount at once → CAPTURED', async () => {
    const { order } = await authorize(undefined, '10.00');
    expect(totals((await capture(order, '10.00')).order)).toEqual(['CAPTURED', 1000n, 1000n, 0n]);
  });

  it('refuses more than the authorized amount not yet captured', async () => {
    const { order } = await authorize(undefined, '10.00');
    const request = (amount: string): OperationRequest => ({
      apiOperation: 'CAPTURE',
      transactionId: newId(),
      transaction: { amount, currency: 'USD' },
    });
    expect(refusal(order, request('10.01'))).toMatchObject({
      field: 'transaction.amount',
      validationType: 'INVALID',
    });
    const partly = await capture(order, '7.00');
    expect(refusal(partly.order, request('3.01')).explanation).toMatch(/exceeds the authorized amount/);
    expect((await capture(partly.order, '3.00')).order.status).toBe('CAPTURED');
  });

  it('refuses capture of a payment, of a failed or verified order, and of an unknown order', async () => {
    const request: OperationRequest = {
      apiOperation: 'CAPTURE',
      transactionId: newId(),
      transaction: { amount: '1.00', currency: 'USD' },
    };
    expect(refusal((await pay(undefined, '1.00')).order, request).explanation).toMatch(/captured already/);
    expect(refusal((await authorize(undefined, '1.00', DECLINE)).order, request).explanation).toMatch(
      /no authorization/,
    );
    expect(refusal((await verify(undefined)).order, request).explanation).toMatch(/no authorization/);
    expect(refusal(undefined, request).explanation).toMatch(/No order/);
  });

  it.each([
    [{}, 'transaction.currency', 'MISSING'],
    [{ currency: 'USD' }, 'transaction.amount', 'MISSING'],
    [{ amount: '1.00', currency: 'EUR' }, 'transaction.currency', 'INVALID'],
    [{ amount: '1.00', currency: 'XYZ' }, 'transaction.currency', 'UNSUPPORTED'],
    [{ amount: '0', currency: 'USD' }, 'transaction.amount', 'INVALID'],
    [{ amount: '1.005', currency: 'USD' }, 'transaction.amount', 'INVALID'],
  ])('refuses transaction %j: %s %s', async (transaction, field, validationType) => {
    const { order } = await authorize(undefined, '10.00');
    const error = refusal(order, { apiOperation: 'CAPTURE', transactionId: newId(), transaction });
    expect(error).toMatchObject({ field, validationType });
  });
});

describe('REFUND', () => {
  it('partial then the rest of a payment: PARTIALLY_REFUNDED → REFUNDED', async () => {
    const { order: paid, transaction: payment } = await pay(undefined, '10.00');
    const first = await refund(paid, '2.50');
    expect(totals(first.order)).toEqual(['PARTIALLY_REFUNDED', 1000n, 1000n, 250n]);
    expect(first.transaction).toMatchObject({
      type: 'REFUND',
      amount: 250n,
      targetTransactionId: payment.id,
    });
    const second = await refund(first.order, '7.50');
    expect(totals(second.order)).toEqual(['REFUNDED', 1000n, 1000n, 1000n]);
  });

  it('refunds only what was captured of a partly captured authorization', async () => {
    const { order } = await authorize(undefined, '10.00');
    const captured = await capture(order, '4.00');
    const refunded = await refund(captured.order, '4.00');
    expect(totals(refunded.order)).toEqual(['REFUNDED', 1000n, 400n, 400n]);
    const error = refusal(captured.order, {
      apiOperation: 'REFUND',
      transactionId: newId(),
      transaction: { amount: '4.01', currency: 'USD' },
    });
    expect(error).toMatchObject({ field: 'transaction.amount', validationType: 'INVALID' });
  });

  it('refuses more than the captured amount not yet refunded', async () => {
    const { order } = await pay(undefined, '10.00');
    const partly = await refund(order, '6.00');
    const error = refusal(partly.order, {
      apiOperation: 'REFUND',
      transactionId: newId(),
      transaction: { amount: '4.01', currency: 'USD' },
    });
    expect(error.explanation).toMatch(/exceeds the captured amount/);
  });

  it('refuses a refund when nothing was captured, and on unknown or failed orders', async () => {
    const request: OperationRequest = {
      apiOperation: 'REFUND',
      transactionId: newId(),
      transaction: { amount: '1.00', currency: 'USD' },
    };
    expect(refusal((await authorize(undefined, '5.00')).order, request).explanation).toMatch(
      /no captured amount/,
    );
    expect(refusal((await pay(undefined, '5.00', DECLINE)).order, request).explanation).toMatch(
      /no captured amount/,
    );
    expect(refusal(undefined, request).explanation).toMatch(/No order/);
  });

  it('refuses a refund in another currency', async () => {
    const { order } = await pay(undefined, '100', APPROVE, 'JPY');
    const error = refusal(order, {
      apiOperation: 'REFUND',
      transactionId: newId(),
      transaction: { amount: '1.00', currency: 'USD' },
    });
    expect(error).toMatchObject({ field: 'transaction.currency', validationType: 'INVALID' });
    expect((await refund(order, '40', 'JPY')).order.totalRefundedAmount).toBe(40n);
  });
});

describe('VOID', () => {
  it('of an authorization → CANCELLED, nothing authorized', async () => {
    const { order, transaction: auth } = await authorize(undefined, '10.00');
    const voided = await voidOf(order, auth.id);
    expect(totals(voided.order)).toEqual(['CANCELLED', 0n, 0n, 0n]);
    expect(voided.transaction).toMatchObject({
      type: 'VOID_AUTHORIZATION',
      amount: 1000n,
      currency: 'USD',
      targetTransactionId: auth.id,
      result: 'SUCCESS',
    });
  });

  it('of a payment → CANCELLED', async () => {
    const { order, transaction } = await pay(undefined, '10.00');
    const voided = await voidOf(order, transaction.id);
    expect(totals(voided.order)).toEqual(['CANCELLED', 0n, 0n, 0n]);
    expect(voided.transaction.type).toBe('VOID_PAYMENT');
  });

  it('of a capture reverses it: back to AUTHORIZED, and the amount can be captured again', async () => {
    const { order } = await authorize(undefined, '10.00');
    const captured = await capture(order, '10.00');
    const voided = await voidOf(captured.order, captured.transaction.id);
    expect(totals(voided.order)).toEqual(['AUTHORIZED', 1000n, 0n, 0n]);
    expect(voided.transaction.type).toBe('VOID_CAPTURE');
    expect(totals((await capture(voided.order, '10.00')).order)).toEqual(['CAPTURED', 1000n, 1000n, 0n]);
  });

  it('of one of two captures → PARTIALLY_CAPTURED', async () => {
    const { order } = await authorize(undefined, '10.00');
    const first = await capture(order, '4.00');
    const second = await capture(first.order, '6.00');
    const voided = await voidOf(second.order, first.transaction.id);
    expect(totals(voided.order)).toEqual(['PARTIALLY_CAPTURED', 1000n, 600n, 0n]);
  });

  it('of a refund restores the refunded amount', async () => {
    const { order } = await pay(undefined, '10.00');
    const refunded = await refund(order, '10.00');
    expect(refunded.order.status).toBe('REFUNDED');
    const voided = await voidOf(refunded.order, refunded.transaction.id);
    expect(totals(voided.order)).toEqual(['CAPTURED', 1000n, 1000n, 0n]);
    expect(voided.transaction.type).toBe('VOID_REFUND');
  });

  it('refuses voiding a transaction twice', async () => {
    const { order, transaction } = await authorize(undefined, '10.00');
    const voided = await voidOf(order, transaction.id);
    const error = refusal(voided.order, {
      apiOperation: 'VOID',
      transactionId: newId(),
      transaction: { targetTransactionId: transaction.id },
    });
    expect(error).toMatchObject({ field: 'transaction.targetTransactionId', validationType: 'INVALID' });
    expect(error.explanation).toMatch(/voided already/);
  });

  it('refuses voiding an authorization that has captures, and a capture or payment that has refunds', async () => {
    const { order, transaction: auth } = await authorize(undefined, '10.00');
    const captured = await capture(order, '5.00');
    const voidRequest = (targetTransactionId: string): OperationRequest => ({
      apiOperation: 'VOID',
      transactionId: newId(),
      transaction: { targetTransactionId },
    });
    expect(refusal(captured.order, voidRequest(auth.id)).explanation).toMatch(/void them first/);
    const refunded = await refund(captured.order, '1.00');
    expect(refusal(refunded.order, voidRequest(captured.transaction.id)).explanation).toMatch(
      /refunds; void them first/,
    );
    const paid = await pay(undefined, '3.00');
    const paidRefunded = await refund(paid.order, '1.00');
    expect(refusal(paidRefunded.order, voidRequest(paid.transaction.id)).explanation).toMatch(/refunds/);

    // Unwinding from the top works: refund, then capture, then the authorization.
    const a = await voidOf(refunded.order, refunded.transaction.id);
    const b = await voidOf(a.order, captured.transaction.id);
    const c = await voidOf(b.order, auth.id);
    expect(totals(c.order)).toEqual(['CANCELLED', 0n, 0n, 0n]);
  });

  it('refuses voiding a declined transaction, a verification, a void, or an unknown id', async () => {
    const declined = await authorize(undefined, '1.00', DECLINE);
    const voidRequest = (targetTransactionId: string): OperationRequest => ({
      apiOperation: 'VOID',
      transactionId: newId(),
      transaction: { targetTransactionId },
    });
    expect(refusal(declined.order, voidRequest(declined.transaction.id)).explanation).toMatch(/approved/);
    const verified = await verify(undefined);
    expect(refusal(verified.order, voidRequest(verified.transaction.id)).explanation).toMatch(
      /cannot be voided/,
    );
    const { order, transaction: payment } = await pay(undefined, '2.00');
    const refunded = await refund(order, '1.00');
    const voided = await voidOf(refunded.order, refunded.transaction.id);
    expect(refusal(voided.order, voidRequest(voided.transaction.id)).explanation).toMatch(/cannot be voided/);
    expect(refusal(voided.order, voidRequest('nope')).explanation).toMatch(/No transaction/);
    expect(refusal(voided.order, { apiOperation: 'VOID', transactionId: newId() })).toMatchObject({
      field: 'transaction.targetTransactionId',
      validationType: 'MISSING',
    });
    expect(refusal(undefined, voidRequest(payment.id)).explanation).toMatch(/No order/);
  });

  it('a cancelled order takes no further operation', async () => {
    const { order, transaction } = await authorize(undefined, '10.00');
    const { order: cancelled } = await voidOf(order, transaction.id);
    const sourceOfFunds = cardFunds(APPROVE);
    const requests: OperationRequest[] = [
      {
        apiOperation: 'AUTHORIZE',
        transactionId: newId(),
        order: { amount: '1.00', currency: 'USD' },
        sourceOfFunds,
      },
      {
        apiOperation: 'PAY',
        transactionId: newId(),
        order: { amount: '1.00', currency: 'USD' },
        sourceOfFunds,
      },
      { apiOperation: 'VERIFY', transactionId: newId(), order: { currency: 'USD' }, sourceOfFunds },
      { apiOperation: 'CAPTURE', transactionId: newId(), transaction: { amount: '1.00', currency: 'USD' } },
      { apiOperation: 'REFUND', transactionId: newId(), transaction: { amount: '1.00', currency: 'USD' } },
    ];
    for (const request of requests) refusal(cancelled, request);
  });
});

describe('declined follow-ups', () => {
  const declineFollowUps: ProcessorResponse = {
    gatewayCode: 'DECLINED',
    acquirerCode: '05',
    receipt: '000000000001',
  };

  it('are recorded but move no money and change no status', async () => {
    const { order } = await authorize(undefined, '10.00');
    const plan = planOperation(order, {
      apiOperation: 'CAPTURE',
      transactionId: 'cap-declined',
      transaction: { amount: '5.00', currency: 'USD' },
    });
    const next = recordOperation(order, plan, declineFollowUps, {
      merchantId: MERCHANT,
      orderId: ORDER_ID,
      now: LATER,
    });
    expect(totals(next.order)).toEqual(['AUTHORIZED', 1000n, 0n, 0n]);
    expect(next.transaction).toMatchObject({ type: 'CAPTURE', result: 'FAILURE' });

    const { transaction: auth } = await authorize(undefined, '1.00');
    const voidPlan = planOperation(next.order, {
      apiOperation: 'VOID',
      transactionId: 'void-declined',
      transaction: { targetTransactionId: next.order.transactions[0]?.id ?? auth.id },
    });
    const notVoided = recordOperation(next.order, voidPlan, declineFollowUps, {
      merchantId: MERCHANT,
      orderId: ORDER_ID,
      now: LATER,
    });
    expect(notVoided.order.status).toBe('AUTHORIZED');
    // The failed void did not use the target up: it can still be voided.
    expect(
      planOperation(notVoided.order, {
        apiOperation: 'VOID',
        transactionId: 'void-again',
        transaction: { targetTransactionId: notVoided.order.transactions[0]?.id ?? '' },
      }).type,
    ).toBe('VOID_AUTHORIZATION');
  });
});

describe('purity', () => {
  it('recordOperation returns a new order and leaves the (frozen) input untouched', async () => {
    const { order } = await authorize(undefined, '10.00');
    const before = structuredClone(order);
    deepFreeze(order);
    const plan = planOperation(order, {
      apiOperation: 'CAPTURE',
      transactionId: 'cap-1',
      transaction: { amount: '5.00', currency: 'USD' },
    });
    const next = recordOperation(
      order,
      plan,
      { gatewayCode: 'APPROVED', acquirerCode: '00', receipt: '1' },
      {
        merchantId: MERCHANT,
        orderId: ORDER_ID,
        now: LATER,
      },
    );
    expect(order).toEqual(before);
    expect(next.order).not.toBe(order);
    expect(next.order.transactions).toHaveLength(2);
    expect(order.transactions).toHaveLength(1);
  });

  it('executePlan refuses a card operation without the clear card', async () => {
    const plan = planOperation(undefined, {
      apiOperation: 'PAY',
      transactionId: 'p',
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    await expect(executePlan(processor, plan, { merchantId: MERCHANT, orderId: ORDER_ID })).rejects.toThrow(
      TypeError,
    );
  });

  it('refusal messages never carry card data', async () => {
    const { order } = await pay(undefined, '1.00');
    const error = refusal(order, {
      apiOperation: 'PAY',
      transactionId: newId(),
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: cardFunds(APPROVE),
    });
    expect(`${error.message} ${error.explanation} ${error.field ?? ''}`).not.toMatch(/5123|0008|xxxx/);
  });
});

type Step = { op: 'CAPTURE' | 'REFUND'; cents: number } | { op: 'VOID'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('CAPTURE' as const, 'REFUND' as const),
    cents: fc.integer({ min: 0, max: 1200 }),
  }),
  fc.record({ op: fc.constant('VOID' as const), pick: fc.nat() }),
);

function approvedResponse(n: number): ProcessorResponse {
  return { gatewayCode: 'APPROVED', acquirerCode: '00', receipt: String(n).padStart(12, '0') };
}

describe('properties over random operation sequences', () => {
  it('refunds never exceed captures, captures never exceed authorizations, totals match the ledger, refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { maxLength: 25 }), async (startWithPay, steps) => {
        let { order } = await (startWithPay ? pay : authorize)(undefined, '10.00');
        for (const [i, s] of steps.entries()) {
          const transactionId = `step-${i}`;
          const amount = (s.op === 'VOID' ? 0 : s.cents / 100).toFixed(2);
          const request: OperationRequest =
            s.op === 'VOID'
              ? {
                  apiOperation: 'VOID',
                  transactionId,
                  transaction: {
                    targetTransactionId: order.transactions[s.pick % order.transactions.length]?.id,
                  },
                }
              : { apiOperation: s.op, transactionId, transaction: { amount, currency: 'USD' } };
          const before = structuredClone(order);
          let plan;
          try {
            plan = planOperation(order, request);
          } catch (error) {
            expect(error).toBeInstanceOf(GatewayError);
            expect(order).toEqual(before);
            continue;
          }
          order = recordOperation(order, plan, approvedResponse(i), {
            merchantId: MERCHANT,
            orderId: ORDER_ID,
            now: LATER,
          }).order;

          const { totalAuthorizedAmount: a, totalCapturedAmount: c, totalRefundedAmount: r } = order;
          expect(0n <= r && r <= c && c <= a && a <= 1000n).toBe(true);
          expect(totalsOf(order.transactions)).toEqual({ authorized: a, captured: c, refunded: r });
          const expectedStatus =
            r > 0n
              ? r === c
                ? 'REFUNDED'
                : 'PARTIALLY_REFUNDED'
              : c > 0n
                ? c === a
                  ? 'CAPTURED'
                  : 'PARTIALLY_CAPTURED'
                : a > 0n
                  ? 'AUTHORIZED'
                  : 'CANCELLED';
          expect(order.status).toBe(expectedStatus);
        }
      }),
      { numRuns: 300 },
    );
  });
});
