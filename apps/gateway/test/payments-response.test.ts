import { describe, expect, it } from 'vitest';
import {
  buildOrderResponse,
  buildTransactionResponse,
  maskCard,
  planOperation,
  recordOperation,
  type OperationRequest,
  type Order,
  type Transaction,
} from '../src/domain/orders/index.ts';
import type { ProcessorCard, ProcessorResponse } from '../src/processor/index.ts';

const MERCHANT = 'TESTMERCHANT';
const T0 = new Date('2026-11-22T06:00:00.000Z');
const T1 = new Date('2026-11-22T06:10:00.000Z');
const CARD: ProcessorCard = {
  number: '5123450000000008',
  expiry: { month: '01', year: '2039' },
  nameOnCard: 'Jane Payer',
};

const approved = (receipt: string, extra: Partial<ProcessorResponse> = {}): ProcessorResponse => ({
  gatewayCode: 'APPROVED',
  acquirerCode: '00',
  receipt,
  ...extra,
});

function apply(order: Order | undefined, request: OperationRequest, response: ProcessorResponse, now = T0) {
  const plan = planOperation(order, request);
  return recordOperation(order, plan, response, { merchantId: MERCHANT, orderId: 'order-1', now });
}

function paid(amount: string, currency: string) {
  return apply(
    undefined,
    {
      apiOperation: 'PAY',
      transactionId: 'pay-1',
      order: { amount, currency },
      sourceOfFunds: { type: 'CARD', provided: { card: maskCard(CARD) } },
    },
    approved('000000000001', {
      authorizationCode: '123456',
      cardSecurityCode: { gatewayCode: 'MATCH', acquirerCode: 'M' },
    }),
  );
}

describe('buildTransactionResponse', () => {
  it('answers a PAY with Mastercard’s transaction body', () => {
    const { order, transaction } = paid('12.34', 'USD');
    expect(buildTransactionResponse(order, transaction, '100')).toEqual({
      merchant: MERCHANT,
      result: 'SUCCESS',
      response: {
        gatewayCode: 'APPROVED',
        acquirerCode: '00',
        cardSecurityCode: { gatewayCode: 'MATCH', acquirerCode: 'M' },
      },
      order: {
        id: 'order-1',
        amount: '12.34',
        currency: 'USD',
        status: 'CAPTURED',
        totalAuthorizedAmount: '12.34',
        totalCapturedAmount: '12.34',
        totalRefundedAmount: '0.00',
        creationTime: '2026-11-22T06:00:00.000Z',
        lastUpdatedTime: '2026-11-22T06:00:00.000Z',
      },
      transaction: {
        id: 'pay-1',
        type: 'PAYMENT',
        amount: '12.34',
        currency: 'USD',
        authorizationCode: '123456',
        receipt: '000000000001',
      },
      sourceOfFunds: {
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
      },
      timeOfRecord: '2026-11-22T06:00:00.000Z',
      version: '100',
    });
  });

  it.each([
    ['JPY', '1000', '1000', '0'],
    ['KWD', '1.5', '1.500', '0.000'],
    ['EUR', '7', '7.00', '0.00'],
  ])('formats %s amounts with the currency’s decimals', (currency, amount, formatted, zero) => {
    const { order, transaction } = paid(amount, currency);
    const body = buildTransactionResponse(order, transaction, '100');
    expect(body.transaction.amount).toBe(formatted);
    expect(body.order.amount).toBe(formatted);
    expect(body.order.totalRefundedAmount).toBe(zero);
  });

  it('answers a decline with FAILURE, no approval code and no CSC result when none was checked', () => {
    const { order, transaction } = apply(
      undefined,
      {
        apiOperation: 'AUTHORIZE',
        transactionId: 'a-1',
        order: { amount: '5.00', currency: 'USD' },
        sourceOfFunds: { type: 'CARD', provided: { card: maskCard(CARD) } },
      },
      { gatewayCode: 'DECLINED', acquirerCode: '05', receipt: '000000000009' },
    );
    const body = buildTransactionResponse(order, transaction, '99');
    expect(body.result).toBe('FAILURE');
    expect(body.response).toEqual({ gatewayCode: 'DECLINED', acquirerCode: '05' });
    expect(body.transaction).not.toHaveProperty('authorizationCode');
    expect(body.order.status).toBe('FAILED');
    expect(body.order.totalAuthorizedAmount).toBe('0.00');
    expect(body.version).toBe('99');
  });

  it('shows a follow-up with its target and the card it acts on', () => {
    const auth = apply(
      undefined,
      {
        apiOperation: 'AUTHORIZE',
        transactionId: 'a-1',
        order: { amount: '10.00', currency: 'USD' },
        sourceOfFunds: { type: 'CARD', provided: { card: maskCard(CARD) } },
      },
      approved('000000000001', { authorizationCode: '654321' }),
    );
    const captured = apply(
      auth.order,
      { apiOperation: 'CAPTURE', transactionId: 'c-1', transaction: { amount: '4.00', currency: 'USD' } },
      approved('000000000002', { authorizationCode: '654321' }),
      T1,
    );
    const body = buildTransactionResponse(captured.order, captured.transaction, '100');
    expect(body.transaction).toEqual({
      id: 'c-1',
      type: 'CAPTURE',
      amount: '4.00',
      currency: 'USD',
      authorizationCode: '654321',
      receipt: '000000000002',
      targetTransactionId: 'a-1',
    });
    expect(body.order).toMatchObject({
      status: 'PARTIALLY_CAPTURED',
      totalAuthorizedAmount: '10.00',
      totalCapturedAmount: '4.00',
      lastUpdatedTime: T1.toISOString(),
      creationTime: T0.toISOString(),
    });
    expect(body.sourceOfFunds?.type === 'CARD' && body.sourceOfFunds.provided.card.number).toBe(
      '512345xxxxxx0008',
    );
    expect(body.timeOfRecord).toBe(T1.toISOString());
  });
});

