import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH,
  OTHER_PASSWORD,
  REST,
  TEST_CARD,
  basic,
  createSession,
  manualClock,
  testApp,
} from './helpers.ts';

const JSON_AUTH = { authorization: AUTH };
let app: FastifyInstance;
afterEach(() => app?.close());

function update(sessionId: string, payload: object, base = REST) {
  return app.inject({ method: 'PUT', url: `${base}/session/${sessionId}`, headers: JSON_AUTH, payload });
}
function retrieve(sessionId: string, base = REST) {
  return app.inject({ method: 'GET', url: `${base}/session/${sessionId}`, headers: JSON_AUTH });
}

describe('Create Session', () => {
  it('answers 201 with the Mastercard fields and echoes correlationId', async () => {
    app = await testApp();
    const response = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: JSON_AUTH,
      payload: { correlationId: 'order-17' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ correlationId: 'order-17', merchant: 'TESTMERCHANT', result: 'SUCCESS' });
    expect(body.session.id).toMatch(/^SESSION[0-9A-Za-z]{24,28}$/);
    expect(body.session.id.length).toBeGreaterThanOrEqual(31);
    expect(body.session.id.length).toBeLessThanOrEqual(35);
    expect(body.session.aes256Key).toHaveLength(44);
    expect(Buffer.from(body.session.aes256Key, 'base64')).toHaveLength(32);
    expect(body.session).toMatchObject({ authenticationLimit: 5, updateStatus: 'NO_UPDATE' });
    expect(body.session.version).toMatch(/^[0-9a-f]{10}$/);
  });

  it('accepts no body at all and a chosen authenticationLimit', async () => {
    app = await testApp();
    const bare = await app.inject({ method: 'POST', url: `${REST}/session`, headers: JSON_AUTH });
    expect(bare.statusCode).toBe(201);
    expect(bare.json()).not.toHaveProperty('correlationId');
    const limited = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: JSON_AUTH,
      payload: { session: { authenticationLimit: 25 } },
    });
    expect(limited.json().session.authenticationLimit).toBe(25);
    const zero = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: JSON_AUTH,
      payload: { session: { authenticationLimit: 0 } },
    });
    expect(zero.json().session.authenticationLimit).toBe(0);
  });

  it('gives every session its own id and key', async () => {
    app = await testApp();
    const bodies = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({ method: 'POST', url: `${REST}/session`, headers: JSON_AUTH }).then((r) => r.json()),
      ),
    );
    expect(new Set(bodies.map((b) => b.session.id)).size).toBe(5);
    expect(new Set(bodies.map((b) => b.session.aes256Key)).size).toBe(5);
  });

  it('works for every API version from 18 to 100', async () => {
    app = await testApp();
    for (const version of [18, 57, 100]) {
      const base = `/api/rest/version/${version}/merchant/TESTMERCHANT`;
      const id = await createSession(app, {}, base);
      expect((await retrieve(id, base)).statusCode).toBe(200);
    }
  });
});

