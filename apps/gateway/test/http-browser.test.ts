import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH,
  BROWSER,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  createSession,
  manualClock,
  testApp,
} from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

describe('browser endpoint', () => {
  it('puts the card in the session and answers the formSessionUpdate ok body', async () => {
    app = await testApp();
    const id = await createSession(app);
    const response = await browserPut(app, id, TEST_CARD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      status: 'ok',
      merchant: 'TESTMERCHANT',
      session: { id, updateStatus: 'SUCCESS', version: expect.stringMatching(/^[0-9a-f]{10}$/) },
      sourceOfFunds: {
        provided: {
          card: {
            brand: 'MASTERCARD',
            scheme: 'MASTERCARD',
            fundingMethod: 'DEBIT',
            issuer: 'Sandbox Bank Debit',
            expiry: { month: '1', year: '39' },
            nameOnCard: 'Jane Payer',
            number: '512345xxxxxx0008',
            securityCode: 'xxx',
          },
        },
        type: 'CARD',
      },
      version: '100',
      // For the hub alone: it strips this before the page sees the answer.
      authenticationsRemaining: 4,
    });
    const stored = await app.inject({
      method: 'GET',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH },
    });
    expect(stored.json().session.version).toBe(body.session.version);
    expect(stored.json().sourceOfFunds.provided.card.number).toBe('512345xxxxxx0008');
  });

  it('shows securityCode only when this call gave one', async () => {
    app = await testApp();
    const id = await createSession(app);
    await browserPut(app, id, TEST_CARD);
    const again = await browserPut(app, id, { nameOnCard: 'J Payer' });
    expect(again.statusCode).toBe(200);
    expect(again.json().sourceOfFunds.provided.card).not.toHaveProperty('securityCode');
    expect(again.json().sourceOfFunds.provided.card.nameOnCard).toBe('J Payer');
  });

  it('accepts a card without CSC for a merchant that does not require one', async () => {
    app = await testApp();
    const base = '/api/rest/version/100/merchant/OTHER_MERCHANT-2';
    const created = await app.inject({
      method: 'POST',
      url: `${base}/session`,
      headers: { authorization: basic('merchant.OTHER_MERCHANT-2', 'other-merchant-password') },
    });
    const id = created.json().session.id;
    const response = await app.inject({
      method: 'PUT',
      url: `/api/browser/version/100/merchant/OTHER_MERCHANT-2/session/${id}`,
      headers: { authorization: basic('merchant.OTHER_MERCHANT-2', id) },
      payload: {
        sourceOfFunds: {
          type: 'CARD',
          provided: { card: { number: '4508750015741019', expiry: { month: '05', year: '39' } } },
        },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().sourceOfFunds.provided.card).toMatchObject({
      brand: 'VISA',
      number: '450875xxxxxx1019',
      expiry: { month: '5', year: '39' },
    });
  });

  it.each([
    [
      'bad Luhn',
      { ...TEST_CARD, number: '5123450000000009' },
      'sourceOfFunds.provided.card.number',
      'INVALID',
    ],
    [
      'expired',
      { ...TEST_CARD, expiry: { month: '12', year: '20' } },
      'sourceOfFunds.provided.card.expiry.year',
      'INVALID',
    ],
    [
      'CSC missing',
      { number: TEST_CARD.number, expiry: TEST_CARD.expiry },
      'sourceOfFunds.provided.card.securityCode',
      'MISSING',
    ],
    ['no number at all', { securityCode: '100' }, 'sourceOfFunds.provided.card.number', 'MISSING'],
    [
      'a non-card field',
      { ...TEST_CARD, email: 'a@b.c' },
      'sourceOfFunds.provided.card.email',
      'UNSUPPORTED',
    ],
  ])('refuses a card with %s, naming the field', async (_name, card, field, validationType) => {
    app = await testApp();
    const id = await createSession(app);
    const response = await browserPut(app, id, card);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ cause: 'INVALID_REQUEST', field, validationType });
  });

  it('accepts card fields only', async () => {
    app = await testApp();
    const id = await createSession(app);
    const response = await app.inject({
      method: 'PUT',
      url: `${BROWSER}/session/${id}`,
      headers: { authorization: basic('merchant.TESTMERCHANT', id) },
      payload: { order: { amount: '0.01' }, sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'order', validationType: 'UNSUPPORTED' });
  });

  it('requires the session id as the password, not the API password', async () => {
    app = await testApp();
    const id = await createSession(app);
    const other = await createSession(app);
    for (const authorization of [
      AUTH,
      basic('merchant.TESTMERCHANT', other),
      basic('merchant.OTHER', id),
      '',
    ]) {
      const response = await app.inject({
        method: 'PUT',
        url: `${BROWSER}/session/${id}`,
        headers: { authorization },
        payload: { sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } } },
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('refuses calls past authenticationLimit with REQUEST_REJECTED and only a support code', async () => {
    app = await testApp();
    const id = await createSession(app, { session: { authenticationLimit: 2 } });
    expect((await browserPut(app, id, TEST_CARD)).statusCode).toBe(200);
    // A refused card still used up one authentication.
    expect((await browserPut(app, id, { ...TEST_CARD, number: '1' })).statusCode).toBe(400);
    const refused = await browserPut(app, id, TEST_CARD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'REQUEST_REJECTED', supportCode: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
  });

  it('lets exactly authenticationLimit of a concurrent burst through', async () => {
    app = await testApp();
    const id = await createSession(app);
    const responses = await Promise.all(Array.from({ length: 12 }, () => browserPut(app, id, TEST_CARD)));
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.filter((c) => c === 403)).toHaveLength(7);
  });

  it('refuses every call when authenticationLimit is 0', async () => {
    app = await testApp();
    const id = await createSession(app, { session: { authenticationLimit: 0 } });
    expect((await browserPut(app, id, TEST_CARD)).json().error.cause).toBe('REQUEST_REJECTED');
  });

  it('explains unknown and expired sessions', async () => {
    const clock = manualClock();
    app = await testApp({ now: clock.now });
    const unknown = await browserPut(app, 'SESSION000000000000000000000000', TEST_CARD);
    expect(unknown.json().error).toEqual({ cause: 'INVALID_REQUEST', explanation: 'Session not found.' });
    const id = await createSession(app);
    clock.advance(900_000);
    const expired = await browserPut(app, id, TEST_CARD);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toEqual({ cause: 'INVALID_REQUEST', explanation: 'Session has expired.' });
  });

  it('refuses a session created with another API version', async () => {
    app = await testApp();
    const id = await createSession(app, {}, '/api/rest/version/58/merchant/TESTMERCHANT');
    const response = await browserPut(app, id, TEST_CARD);
    expect(response.statusCode).toBe(400);
    const ok = await browserPut(app, id, TEST_CARD, '/api/browser/version/58/merchant/TESTMERCHANT');
    expect(ok.json()).toMatchObject({ status: 'ok', version: '58' });
  });
});
