import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OTHER_SECRET_KEY,
  OTHER_TERMINAL_ID,
  REST,
  AUTH,
  TERMINAL_ID,
  manualClock,
  testApp,
  yieldingStore,
} from './helpers.ts';
import { PAYMENT_REQUEST, SESSIONS_PATH, accessToken, postSessionToken } from './payroc-helpers.ts';

describe('Payroc-shaped hosted-fields session tokens', () => {
  const clock = manualClock();
  let app: FastifyInstance;
  let token: string;
  beforeAll(async () => {
    app = await testApp({ now: clock.now, store: yieldingStore() });
    token = await accessToken(app);
  });
  afterAll(() => app.close());

  it('exchanges the secret key for a Bearer token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/identity/authorize',
      headers: { 'x-api-key': 'sk_test_0123456789abcdef' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
  });

  it('refuses a wrong or missing API key with 401 problem details', async () => {
    for (const headers of [{ 'x-api-key': 'sk_test_wrong_key_000' }, {}]) {
      const response = await app.inject({ method: 'POST', url: '/identity/authorize', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        type: 'https://docs.payroc.com/api/errors#not-authorized',
        title: 'Not authorized',
        status: 401,
        instance: '/identity/authorize',
      });
    }
  });

  it('creates a token for the terminal, good for ten minutes, that is the session PAY names', async () => {
    const response = await postSessionToken(app, { token });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      processingTerminalId: TERMINAL_ID,
      token: expect.any(String),
      expiresAt: new Date(clock.now() + 600_000).toISOString(),
    });
    const session = await app.inject({
      method: 'GET',
      url: `${REST}/session/${body.token}`,
      headers: { authorization: AUTH },
    });
    expect(session.statusCode).toBe(200);
  });

  it('answers 404 for an unknown terminal and 403 for another merchant’s', async () => {
    expect((await postSessionToken(app, { token, terminal: '9999999' })).statusCode).toBe(404);
    expect((await postSessionToken(app, { token, terminal: OTHER_TERMINAL_ID })).statusCode).toBe(403);
    const other = await accessToken(app, OTHER_SECRET_KEY);
    expect((await postSessionToken(app, { token: other, terminal: OTHER_TERMINAL_ID })).statusCode).toBe(201);
  });

  it('refuses a Bearer token once it has expired, and one that was tampered with', async () => {
    const early = await accessToken(app);
    expect((await postSessionToken(app, { token: early })).statusCode).toBe(201);
    const [payload, mac] = early.split('.');
    const forged = `${Buffer.from(JSON.stringify({ m: 'TESTMERCHANT', e: clock.now() + 1e9 })).toString('base64url')}.${mac}`;
    expect(payload).not.toBe(forged.split('.')[0]);
    expect((await postSessionToken(app, { token: forged })).statusCode).toBe(401);
    clock.advance(3_600_000);
    const expired = await postSessionToken(app, { token: early });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer');
    token = await accessToken(app);
  });

  it('expires the token ten minutes after creation: the fields can no longer use it', async () => {
    const created = (await postSessionToken(app, { token })).json();
    clock.advance(599_999);
    const live = await app.inject({
      method: 'GET',
      url: `${REST}/session/${created.token}`,
      headers: { authorization: AUTH },
    });
    expect(live.statusCode).toBe(200);
    clock.advance(1);
    const expired = await app.inject({
      method: 'GET',
      url: `${REST}/session/${created.token}`,
      headers: { authorization: AUTH },
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.explanation).toBe('Session has expired.');
  });

  describe('Idempotency-Key', () => {
    it('answers the same key and body with the first response, unchanged', async () => {
      const key = randomUUID();
      const first = await postSessionToken(app, { token, key });
      const again = await postSessionToken(app, { token, key });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
    });

    it('treats the same body in another key order or with nulls as the same request', async () => {
      const key = randomUUID();
      const first = await postSessionToken(app, {
        token,
        key,
        body: { scenario: 'payment', libVersion: PAYMENT_REQUEST.libVersion },
      });
      const again = await postSessionToken(app, {
        token,
        key,
        body: { ...PAYMENT_REQUEST, secureTokenId: null },
      });
      expect(again.json()).toEqual(first.json());
    });

    it('refuses the same key with another body with 409', async () => {
      const key = randomUUID();
      await postSessionToken(app, { token, key });
      const other = await postSessionToken(app, {
        token,
        key,
        body: { ...PAYMENT_REQUEST, scenario: 'tokenization' },
      });
      expect(other.statusCode).toBe(409);
      expect(other.json()).toMatchObject({
        type: 'https://docs.payroc.com/api/errors#idempotency-key-in-use',
        title: 'Idempotency key in use',
        status: 409,
      });
    });

    it('keeps keys per merchant: another merchant’s same key is a new request', async () => {
      const key = randomUUID();
      const mine = await postSessionToken(app, { token, key });
      const theirs = await postSessionToken(app, {
        token: await accessToken(app, OTHER_SECRET_KEY),
        key,
        terminal: OTHER_TERMINAL_ID,
      });
      expect(theirs.statusCode).toBe(201);
      expect(theirs.json().token).not.toBe(mine.json().token);
    });

    it('answers 20 racing requests with one key with one token', async () => {
      const key = randomUUID();
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => postSessionToken(app, { token, key })),
      );
      expect(new Set(replies.map((reply) => reply.statusCode))).toEqual(new Set([201]));
      expect(new Set(replies.map((reply) => reply.json().token)).size).toBe(1);
    });

    it('keeps a key for 24 hours, then forgets it', async () => {
      const key = randomUUID();
      const first = await postSessionToken(app, { token, key });
      clock.advance(24 * 3_600_000 - 1);
      token = await accessToken(app);
      expect((await postSessionToken(app, { token, key })).json()).toEqual(first.json());
      clock.advance(1);
      const later = await postSessionToken(app, { token, key });
      expect(later.statusCode).toBe(201);
      expect(later.json().token).not.toBe(first.json().token);
    });

    it('does not keep a refused request: the corrected retry with the same key runs', async () => {
      const key = randomUUID();
      const refused = await postSessionToken(app, {
        token,
        key,
        body: { ...PAYMENT_REQUEST, scenario: 'tokenization', secureTokenId: '9999999999999999' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ parameter: 'secureTokenId' })]);
      expect(
        (
          await postSessionToken(app, {
            token,
            key,
            body: { ...PAYMENT_REQUEST, scenario: 'tokenization', secureTokenId: '9999999999999999' },
          })
        ).statusCode,
      ).toBe(400);
    });
  });

  it('answers 405 with Allow for other methods, in problem details', async () => {
    const response = await app.inject({
      method: 'GET',
      url: SESSIONS_PATH(),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
