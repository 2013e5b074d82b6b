import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_CSC_RESULTS, SIMULATOR_OUTCOMES } from '../src/processor/index.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import {
  AUTH,
  REST,
  TEST_CARD,
  browserPut,
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

function pay(sessionId: string, extra: object = {}) {
  return {
    apiOperation: 'PAY',
    order: { amount: '10.00', currency: 'USD' },
    session: { id: sessionId },
    sourceOfFunds: { type: 'CARD' },
    ...extra,
  };
}

function retrieveSession(sessionId: string) {
  return app.inject({ method: 'GET', url: `${REST}/session/${sessionId}`, headers: { authorization: AUTH } });
}

function expiryOf(row: { expiry: string }) {
  const [month, year] = row.expiry.split('/');
  return { month: String(Number(month)), year: year! };
}

describe('PAY with a session', () => {
  it('answers 201 with Mastercard’s transaction body, the card masked', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const orderId = newId('order');
    const response = await putTransaction(app, orderId, 'txn-1', pay(sessionId, { correlationId: 'c-17' }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      correlationId: 'c-17',
      merchant: 'TESTMERCHANT',
      result: 'SUCCESS',
      response: {
        gatewayCode: 'APPROVED',
        acquirerCode: '00',
        cardSecurityCode: { gatewayCode: 'MATCH', acquirerCode: 'M' },
      },
      order: {
        id: orderId,
        amount: '10.00',
        currency: 'USD',
        status: 'CAPTURED',
        totalAuthorizedAmount: '10.00',
        totalCapturedAmount: '10.00',
        totalRefundedAmount: '0.00',
      },
      transaction: { id: 'txn-1', type: 'PAYMENT', amount: '10.00', currency: 'USD' },
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: {
            brand: 'MASTERCARD',
            scheme: 'MASTERCARD',
            number: '512345xxxxxx0008',
            expiry: { month: '1', year: '39' },
            nameOnCard: 'Jane Payer',
          },
        },
      },
      version: '100',
    });
    expect(body.transaction.authorizationCode).toMatch(/^\d{6}$/);
    expect(body.transaction.receipt).toMatch(/^\d{12}$/);
    for (const time of [body.timeOfRecord, body.order.creationTime, body.order.lastUpdatedTime]) {
      expect(new Date(time).toISOString()).toBe(time);
    }
    expect(body.sourceOfFunds.provided.card).not.toHaveProperty('securityCode');
    expect(response.body).not.toContain(TEST_CARD.number);
  });

  it.each(SIMULATOR_OUTCOMES)('expiry $expiry answers $gatewayCode', async (row) => {
    app = await testApp();
    const sessionId = await cardSession(app, { ...TEST_CARD, expiry: expiryOf(row) });
    const response = await putTransaction(app, newId('order'), 'txn-1', pay(sessionId));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.result).toBe(row.result);
    expect(body.response.gatewayCode).toBe(row.gatewayCode);
    expect(body.response.acquirerCode).toBe(row.acquirerCode);
    expect(body.order.status).toBe(row.gatewayCode === 'APPROVED' ? 'CAPTURED' : 'FAILED');
    expect(body.order.totalCapturedAmount).toBe(row.gatewayCode === 'APPROVED' ? '10.00' : '0.00');
    expect(body.transaction.authorizationCode !== undefined).toBe(row.gatewayCode === 'APPROVED');
    expect(body.response.cardSecurityCode !== undefined).toBe(row.issuerAnswered);
  });

  it.each(SIMULATOR_CSC_RESULTS)('CSC $securityCode answers $gatewayCode', async (row) => {
    app = await testApp();
    const number = row.securityCode.length === 4 ? '371881634498004' : TEST_CARD.number;
    const sessionId = await cardSession(app, { ...TEST_CARD, number, securityCode: row.securityCode });
    const body = (await putTransaction(app, newId('order'), 'txn-1', pay(sessionId))).json();
    expect(body.response.gatewayCode).toBe('APPROVED');
    expect(body.response.cardSecurityCode).toEqual({
      gatewayCode: row.gatewayCode,
      acquirerCode: row.acquirerCode,
    });
  });

  it('deletes the session’s CSC at the first PAY, approved or declined, in the response and the store', async () => {
    for (const expiry of [
      { month: '1', year: '39' },
      { month: '5', year: '39' },
    ]) {
      const store = new MemoryStore();
      app = await testApp({ store });
      const sessionId = await cardSession(app, { ...TEST_CARD, expiry });
      expect((await store.getSession(sessionId))!.cscEnvelope).toBeDefined();

      const first = (await putTransaction(app, newId('order'), 'txn-1', pay(sessionId))).json();
      expect(first.response.cardSecurityCode.gatewayCode).toBe('MATCH');

      const stored = await store.getSession(sessionId);
      expect(stored!.cscEnvelope).toBeUndefined();
      expect(JSON.stringify(stored)).not.toContain('securityCode');
      const retrieved = (await retrieveSession(sessionId)).json();
      expect(retrieved.sourceOfFunds.provided.card).not.toHaveProperty('securityCode');
      expect(retrieved.sourceOfFunds.provided.card.number).toBe('512345xxxxxx0008');

      // The card stays usable, but nothing is left to check a CSC against.
      const second = (await putTransaction(app, newId('order'), 'txn-1', pay(sessionId))).json();
      expect(second.response).not.toHaveProperty('cardSecurityCode');
      await app.close();
    }
  });

  it('refuses a session version that no longer matches, and pays with the current one', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await cardSession(app);
    const version = (await retrieveSession(sessionId)).json().session.version;
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
      payload: { order: { reference: 'changed' } },
    });
    const orderId = newId('order');
    const stale = await putTransaction(
      app,
      orderId,
      'txn-1',
      pay(sessionId, { session: { id: sessionId, version } }),
    );
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toMatchObject({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', field: 'session.version', validationType: 'INVALID' },
    });
    expect((await getOrder(app, orderId)).statusCode).toBe(404);
    expect((await store.getSession(sessionId))!.cscEnvelope).toBeDefined();

    const current = (await retrieveSession(sessionId)).json().session.version;
    const paid = await putTransaction(
      app,
      orderId,
      'txn-1',
      pay(sessionId, { session: { id: sessionId, version: current } }),
    );
    expect(paid.json().result).toBe('SUCCESS');
  });

  it('refuses a session whose update failed, one with no card, and an unknown one', async () => {
    app = await testApp();
    const failed = await createSession(app);
    expect((await browserPut(app, failed, { ...TEST_CARD, number: '5123450000000009' })).statusCode).toBe(
      400,
    );
    const empty = await createSession(app);
    const orderOnly = await createSession(app, {});
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${orderOnly}`,
      headers: { authorization: AUTH },
      payload: { order: { amount: '5.00', currency: 'USD' } },
    });
    const unknown = 'SESSION000000000000000000000000';

    const answers = await Promise.all(
      [failed, empty, orderOnly, unknown].map((id) => putTransaction(app, newId('order'), 'txn-1', pay(id))),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    expect(answers[0]!.json().error).toMatchObject({
      cause: 'INVALID_REQUEST',
      explanation: expect.stringMatching(/not updated successfully/),
    });
    expect(answers[1]!.json().error.explanation).toMatch(/not updated successfully/);
    expect(answers[2]!.json().error).toMatchObject({
      field: 'sourceOfFunds.provided.card.number',
      validationType: 'MISSING',
    });
    expect(answers[3]!.json().error.explanation).toBe('Session not found.');
  });

  it('lets fields in the request override the session’s card', async () => {
    app = await testApp();
    const declined = await cardSession(app);
    const byExpiry = await putTransaction(
      app,
      newId('order'),
      'txn-1',
      pay(declined, {
        sourceOfFunds: { type: 'CARD', provided: { card: { expiry: { month: '05', year: '39' } } } },
      }),
    );
    expect(byExpiry.json().response.gatewayCode).toBe('DECLINED');
    expect(byExpiry.json().sourceOfFunds.provided.card.expiry).toEqual({ month: '5', year: '39' });

    const other = await cardSession(app);
    const overridden = (
      await putTransaction(
        app,
        newId('order'),
        'txn-1',
        pay(other, {
          sourceOfFunds: {
            type: 'CARD',
            provided: { card: { number: '4508750015741019', securityCode: '102', nameOnCard: 'Other Name' } },
          },
        }),
      )
    ).json();
    expect(overridden.response.cardSecurityCode.gatewayCode).toBe('NO_MATCH');
    expect(overridden.sourceOfFunds.provided.card).toMatchObject({
      brand: 'VISA',
      number: '450875xxxxxx1019',
      nameOnCard: 'Other Name',
      expiry: { month: '1', year: '39' },
    });
  });

  it('checks an overriding card like any other', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const response = await putTransaction(
      app,
      newId('order'),
      'txn-1',
      pay(sessionId, { sourceOfFunds: { type: 'CARD', provided: { card: { number: '4508750015741018' } } } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      field: 'sourceOfFunds.provided.card.number',
      validationType: 'INVALID',
    });
    expect(response.body).not.toContain('4508750015741018');
  });

  it('refuses a card given whole in the request, without a session or token', async () => {
    app = await testApp();
    const orderId = newId('order');
    const response = await putTransaction(app, orderId, 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'session.id', validationType: 'MISSING' });
    expect(response.body).not.toContain(TEST_CARD.number);
    expect((await getOrder(app, orderId)).statusCode).toBe(404);
  });

  it('takes the amount and currency from the session’s order when the request has none', async () => {
    app = await testApp();
    const sessionId = await cardSession(app, TEST_CARD, { amount: '1000', currency: 'JPY' });
    const body = (
      await putTransaction(app, newId('order'), 'txn-1', {
        apiOperation: 'PAY',
        session: { id: sessionId },
        sourceOfFunds: { type: 'CARD' },
      })
    ).json();
    expect(body.order).toMatchObject({ amount: '1000', currency: 'JPY', totalCapturedAmount: '1000' });
    const overridden = await cardSession(app, TEST_CARD, { amount: '1000', currency: 'JPY' });
    const kwd = (
      await putTransaction(
        app,
        newId('order'),
        'txn-1',
        pay(overridden, { order: { amount: '1.234', currency: 'KWD' } }),
      )
    ).json();
    expect(kwd.transaction).toMatchObject({ amount: '1.234', currency: 'KWD' });
  });

  it.each([
    [{ order: { amount: '1.005', currency: 'USD' } }, 'order.amount', 'INVALID'],
    [{ order: { amount: '100.5', currency: 'JPY' } }, 'order.amount', 'INVALID'],
    [{ order: { amount: 10.555, currency: 'USD' } }, 'order.amount', 'INVALID'],
    [{ order: { amount: '0.00', currency: 'USD' } }, 'order.amount', 'INVALID'],
    [{ order: { amount: '10.00' } }, 'order.currency', 'MISSING'],
    [{ order: { amount: '10.00', currency: 'XXX' } }, 'order.currency', 'UNSUPPORTED'],
    [{ order: { amount: '10.00', currency: 'USD', tip: '1' } }, 'order.tip', 'UNSUPPORTED'],
    [{ apiOperation: 'REFUND_ALL' }, 'apiOperation', 'INVALID'],
    [{ apiOperation: undefined }, 'apiOperation', 'MISSING'],
    [{ session: { id: 'SESSION000000000000000000000000', version: 'nope' } }, 'session.version', 'INVALID'],
  ])('refuses %j: %s %s, and changes nothing', async (extra, field, validationType) => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await cardSession(app);
    const orderId = newId('order');
    const response = await putTransaction(app, orderId, 'txn-1', pay(sessionId, extra));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', explanation: expect.any(String), field, validationType },
    });
    expect((await getOrder(app, orderId)).statusCode).toBe(404);
    expect((await store.getSession(sessionId))!.cscEnvelope).toBeDefined();
  });

  it('refuses fields an operation does not take', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const orderId = newId('order');
    await putTransaction(app, orderId, 'txn-1', { ...pay(sessionId), apiOperation: 'AUTHORIZE' });
    const response = await putTransaction(app, orderId, 'txn-2', {
      apiOperation: 'CAPTURE',
      session: { id: sessionId },
      transaction: { amount: '1.00', currency: 'USD' },
    });
    expect(response.json().error).toMatchObject({ field: 'session', validationType: 'UNSUPPORTED' });
  });

  it('requires the merchant’s password and checks the ids in the URL', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const anonymous = await app.inject({
      method: 'PUT',
      url: `${REST}/order/o-1/transaction/t-1`,
      payload: pay(sessionId),
    });
    expect(anonymous.statusCode).toBe(401);
    const longId = await putTransaction(app, 'o'.repeat(41), 't-1', pay(sessionId));
    expect(longId.json().error).toMatchObject({ field: 'orderId', validationType: 'INVALID' });
    const badId = await putTransaction(app, 'o-1', 't%20x', pay(sessionId));
    expect(badId.json().error).toMatchObject({ field: 'transactionId', validationType: 'INVALID' });
  });
});

describe('an order’s life over HTTP', () => {
  async function authorized(amount = '10.00') {
    const sessionId = await cardSession(app);
    const orderId = newId('order');
    const response = await putTransaction(app, orderId, 'auth', {
      ...pay(sessionId),
      apiOperation: 'AUTHORIZE',
      order: { amount, currency: 'USD' },
    });
    expect(response.json().order.status).toBe('AUTHORIZED');
    return orderId;
  }
  const capture = (amount: string) => ({ apiOperation: 'CAPTURE', transaction: { amount, currency: 'USD' } });
  const refund = (amount: string) => ({ apiOperation: 'REFUND', transaction: { amount, currency: 'USD' } });
  const voidOf = (targetTransactionId: string) => ({
    apiOperation: 'VOID',
    transaction: { targetTransactionId },
  });

  /** Sends the operation and answers the order's status and totals as the response tells them. */
  async function step(orderId: string, transactionId: string, body: object) {
    const response = await putTransaction(app, orderId, transactionId, body);
    expect(response.statusCode).toBe(201);
    const { order, transaction, result } = response.json();
    return {
      result,
      type: transaction.type,
      status: order.status,
      totals: [order.totalAuthorizedAmount, order.totalCapturedAmount, order.totalRefundedAmount],
    };
  }

  async function expectRefusedWithoutChange(orderId: string, transactionId: string, body: object) {
    const before = (await getOrder(app, orderId)).json();
    const response = await putTransaction(app, orderId, transactionId, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().result).toBe('ERROR');
    expect((await getOrder(app, orderId)).json()).toEqual(before);
    return response.json().error;
  }

  it('AUTHORIZE → partial CAPTURE → CAPTURE → partial REFUND → REFUND', async () => {
    app = await testApp();
    const orderId = await authorized();
    expect(await step(orderId, 'cap-1', capture('4.00'))).toEqual({
      result: 'SUCCESS',
      type: 'CAPTURE',
      status: 'PARTIALLY_CAPTURED',
      totals: ['10.00', '4.00', '0.00'],
    });
    expect(await step(orderId, 'cap-2', capture('6.00'))).toMatchObject({
      status: 'CAPTURED',
      totals: ['10.00', '10.00', '0.00'],
    });
    expect(await step(orderId, 'ref-1', refund('2.50'))).toMatchObject({
      type: 'REFUND',
      status: 'PARTIALLY_REFUNDED',
      totals: ['10.00', '10.00', '2.50'],
    });
    expect(await step(orderId, 'ref-2', refund('7.50'))).toMatchObject({
      status: 'REFUNDED',
      totals: ['10.00', '10.00', '10.00'],
    });
  });

  it('refuses captures and refunds past what is left, changing nothing', async () => {
    app = await testApp();
    const orderId = await authorized('10.00');
    const overCapture = await expectRefusedWithoutChange(orderId, 'cap-x', capture('10.01'));
    expect(overCapture).toMatchObject({ field: 'transaction.amount', validationType: 'INVALID' });
    await expectRefusedWithoutChange(orderId, 'ref-x', refund('0.01'));
    await step(orderId, 'cap-1', capture('7.00'));
    await expectRefusedWithoutChange(orderId, 'cap-y', capture('3.01'));
    await step(orderId, 'ref-1', refund('5.00'));
    const overRefund = await expectRefusedWithoutChange(orderId, 'ref-y', refund('2.01'));
    expect(overRefund.explanation).toMatch(/exceeds the captured amount/);
    await expectRefusedWithoutChange(orderId, 'cap-z', {
      ...capture('1.00'),
      transaction: { amount: '1.00', currency: 'EUR' },
    });
  });

  it('voids an authorization, a capture, a payment and a refund', async () => {
    app = await testApp();
    const authOrder = await authorized();
    expect(await step(authOrder, 'void-auth', voidOf('auth'))).toMatchObject({
      type: 'VOID_AUTHORIZATION',
      status: 'CANCELLED',
      totals: ['0.00', '0.00', '0.00'],
    });
    await expectRefusedWithoutChange(authOrder, 'cap-late', capture('1.00'));

    const captured = await authorized();
    await step(captured, 'cap', capture('10.00'));
    expect(await step(captured, 'void-cap', voidOf('cap'))).toMatchObject({
      type: 'VOID_CAPTURE',
      status: 'AUTHORIZED',
      totals: ['10.00', '0.00', '0.00'],
    });

    const sessionId = await cardSession(app);
    const paid = newId('order');
    await step(paid, 'pay', pay(sessionId));
    await step(paid, 'ref', refund('4.00'));
    expect(await step(paid, 'void-ref', voidOf('ref'))).toMatchObject({
      type: 'VOID_REFUND',
      status: 'CAPTURED',
      totals: ['10.00', '10.00', '0.00'],
    });
    expect(await step(paid, 'void-pay', voidOf('pay'))).toMatchObject({
      type: 'VOID_PAYMENT',
      status: 'CANCELLED',
      totals: ['0.00', '0.00', '0.00'],
    });
    const again = await expectRefusedWithoutChange(paid, 'void-again', voidOf('pay'));
    expect(again).toMatchObject({ field: 'transaction.targetTransactionId', validationType: 'INVALID' });
  });

  it('VERIFY checks the card without money: VERIFIED, or FAILED on a decline', async () => {
    app = await testApp();
    const verify = (sessionId: string) => ({
      apiOperation: 'VERIFY',
      order: { currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    });
    const good = await step(newId('order'), 'verify', verify(await cardSession(app)));
    expect(good).toEqual({
      result: 'SUCCESS',
      type: 'VERIFICATION',
      status: 'VERIFIED',
      totals: ['0.00', '0.00', '0.00'],
    });
    const declinedSession = await cardSession(app, { ...TEST_CARD, expiry: { month: '5', year: '39' } });
    const bad = await step(newId('order'), 'verify', verify(declinedSession));
    expect(bad).toMatchObject({ result: 'FAILURE', status: 'FAILED' });
  });

  it('retries a declined order with a new transaction id, and refuses a second payment', async () => {
    app = await testApp();
    const orderId = newId('order');
    const declined = await cardSession(app, { ...TEST_CARD, expiry: { month: '5', year: '39' } });
    expect(await step(orderId, 'try-1', pay(declined))).toMatchObject({
      result: 'FAILURE',
      status: 'FAILED',
    });
    expect(await step(orderId, 'try-2', pay(await cardSession(app)))).toMatchObject({
      result: 'SUCCESS',
      status: 'CAPTURED',
    });
    await expectRefusedWithoutChange(orderId, 'try-3', pay(await cardSession(app)));
  });

  it('reads the order and each transaction back as they were answered', async () => {
    app = await testApp();
    const orderId = await authorized();
    const captured = (await putTransaction(app, orderId, 'cap', capture('10.00'))).json();
    const order = (await getOrder(app, orderId)).json();
    expect(order).toMatchObject({
      id: orderId,
      merchant: 'TESTMERCHANT',
      result: 'SUCCESS',
      status: 'CAPTURED',
      amount: '10.00',
      totalCapturedAmount: '10.00',
      sourceOfFunds: { provided: { card: { number: '512345xxxxxx0008' } } },
    });
    expect(order.transaction.map((t: { transaction: { id: string } }) => t.transaction.id)).toEqual([
      'auth',
      'cap',
    ]);
    expect(order.transaction[1]).toEqual(captured);
    const read = await app.inject({
      method: 'GET',
      url: `${REST}/order/${orderId}/transaction/cap`,
      headers: { authorization: AUTH },
    });
    expect(read.json()).toEqual(captured);
    const missing = await app.inject({
      method: 'GET',
      url: `${REST}/order/${orderId}/transaction/nope`,
      headers: { authorization: AUTH },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.cause).toBe('INVALID_REQUEST');
    expect((await getOrder(app, 'no-such-order')).statusCode).toBe(404);
  });

  it('keeps each merchant’s orders to itself', async () => {
    app = await testApp();
    const orderId = await authorized();
    const other = await app.inject({
      method: 'GET',
      url: `/api/rest/version/100/merchant/OTHER_MERCHANT-2/order/${orderId}`,
      headers: {
        authorization: `Basic ${Buffer.from('merchant.OTHER_MERCHANT-2:other-merchant-password').toString('base64')}`,
      },
    });
    expect(other.statusCode).toBe(404);
  });
});
