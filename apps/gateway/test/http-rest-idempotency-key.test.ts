import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH,
  OTHER_PASSWORD,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  createSession,
  testApp,
  yieldingStore,
} from './helpers.ts';

describe('Idempotency-Key on the Mastercard API’s create operations (optional there)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ store: yieldingStore() });
  });
  afterAll(() => app.close());

  const post = (path: string, payload: object, key?: string, authorization = AUTH, base = REST) =>
    app.inject({
      method: 'POST',
      url: `${base}/${path}`,
      headers: { authorization, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });

  it('create session: the same key and body answer the first session; no key makes a new one each time', async () => {
    const key = randomUUID();
    const first = await post('session', { session: { authenticationLimit: 7 } }, key);
    expect(first.statusCode).toBe(201);
    const again = await post('session', { session: { authenticationLimit: 7 } }, key.toUpperCase());
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const plain = [await post('session', {}), await post('session', {})];
    expect(plain[0]!.json().session.id).not.toBe(plain[1]!.json().session.id);
  });

  it('create session: 20 racing requests with one key make one session', async () => {
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 20 }, () => post('session', {}, key)));
    expect(new Set(replies.map((reply) => reply.statusCode))).toEqual(new Set([201]));
    expect(new Set(replies.map((reply) => reply.json().session.id)).size).toBe(1);
  });

  it('refuses the key with another body, or a malformed key, in Mastercard’s error body', async () => {
    const key = randomUUID();
    await post('session', {}, key);
    const other = await post('session', { session: { authenticationLimit: 3 } }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', explanation: expect.stringMatching(/Idempotency-Key/) },
    });
    for (const malformed of ['', 'retry-1', 'c232ab00-9414-11ec-b3c8-9e6bdeced846']) {
      const refused = await post('session', {}, malformed);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.explanation).toMatch(/UUID v4/);
    }
  });

  it('keeps keys per merchant', async () => {
    const key = randomUUID();
    const mine = await post('session', {}, key);
    const theirs = await post(
      'session',
      {},
      key,
      basic('merchant.OTHER_MERCHANT-2', OTHER_PASSWORD),
      '/api/rest/version/100/merchant/OTHER_MERCHANT-2',
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().session.id).not.toBe(mine.json().session.id);
  });

  it('create token: a retry with the key answers the first token and stores no second card', async () => {
    const sessionId = await createSession(app);
    expect((await browserPut(app, sessionId, TEST_CARD)).statusCode).toBe(200);
    const key = randomUUID();
    const body = { session: { id: sessionId }, sourceOfFunds: { type: 'CARD' } };
    const first = await post('token', body, key);
    expect(first.statusCode).toBe(201);
    const again = await post('token', body, key);
    expect(again.json()).toEqual(first.json());
    // Without the key the retry stores the card again under a new token.
    const unkeyed = await post('token', body);
    expect(unkeyed.json().token).not.toBe(first.json().token);
  });

  it('a refused create keeps no answer: the corrected request with the same key runs', async () => {
    const key = randomUUID();
    const refused = await post('session', { session: { authenticationLimit: 99 } }, key);
    expect(refused.statusCode).toBe(400);
    expect((await post('session', { session: { authenticationLimit: 99 } }, key)).statusCode).toBe(400);
  });

  it('payment options inquiry is read-only and ignores the header', async () => {
    const inquiry = await app.inject({
      method: 'POST',
      url: `${REST}/paymentOptionsInquiry`,
      headers: { authorization: AUTH, 'idempotency-key': 'not-a-uuid' },
      payload: {},
    });
    expect(inquiry.statusCode).toBe(200);
  });
});
