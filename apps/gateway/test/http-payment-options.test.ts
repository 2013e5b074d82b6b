import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPPORTED_CURRENCIES } from '../src/domain/money/index.ts';
import { AUTH, REST, basic, createSession, testApp } from './helpers.ts';

let app: FastifyInstance;
afterEach(() => app?.close());

const INQUIRY = `${REST}/paymentOptionsInquiry`;

describe('Payment Options Inquiry', () => {
  it('answers the merchant’s card types, currencies and CSC rule, by POST and by GET', async () => {
    app = await testApp();
    const posted = await app.inject({
      method: 'POST',
      url: INQUIRY,
      headers: { authorization: AUTH },
      payload: {},
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toEqual({
      merchant: 'TESTMERCHANT',
      paymentTypes: {
        card: {
          cardTypes: ['MASTERCARD', 'VISA', 'AMEX', 'UATP'].map((cardType) => ({ cardType })),
          currencies: SUPPORTED_CURRENCIES.map((currency) => ({ currency })),
          enforceCardSecurityCodeEntry: true,
        },
      },
      result: 'SUCCESS',
    });
    const got = await app.inject({
      method: 'GET',
      url: INQUIRY.replace('/100/', '/50/'),
      headers: { authorization: AUTH },
    });
    expect(got.json().paymentTypes).toEqual(posted.json().paymentTypes);
  });

  it('takes a session id as the password and counts it toward the session’s authenticationLimit', async () => {
    app = await testApp();
    const response = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: AUTH },
      payload: { session: { authenticationLimit: 2 } },
    });
    const sessionId = response.json().session.id;
    const ask = () =>
      app.inject({
        method: 'POST',
        url: INQUIRY,
        headers: { authorization: basic('merchant.TESTMERCHANT', sessionId) },
      });
    expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    const third = await ask();
    expect(third.statusCode).toBe(403);
    expect(third.json().error.cause).toBe('REQUEST_REJECTED');
  });

  it('refuses a wrong password, another merchant’s session and unknown fields', async () => {
    app = await testApp();
    const wrong = await app.inject({
      method: 'POST',
      url: INQUIRY,
      headers: { authorization: basic('merchant.TESTMERCHANT', 'nope-nope') },
    });
    expect(wrong.statusCode).toBe(401);
    const sessionId = await createSession(app);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/rest/version/100/merchant/OTHER_MERCHANT-2/paymentOptionsInquiry',
      headers: { authorization: basic('merchant.OTHER_MERCHANT-2', sessionId) },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.explanation).toBe('Session not found.');
    const extra = await app.inject({
      method: 'POST',
      url: INQUIRY,
      headers: { authorization: AUTH },
      payload: { order: {} },
    });
    expect(extra.json().error).toMatchObject({ field: 'order', validationType: 'UNSUPPORTED' });
  });
});
