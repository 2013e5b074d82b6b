import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, BROWSER, REST, TEST_CARD, basic, manualClock, putTransaction, testApp } from './helpers.ts';

/**
 * A page that configures session.js without a session: the script creates one from the browser, for the
 * merchant its URL names, and only from an origin that merchant registered.
 */
let app: FastifyInstance;
afterEach(() => app?.close());

const PAGE = 'http://localhost:4700';
const CREATE = `${BROWSER}/session`;

const create = (headers: Record<string, string> = { origin: PAGE }, payload?: string) =>
  app.inject({ method: 'POST', url: CREATE, headers, ...(payload === undefined ? {} : { payload }) });

describe('a session created from the page', () => {
  it('is answered to a registered origin, readable by it, with the normal limit and lifetime', async () => {
    const clock = manualClock();
    app = await testApp({ now: clock.now });
    const response = await create();
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['access-control-allow-origin']).toBe(PAGE);
    expect(response.headers.vary).toMatch(/Origin/);
    const body = response.json();
    expect(body).toEqual({
      merchant: 'TESTMERCHANT',
      result: 'SUCCESS',
      session: {
        id: expect.stringMatching(/^SESSION[0-9A-Za-z]{24}$/),
        authenticationLimit: 5,
        updateStatus: 'NO_UPDATE',
        version: expect.stringMatching(/^[0-9a-f]{10}$/),
      },
    });
    // No key a page has any use for: the aes256Key is the merchant server's.
    expect(body.session).not.toHaveProperty('aes256Key');

    const retrieved = await app.inject({
      method: 'GET',
      url: `${REST}/session/${body.session.id}`,
      headers: { authorization: AUTH },
    });
    expect(retrieved.json().session).toMatchObject({ authenticationLimit: 5, updateStatus: 'NO_UPDATE' });
    clock.advance(900_000);
    const expired = await app.inject({
      method: 'GET',
      url: `${REST}/session/${body.session.id}`,
      headers: { authorization: AUTH },
    });
    expect(expired.json().error.explanation).toBe('Session has expired.');
  });

  it('takes a card from the hosted fields, and the merchant server pays with it', async () => {
    app = await testApp();
    const { id } = (await create()).json().session;
    const update = await app.inject({
      method: 'PUT',
      url: `${BROWSER}/session/${id}`,
      headers: { authorization: basic('merchant.TESTMERCHANT', id) },
      payload: { sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } } },
    });
    expect(update.statusCode, update.body).toBe(200);
    const paid = await putTransaction(app, 'browser-session-1', 'pay-1', {
      apiOperation: 'PAY',
      order: { amount: 24.9, currency: 'USD' },
      session: { id },
    });
    expect(paid.json()).toMatchObject({ result: 'SUCCESS', order: { amount: '24.90' } });
  });

  it.each([
    ['no Origin (not a browser page)', {}],
    ['an origin the merchant did not register', { origin: 'https://evil.example' }],
    ['a look-alike of a registered origin', { origin: 'http://localhost.evil.example:4700' }],
    ['the null origin of a sandboxed frame', { origin: 'null' }],
    ['another merchant’s origin', { origin: 'https://shop.example' }],
  ])('is refused to %s, with no CORS headers', async (_name, headers) => {
    app = await testApp();
    const response = await create(headers);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
    expect(response.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('takes no fields: the limit and anything else are the merchant server’s to set', async () => {
    app = await testApp();
    const response = await create(
      { origin: PAGE, 'content-type': 'application/json' },
      JSON.stringify({ session: { authenticationLimit: 25 } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'session', validationType: 'UNSUPPORTED' });
    expect(response.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('answers a preflight from a registered origin only', async () => {
    app = await testApp();
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: CREATE,
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight(PAGE);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'POST',
    });
    const refused = await preflight('https://evil.example');
    expect(refused.statusCode).toBe(403);
    expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('is there only for known merchants and valid API versions', async () => {
    app = await testApp();
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/browser/version/100/merchant/NO_SUCH_SHOP/session',
      headers: { origin: PAGE },
    });
    expect(unknown.statusCode).toBe(403);
    const old = await app.inject({
      method: 'POST',
      url: '/api/browser/version/17/merchant/TESTMERCHANT/session',
      headers: { origin: PAGE },
    });
    expect(old.statusCode).toBe(400);
  });
});
