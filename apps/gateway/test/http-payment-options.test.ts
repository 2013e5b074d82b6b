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

describe('Payment Options Inquiry as integrations call it', () => {
  const post = (payload?: object, url = INQUIRY) =>
    app.inject({ method: 'POST', url, headers: { authorization: AUTH }, ...(payload ? { payload } : {}) });

  it('takes apiOperation when it names this operation, and a line of business it echoes', async () => {
    app = await testApp();
    const named = await post({
      apiOperation: 'PAYMENT_OPTIONS_INQUIRY',
      lineOfBusiness: 'TICKETS',
      correlationId: 'c-9',
    });
    expect(named.statusCode).toBe(200);
    expect(named.json()).toMatchObject({
      correlationId: 'c-9',
      lineOfBusiness: 'TICKETS',
      result: 'SUCCESS',
    });
    const other = await post({ apiOperation: 'PAY' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ field: 'apiOperation', validationType: 'INVALID' });
  });

  it('answers GET, its fields in the query, on the versions that used GET, and 405 on later ones', async () => {
    app = await testApp();
    for (const version of [18, 50, 65, 69]) {
      const got = await app.inject({
        method: 'GET',
        url: `${INQUIRY.replace('/100/', `/${version}/`)}?correlationId=q-1&apiOperation=PAYMENT_OPTIONS_INQUIRY`,
        headers: { authorization: AUTH },
      });
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ correlationId: 'q-1', merchant: 'TESTMERCHANT' });
    }
    const unknownField = await app.inject({
      method: 'GET',
      url: `${INQUIRY.replace('/100/', '/50/')}?order.currency=USD`,
      headers: { authorization: AUTH },
    });
    expect(unknownField.json().error).toMatchObject({
      field: 'order.currency',
      validationType: 'UNSUPPORTED',
    });
    for (const version of [70, 100]) {
      const refused = await app.inject({
        method: 'GET',
        url: INQUIRY.replace('/100/', `/${version}/`),
        headers: { authorization: AUTH },
      });
      expect(refused.statusCode).toBe(405);
      expect(refused.headers.allow).toBe('POST');
      expect(refused.json().result).toBe('ERROR');
    }
    expect((await post(undefined, INQUIRY.replace('/100/', '/50/'))).statusCode).toBe(200);
  });
});

describe('Payment Options Inquiry from the checkout page (CORS)', () => {
  const PAGE = 'http://localhost:4700';
  const preflight = (origin: string, url = INQUIRY) =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('answers a preflight from a registered origin with what the page may send', async () => {
    app = await testApp();
    const response = await preflight(PAGE);
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Authorization, Content-Type',
      vary: 'Origin',
    });
    expect(response.headers).not.toHaveProperty('access-control-allow-credentials');
    const old = await preflight(PAGE, INQUIRY.replace('/100/', '/50/'));
    expect(old.headers['access-control-allow-methods']).toBe('POST, GET');
  });

  it('lets the page read the answer to its session-authenticated call, refusals included', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const asPage = (password: string) =>
      app.inject({
        method: 'POST',
        url: INQUIRY,
        headers: {
          origin: PAGE,
          authorization: basic('merchant.TESTMERCHANT', password),
          'content-type': 'application/json',
        },
        payload: '{"apiOperation":"PAYMENT_OPTIONS_INQUIRY"}',
      });
    const answered = await asPage(sessionId);
    expect(answered.statusCode).toBe(200);
    expect(answered.headers['access-control-allow-origin']).toBe(PAGE);
    expect(answered.headers.vary).toBe('Origin');
    const refused = await asPage('SESSION000000000000000000000000');
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the gateway’s own host on the wrong scheme', 'https://localhost:4700'],
    ['a look-alike host', 'http://localhost.evil.example'],
    ['the null origin of a sandboxed frame', 'null'],
    ['another merchant’s origin', 'https://shop.example'],
  ])('gives %s no CORS headers and refuses its preflight', async (_name, origin) => {
    app = await testApp();
    const refused = await preflight(origin);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
    expect(refused.json().result).toBe('ERROR');
    const sessionId = await createSession(app);
    const call = await app.inject({
      method: 'POST',
      url: INQUIRY,
      headers: { origin, authorization: basic('merchant.TESTMERCHANT', sessionId) },
    });
    expect(call.headers).not.toHaveProperty('access-control-allow-origin');
  });

  // The order's transactions are the other page-callable endpoint (the 3-D Secure operations, tested with them).
  it('gives no other REST endpoint CORS, even for a registered origin', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    for (const url of [
      `${REST}/session`,
      `${REST}/session/${sessionId}`,
      `${REST}/order/o-1`,
      `${REST}/token`,
    ]) {
      const options = await preflight(PAGE, url);
      expect(options.headers).not.toHaveProperty('access-control-allow-origin');
      expect(options.statusCode).toBeGreaterThanOrEqual(400);
    }
    const created = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { origin: PAGE, authorization: AUTH },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