describe('Update and Retrieve Session', () => {
  it('stores fields, masks the card, and shows a CSC as xxx', async () => {
    app = await testApp();
    const id = await createSession(app);
    const response = await update(id, {
      correlationId: 'u-1',
      order: { amount: '12.50', currency: 'EUR', reference: 'ref-9' },
      sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } },
      customer: { email: 'payer@example.com', firstName: 'Jane' },
      billing: { address: { city: 'Dublin', country: 'IRL' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().correlationId).toBe('u-1');
    const body = (await retrieve(id)).json();
    expect(body).toEqual({
      merchant: 'TESTMERCHANT',
      session: {
        id,
        authenticationLimit: 5,
        updateStatus: 'SUCCESS',
        version: response.json().session.version,
      },
      order: { amount: '12.50', currency: 'EUR', reference: 'ref-9' },
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: {
            brand: 'MASTERCARD',
            scheme: 'MASTERCARD',
            fundingMethod: 'DEBIT',
            issuer: 'Sandbox Bank Debit',
            number: '512345xxxxxx0008',
            expiry: { month: '1', year: '39' },
            securityCode: 'xxx',
            nameOnCard: 'Jane Payer',
          },
        },
      },
      customer: { email: 'payer@example.com', firstName: 'Jane' },
      billing: { address: { city: 'Dublin', country: 'IRL' } },
    });
    expect(JSON.stringify(body)).not.toContain(TEST_CARD.number);
    expect(body).not.toHaveProperty('correlationId');
  });

  it('overwrites fields and never removes one, with a new version each time', async () => {
    app = await testApp();
    const id = await createSession(app);
    const first = await update(id, { order: { amount: '1.00', currency: 'USD' } });
    const second = await update(id, { order: { amount: '2.00' }, customer: { lastName: 'Payer' } });
    const body = (await retrieve(id)).json();
    expect(body.order).toEqual({ amount: '2.00', currency: 'USD' });
    expect(body.customer).toEqual({ lastName: 'Payer' });
    expect(first.json().session.version).not.toBe(second.json().session.version);
    expect(body.session.version).toBe(second.json().session.version);
  });

  it('validates a CSC sent alone against the brand of the stored number', async () => {
    app = await testApp();
    const id = await createSession(app);
    await update(id, {
      sourceOfFunds: { provided: { card: { number: '371881634498004', securityCode: '1000' } } },
    });
    expect(
      (await update(id, { sourceOfFunds: { provided: { card: { securityCode: '123' } } } })).statusCode,
    ).toBe(400);
    expect(
      (await update(id, { sourceOfFunds: { provided: { card: { securityCode: '1234' } } } })).statusCode,
    ).toBe(200);
  });

  it('marks a rejected update FAILURE without touching the content, then SUCCESS again', async () => {
    app = await testApp();
    const id = await createSession(app);
    await update(id, { order: { amount: '3.00' } });
    const rejected = await update(id, {
      order: { amount: '4.00' },
      sourceOfFunds: { provided: { card: { ...TEST_CARD, number: '5123450000000009' } } },
    });
    expect(rejected.statusCode).toBe(400);
    const afterFailure = (await retrieve(id)).json();
    expect(afterFailure.session.updateStatus).toBe('FAILURE');
    expect(afterFailure.order).toEqual({ amount: '3.00' });
    expect(afterFailure).not.toHaveProperty('sourceOfFunds');
    await update(id, { order: { amount: '5.00' } });
    expect((await retrieve(id)).json().session.updateStatus).toBe('SUCCESS');
  });

  it('treats another merchant’s session as unknown', async () => {
    app = await testApp();
    const id = await createSession(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/rest/version/100/merchant/OTHER_MERCHANT-2/session/${id}`,
      headers: { authorization: basic('merchant.OTHER_MERCHANT-2', OTHER_PASSWORD) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ cause: 'INVALID_REQUEST', explanation: 'Session not found.' });
  });

  it('refuses a session used with another API version than it was created with', async () => {
    app = await testApp();
    const id = await createSession(app, {}, '/api/rest/version/58/merchant/TESTMERCHANT');
    const response = await retrieve(id);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.explanation).toMatch(/different API version/);
  });
});

describe('Session expiry', () => {
  it('answers "expired" after the TTL, and "unknown" once swept', async () => {
    const clock = manualClock();
    app = await testApp({ now: clock.now }, { sessionTtlSeconds: 60 });
    const id = await createSession(app);
    clock.advance(59_000);
    expect((await retrieve(id)).statusCode).toBe(200);
    clock.advance(1_000);
    const expired = await retrieve(id);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toEqual({ cause: 'INVALID_REQUEST', explanation: 'Session has expired.' });
    expect((await update(id, { order: { amount: '1.00' } })).json().error.explanation).toBe(
      'Session has expired.',
    );
    clock.advance(61_000);
    await app.gateway.sessions.sweep();
    expect((await retrieve(id)).json().error.explanation).toBe('Session not found.');
  });
});

describe('other routes', () => {
  it('GET /healthz answers ok', async () => {
    app = await testApp();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('405 names the allowed methods', async () => {
    app = await testApp();
    const response = await app.inject({
      method: 'PATCH',
      url: `${REST}/session/SESSION000000000000000000000000`,
      headers: JSON_AUTH,
    });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('PUT, GET');
  });
});
