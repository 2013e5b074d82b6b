import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import {
  AUTH,
  REST,
  TEST_CARD,
  cardSession,
  createSession,
  getOrder,
  putTransaction,
  testApp,
} from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

let sequence = 0;
const newId = (prefix: string) => `${prefix}-${++sequence}`;

/** A PAY whose body is written as raw JSON text, so numbers arrive exactly as a client's JSON encoder wrote them. */
function payText(sessionId: string, order: string) {
  return `{"apiOperation":"PAY","session":{"id":"${sessionId}"},"sourceOfFunds":{"type":"CARD"},"order":${order}}`;
}

function putRaw(orderId: string, transactionId: string, body: string) {
  return app.inject({
    method: 'PUT',
    url: `${REST}/order/${orderId}/transaction/${transactionId}`,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    payload: body,
  });
}

describe('amounts as JSON numbers', () => {
  it.each([
    ['24.9', 'USD', '24.90'],
    ['25', 'USD', '25.00'],
    ['1e2', 'USD', '100.00'],
    ['0.5', 'USD', '0.50'],
    ['1000', 'JPY', '1000'],
    ['1.234', 'KWD', '1.234'],
    ['2.5E1', 'EUR', '25.00'],
  ])('order.amount %s %s is paid as %s', async (amount, currency, expected) => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const response = await putRaw(
      newId('order'),
      'pay',
      payText(sessionId, `{"amount":${amount},"currency":"${currency}"}`),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().order).toMatchObject({ amount: expected, totalCapturedAmount: expected });
    expect(response.json().transaction.amount).toBe(expected);
  });

  it.each([
    ['24.999', 'USD'],
    ['100.5', 'JPY'],
    ['1.2345', 'KWD'],
    ['24.999999999999999999', 'USD'],
    ['25.000000000000000001', 'USD'],
    ['1e-7', 'USD'],
    ['1e400', 'USD'],
    ['12345678901234567890', 'USD'],
    ['-5', 'USD'],
    ['0', 'USD'],
  ])(
    'order.amount %s %s is refused as order.amount INVALID, and nothing is paid',
    async (amount, currency) => {
      const store = new MemoryStore();
      app = await testApp({ store });
      const sessionId = await cardSession(app);
      const orderId = newId('order');
      const response = await putRaw(
        orderId,
        'pay',
        payText(sessionId, `{"amount":${amount},"currency":"${currency}"}`),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: 'order.amount', validationType: 'INVALID' });
      expect((await getOrder(app, orderId)).statusCode).toBe(404);
      expect((await store.getSession(sessionId))!.cscEnvelope).toBeDefined();
    },
  );

  it('takes numbers for capture and refund amounts, and refuses them past the currency’s decimals', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const orderId = newId('order');
    await putTransaction(app, orderId, 'auth', {
      apiOperation: 'AUTHORIZE',
      order: { amount: 30, currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    });
    const capture = await putTransaction(app, orderId, 'cap', {
      apiOperation: 'CAPTURE',
      transaction: { amount: 20.1, currency: 'USD' },
    });
    expect(capture.json().transaction.amount).toBe('20.10');
    const refund = await putTransaction(app, orderId, 'ref', {
      apiOperation: 'REFUND',
      transaction: { amount: 5, currency: 'USD' },
    });
    expect(refund.json().order.totalRefundedAmount).toBe('5.00');
    const tooPrecise = await putTransaction(app, orderId, 'ref-2', {
      apiOperation: 'REFUND',
      transaction: { amount: 0.001, currency: 'USD' },
    });
    expect(tooPrecise.json().error).toMatchObject({ field: 'transaction.amount', validationType: 'INVALID' });
  });

  it('keeps a session’s numeric amount as decimal text and pays it', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const updated = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
      payload: { order: { amount: 24.9, currency: 'USD' } },
    });
    expect(updated.json().order).toEqual({ amount: '24.9', currency: 'USD' });
    const withCard = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
      payload: { sourceOfFunds: { provided: { card: TEST_CARD } } },
    });
    expect(withCard.statusCode).toBe(200);
    const paid = await putTransaction(app, newId('order'), 'pay', {
      apiOperation: 'PAY',
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(paid.json().order.amount).toBe('24.90');
  });

  it.each([
    [{ amount: 24.999, currency: 'USD' }, 'order.amount'],
    [{ amount: 100.5, currency: 'JPY' }, 'order.amount'],
    [{ amount: 1.0001 }, 'order.amount'],
    [{ itemAmount: 5.555, currency: 'USD' }, 'order.itemAmount'],
    [{ currency: 'USD', item: [{ name: 'Mug', quantity: 1, unitPrice: 4.005 }] }, 'order.item.0.unitPrice'],
  ])('Update Session refuses %j as %s INVALID', async (order, field) => {
    app = await testApp();
    const sessionId = await createSession(app);
    const response = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
      payload: { order },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field, validationType: 'INVALID' });
  });
});
