import { luhnValid, detectBrand } from '@hosted-session/card';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/store/memory-store.ts';
import { AUTH, REST, TEST_CARD, cardSession, putTransaction, testApp } from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

function tokenRequest(method: 'POST' | 'PUT' | 'GET' | 'DELETE', path: string, payload?: object) {
  return app.inject({
    method,
    url: `${REST}/token${path}`,
    headers: { authorization: AUTH },
    ...(payload ? { payload } : {}),
  });
}

const fromSession = (id: string) => ({ session: { id }, sourceOfFunds: { type: 'CARD' } });

describe('tokens', () => {
  it('stores the session’s card under a 16-digit token that can never pass for a card number', async () => {
    const store = new MemoryStore();
    app = await testApp({ store });
    const sessionId = await cardSession(app);
    const created = await tokenRequest('POST', '', fromSession(sessionId));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      result: 'SUCCESS',
      status: 'VALID',
      token: expect.stringMatching(/^9\d{15}$/),
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: {
            brand: 'MASTERCARD',
            scheme: 'MASTERCARD',
            fundingMethod: 'DEBIT',
            issuer: 'Sandbox Bank Debit',
            number: '512345xxxxxx0008',
            expiry: '0139',
            nameOnCard: 'Jane Payer',
          },
        },
      },
      verificationStrategy: 'NONE',
    });
    expect(luhnValid(body.token)).toBe(false);
    expect(detectBrand(body.token)).toBeUndefined();

    const stored = await store.getToken('TESTMERCHANT', body.token);
    expect(JSON.stringify(stored)).not.toContain(TEST_CARD.number);
    expect(JSON.stringify(stored)).not.toMatch(/securityCode/);
    // Using the session for a token counts as its first use: the CSC is gone.
    expect((await store.getSession(sessionId))!.cscEnvelope).toBeUndefined();

    const read = await tokenRequest('GET', `/${body.token}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('pays with a token, taking a CSC only from the request', async () => {
    app = await testApp();
    const token = (await tokenRequest('POST', '', fromSession(await cardSession(app)))).json().token;
    const pay = (extra: object = {}) => ({
      apiOperation: 'PAY',
      order: { amount: '12.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token, ...extra },
    });
    const paid = await putTransaction(app, 'tok-order-1', 'txn-1', pay());
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      order: { status: 'CAPTURED', totalCapturedAmount: '12.00' },
      sourceOfFunds: {
        provided: { card: { number: '512345xxxxxx0008', expiry: { month: '1', year: '39' } } },
      },
    });
    expect(paid.json().response).not.toHaveProperty('cardSecurityCode');

    const withCsc = await putTransaction(
      app,
      'tok-order-2',
      'txn-1',
      pay({ provided: { card: { securityCode: '102' } } }),
    );
    expect(withCsc.json().response.cardSecurityCode.gatewayCode).toBe('NO_MATCH');
  });

  it('updates a token from another session, and deletes it', async () => {
    app = await testApp();
    const token = (await tokenRequest('POST', '', fromSession(await cardSession(app)))).json().token;
    const visa = await cardSession(app, {
      number: '4508750015741019',
      expiry: { month: '5', year: '39' },
      securityCode: '123',
    });
    const updated = await tokenRequest('PUT', `/${token}`, fromSession(visa));
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      token,
      sourceOfFunds: { provided: { card: { brand: 'VISA', number: '450875xxxxxx1019', expiry: '0539' } } },
    });
    const declined = await putTransaction(app, 'tok-order-3', 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token },
    });
    expect(declined.json().response.gatewayCode).toBe('DECLINED');

    expect((await tokenRequest('DELETE', `/${token}`)).json()).toEqual({ result: 'SUCCESS' });
    expect((await tokenRequest('GET', `/${token}`)).statusCode).toBe(404);
    expect((await tokenRequest('DELETE', `/${token}`)).statusCode).toBe(404);
    const afterDelete = await putTransaction(app, 'tok-order-4', 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '1.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token },
    });
    expect(afterDelete.json().error).toMatchObject({
      field: 'sourceOfFunds.token',
      validationType: 'INVALID',
    });
  });

  it('refuses a session that cannot give a card, and unknown tokens', async () => {
    app = await testApp();
    const noCard = (
      await app.inject({ method: 'POST', url: `${REST}/session`, headers: { authorization: AUTH } })
    ).json().session.id;
    const refused = await tokenRequest('POST', '', fromSession(noCard));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.explanation).toMatch(/not updated successfully/);
    expect((await tokenRequest('POST', '', { sourceOfFunds: { type: 'CARD' } })).json().error).toMatchObject({
      field: 'session',
      validationType: 'MISSING',
    });
    expect((await tokenRequest('PUT', '/9000000000000000', fromSession(noCard))).statusCode).toBe(404);
    expect((await tokenRequest('GET', '/5123450000000008')).statusCode).toBe(404);
  });

  it('keeps each merchant’s tokens to itself', async () => {
    app = await testApp();
    const token = (await tokenRequest('POST', '', fromSession(await cardSession(app)))).json().token;
    const other = await app.inject({
      method: 'GET',
      url: `/api/rest/version/100/merchant/OTHER_MERCHANT-2/token/${token}`,
      headers: {
        authorization: `Basic ${Buffer.from('merchant.OTHER_MERCHANT-2:other-merchant-password').toString('base64')}`,
      },
    });
    expect(other.statusCode).toBe(404);
  });
});