describe('buildOrderResponse', () => {
  function history(): { order: Order; transactions: Transaction[] } {
    const first = paid('10.00', 'USD');
    const refunded = apply(
      first.order,
      { apiOperation: 'REFUND', transactionId: 'r-1', transaction: { amount: '2.50', currency: 'USD' } },
      approved('000000000003'),
      T1,
    );
    return { order: refunded.order, transactions: [first.transaction, refunded.transaction] };
  }

  it('lists the order at the top and every transaction as its own response, against the current order', () => {
    const { order } = history();
    const body = buildOrderResponse(order, '100');
    expect(body).toMatchObject({
      merchant: MERCHANT,
      result: 'SUCCESS',
      id: 'order-1',
      amount: '10.00',
      currency: 'USD',
      status: 'PARTIALLY_REFUNDED',
      totalAuthorizedAmount: '10.00',
      totalCapturedAmount: '10.00',
      totalRefundedAmount: '2.50',
      sourceOfFunds: { type: 'CARD', provided: { card: { number: '512345xxxxxx0008' } } },
    });
    expect(body.transaction.map((t) => [t.transaction.id, t.transaction.type, t.transaction.amount])).toEqual(
      [
        ['pay-1', 'PAYMENT', '10.00'],
        ['r-1', 'REFUND', '2.50'],
      ],
    );
    for (const t of body.transaction) expect(t.order.status).toBe('PARTIALLY_REFUNDED');
  });

  it('is plain JSON (no bigint) and carries no clear card data', () => {
    const { order } = history();
    const text = JSON.stringify(buildOrderResponse(order, '100'));
    expect(JSON.parse(text)).toEqual(buildOrderResponse(order, '100'));
    expect(text).not.toContain('5123450000000008');
    expect(text).not.toContain('securityCode');
  });
});
