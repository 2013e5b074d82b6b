import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, REST, cardSession, createSession, getOrder, putTransaction, testApp } from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

const post = (url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: { authorization: AUTH }, payload });
const put = (url: string, payload: object) =>
  app.inject({ method: 'PUT', url, headers: { authorization: AUTH }, payload });
const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: AUTH } });

describe('null means absent', () => {
  it.each([
    ['correlationId', { correlationId: null }],
    ['session', { session: null }],
    ['session.authenticationLimit', { session: { authenticationLimit: null } }],
    ['lineOfBusiness', { lineOfBusiness: null }],
    ['a field Create Session does not take', { order: null }],
  ])('Create Session with %s null', async (_field, body) => {
    app = await testApp();
    const response = await post(`${REST}/session`, body);
    expect(response.statusCode).toBe(201);
    expect(response.json().session.authenticationLimit).toBe(5);
    expect(response.json()).not.toHaveProperty('correlationId');
  });

  it('in Update Session: nothing is stored for a null, and a stored value is not removed', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const url = `${REST}/session/${sessionId}`;
    await put(url, { customer: { email: 'jane@shop.example', firstName: 'Jane' } });
    const response = await put(url, {
      apiOperation: 'UPDATE_SESSION',
      order: { amount: '10.00', currency: 'USD', item: null, reference: null, discount: null },
      customer: { email: null, phone: null },
      billing: { address: { street: '1 Main St', street2: null, stateProvince: null } },
      shipping: null,
      device: null,
      authentication: null,
      sourceOfFunds: null,
      partnerSolutionId: null,
    });
    expect(response.statusCode).toBe(200);
    const { session: _identity, merchant: _merchant, ...content } = (await get(url)).json();
    expect(content).toEqual({
      order: { amount: '10.00', currency: 'USD' },
      customer: { email: 'jane@shop.example', firstName: 'Jane' },
      billing: { address: { street: '1 Main St' } },
    });
  });

  it('in PAY: 3DSecureId, shipping, sourceOfFunds and nested nulls change nothing', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const orderId = 'order-nulls';
    const response = await putTransaction(app, orderId, 'pay', {
      apiOperation: 'PAY',
      '3DSecureId': null,
      correlationId: null,
      order: { amount: '10.00', currency: 'USD', item: null, notificationUrl: null },
      session: { id: sessionId, version: null },
      sourceOfFunds: null,
      transaction: { reference: null, source: 'INTERNET' },
      billing: { address: { street: '1 Main St', street2: null } },
      shipping: null,
      customer: null,
      device: { browser: 'Mozilla/5.0', ipAddress: null },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.response.gatewayCode).toBe('APPROVED');
    expect(body).not.toHaveProperty('shipping');
    expect(body).not.toHaveProperty('customer');
    expect(body.billing).toEqual({ address: { street: '1 Main St' } });
    expect(body.device).toEqual({ browser: 'Mozilla/5.0' });
    expect(body.transaction.source).toBe('INTERNET');
    expect(body.transaction).not.toHaveProperty('reference');
    expect((await getOrder(app, orderId)).json().billing).toEqual({ address: { street: '1 Main St' } });
  });

  it('in CAPTURE, REFUND, VOID and Payment Options Inquiry', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const orderId = 'order-follow-ups';
    await putTransaction(app, orderId, 'auth', {
      apiOperation: 'AUTHORIZE',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: sessionId },
    });
    const follow = (id: string, body: object) => putTransaction(app, orderId, id, body);
    const nulls = { partnerSolutionId: null, lineOfBusiness: null, order: null, correlationId: null };
    const capture = { amount: '10.00', currency: 'USD', reference: null };
    expect(
      (await follow('cap', { apiOperation: 'CAPTURE', transaction: capture, ...nulls })).statusCode,
    ).toBe(201);
    expect((await follow('ref', { apiOperation: 'REFUND', transaction: capture, ...nulls })).statusCode).toBe(
      201,
    );
    const voided = await follow('void', {
      apiOperation: 'VOID',
      transaction: { targetTransactionId: 'ref', reference: null },
      ...nulls,
    });
    expect(voided.statusCode).toBe(201);
    const inquiry = await post(`${REST}/paymentOptionsInquiry`, {
      correlationId: null,
      lineOfBusiness: null,
    });
    expect(inquiry.statusCode).toBe(200);
  });

  it('a null where a value is required is still missing, and a null array element is invalid', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const missing = await putTransaction(app, 'order-x', 'pay', {
      apiOperation: null,
      order: { amount: '10.00', currency: 'USD' },
      session: { id: sessionId },
    });
    expect(missing.json().error).toMatchObject({ field: 'apiOperation', validationType: 'MISSING' });
    const noCurrency = await putTransaction(app, 'order-x', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: null },
      session: { id: sessionId },
    });
    expect(noCurrency.json().error).toMatchObject({ field: 'order.currency', validationType: 'MISSING' });
    const nullItem = await put(`${REST}/session/${sessionId}`, { order: { item: [null] } });
    expect(nullItem.json().error).toMatchObject({ field: 'order.item.0', validationType: 'INVALID' });
  });
});

describe("PHP's json_encode: an empty array where a group is expected", () => {
  it('in Update Session and PAY is as if the group were not there', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const url = `${REST}/session/${sessionId}`;
    await put(url, { customer: { email: 'jane@shop.example' } });
    const updated = await put(url, {
      order: { amount: '10.00', currency: 'USD', discount: [] },
      customer: [],
      billing: { address: [] },
      shipping: [],
      device: [],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const {
      session: _identity,
      merchant: _merchant,
      sourceOfFunds: _card,
      ...content
    } = (await get(url)).json();
    // `billing: {address: []}` is `billing: {}`, as `billing: {address: null}` is.
    expect(content).toEqual({
      order: { amount: '10.00', currency: 'USD' },
      customer: { email: 'jane@shop.example' },
      billing: {},
    });

    const paid = await putTransaction(app, 'order-php', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: [],
      shipping: [],
      transaction: [],
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).not.toHaveProperty('shipping');
  });

  it('a list stays a list, and a non-empty array where a group is expected is still invalid', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const url = `${REST}/session/${sessionId}`;
    const emptyItems = await put(url, { order: { item: [] } });
    expect(emptyItems.json().error).toMatchObject({ field: 'order.item', validationType: 'INVALID' });
    const filled = await put(url, { customer: ['jane@shop.example'] });
    expect(filled.json().error).toMatchObject({ field: 'customer', validationType: 'INVALID' });
  });
});
