import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BEARER,
  TEST_BROWSER as BROWSER,
  TEST_URLS as URLS,
  getSession,
  postSession,
  sessionRequest,
} from './checkout-helpers.ts';
import {
  AUTH,
  OTHER_SECRET_KEY,
  REST,
  TEST_CARD,
  cardSession,
  createSession,
  manualClock,
  testApp,
} from './helpers.ts';

describe('POST /sessions and GET /sessions/{id}', () => {
  let app: FastifyInstance;
  const clock = manualClock(Date.UTC(2026, 10, 30, 12));
  beforeAll(async () => {
    app = await testApp({ now: clock.now });
  });
  afterAll(() => app.close());

  it('answers the seed’s request 202 pending, with the interceptor to redirect the cardholder to', async () => {
    const response = await postSession(app, sessionRequest());
    expect(response.statusCode).toBe(202);
    expect(response.headers['cko-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const body = response.json();
    expect(body).toMatchObject({
      id: expect.stringMatching(/^sid_[a-z2-7]{26}$/),
      transaction_id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      scheme: 'mastercard',
      amount: 100,
      currency: 'USD',
      authentication_type: 'regular',
      authentication_category: 'payment',
      status: 'pending',
      completed: false,
      next_actions: ['redirect_cardholder'],
      protocol_version: '2.2.0',
      reference: 'ORD-5023-4E89',
      challenge_indicator: 'no_preference',
    });
    expect(body._links.redirect.href).toMatch(new RegExp(`/3ds/interceptor/${body.id}$`));
    expect(body._links.self.href).toMatch(new RegExp(`/sessions/${body.id}$`));
    expect(JSON.stringify(body)).not.toContain('5123450000000008');

    const read = await getSession(app, body.id);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('answers 201 when the outcome is known at once: a card outside 3-D Secure', async () => {
    const response = await postSession(app, sessionRequest({}, '2223000000000007'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      completed: true,
      approved: false,
      liability_shift: false,
      next_actions: ['complete'],
    });
    expect(response.json()._links.redirect).toBeUndefined();
  });

  it('reports the whole result once the cardholder is through: ECI, cryptogram, dates, ids', async () => {
    const created = (await postSession(app, sessionRequest({}, '5123456789012346'))).json();
    const { authentications } = app.gateway;
    await authentications.start(created.id, BROWSER, URLS);
    await authentications.completeMethod(created.transaction_id);
    await authentications.continue(created.id, URLS);
    const body = (await getSession(app, created.id)).json();
    expect(body).toMatchObject({
      status: 'approved',
      approved: true,
      completed: true,
      challenged: false,
      response_code: 'Y',
      eci: '02',
      cryptogram: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/),
      authentication_date: new Date(clock.now()).toISOString(),
      flow_type: 'frictionless',
      liability_shift: true,
      next_actions: ['complete'],
      ds: { ds_id: 'A000000004', transaction_id: expect.any(String), reference_number: expect.any(String) },
      acs: { transaction_id: expect.any(String), reference_number: expect.any(String) },
    });
  });

  it('shows a requested exemption and what the issuer applied', async () => {
    const created = (
      await postSession(
        app,
        sessionRequest(
          { challenge_indicator: 'low_value', amount: 2500, currency: 'EUR' },
          '4508750015741019',
        ),
      )
    ).json();
    expect(created.challenge_indicator).toBe('low_value');
    const { authentications } = app.gateway;
    await authentications.start(created.id, BROWSER, URLS);
    await authentications.completeMethod(created.transaction_id);
    await authentications.continue(created.id, URLS);
    expect((await getSession(app, created.id)).json()).toMatchObject({
      status: 'approved',
      response_code: 'I',
      eci: '07',
      liability_shift: false,
      exemption: { requested: 'low_value', applied: 'low_value' },
    });
  });

  describe('sources a merchant never holds the number of', () => {
    it('authenticates the card of a hosted session the payment fields filled', async () => {
      const session = await cardSession(app);
      const response = await postSession(app, sessionRequest({ source: { type: 'token', token: session } }));
      expect(response.statusCode).toBe(202);
      expect(response.json()).toMatchObject({ scheme: 'mastercard', status: 'pending' });
      // Reading the card for 3-D Secure does not use the session: its CSC is still there for the payment.
      const read = await app.inject({
        method: 'GET',
        url: `${REST}/session/${session}`,
        headers: { authorization: AUTH },
      });
      expect(read.json().sourceOfFunds.provided.card.securityCode).toBe('xxx');
    });

    it('authenticates a stored card by its token', async () => {
      const session = await cardSession(app);
      const token = (
        await app.inject({
          method: 'POST',
          url: `${REST}/token`,
          headers: { authorization: AUTH },
          payload: { session: { id: session } },
        })
      ).json().token;
      const response = await postSession(app, sessionRequest({ source: { type: 'id', id: token } }));
      expect(response.statusCode).toBe(202);
    });

    it('refuses a session without a card, an unknown one, another merchant’s, and an unknown token', async () => {
      const empty = await createSession(app);
      for (const source of [
        { type: 'token', token: empty },
        { type: 'token', token: 'SESSION000000000000000000000000' },
        { type: 'id', id: '9000000000000001' },
      ]) {
        const response = await postSession(app, sessionRequest({ source }));
        expect(response.statusCode, JSON.stringify(source)).toBe(422);
        expect(response.json().error_codes).toEqual([
          source.type === 'id' ? 'source_id_invalid' : 'token_invalid',
        ]);
      }
      const session = await cardSession(app);
      const theirs = await postSession(
        app,
        sessionRequest({ source: { type: 'token', token: session } }),
        `Bearer ${OTHER_SECRET_KEY}`,
      );
      expect(theirs.json().error_codes).toContain('token_invalid');
    });

    it('refuses an expired session', async () => {
      const session = await cardSession(app);
      clock.advance(901_000);
      const response = await postSession(app, sessionRequest({ source: { type: 'token', token: session } }));
      expect(response.json().error_codes).toEqual(['token_expired']);
    });
  });

  describe('the merchant’s secret key', () => {
    it.each([
      ['no Authorization', undefined],
      ['a wrong key', 'Bearer sk_test_wrong_key_1234'],
      ['the API password as Basic', AUTH],
      ['an empty Bearer', 'Bearer '],
    ])('refuses %s with 401 in Checkout.com’s shape', async (_name, authorization) => {
      const response = await app.inject({
        method: 'POST',
        url: '/sessions',
        headers: authorization === undefined ? {} : { authorization },
        payload: sessionRequest(),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json()).toEqual({
        request_id: response.headers['cko-request-id'],
        error_type: 'unauthorized',
      });
    });

    it('takes the bare key as older integrations send it', async () => {
      const response = await postSession(app, sessionRequest(), BEARER.slice('Bearer '.length));
      expect(response.statusCode).toBe(202);
    });

    it('shows a merchant only its own sessions', async () => {
      const id = (await postSession(app, sessionRequest())).json().id;
      const theirs = await getSession(app, id, `Bearer ${OTHER_SECRET_KEY}`);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toMatchObject({ error_type: 'resource_not_found' });
      expect((await getSession(app, 'sid_aaaaaaaaaaaaaaaaaaaaaaaaaa')).statusCode).toBe(404);
      expect((await getSession(app, '..%2F..%2Fetc')).statusCode).toBe(404);
    });
  });

  describe('where the cardholder and the result go', () => {
    it('lets the sandbox merchant send the cardholder to any absolute http(s) URL', async () => {
      const response = await postSession(
        app,
        sessionRequest({
          completion: {
            type: 'hosted',
            success_url: 'https://anywhere.example/ok?a=1',
            failure_url: 'http://x.example/no',
          },
        }),
      );
      expect(response.statusCode).toBe(202);
    });

    it.each([
      ['javascript:alert(1)', 'success_url_invalid'],
      ['/relative/path', 'success_url_invalid'],
      ['ftp://example.com/file', 'success_url_invalid'],
      ['https://user:secret@example.com/', 'success_url_invalid'],
    ])('refuses %s even in the sandbox', async (url, code) => {
      const response = await postSession(
        app,
        sessionRequest({
          completion: { type: 'hosted', success_url: url, failure_url: 'http://example.com/f' },
        }),
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().error_codes).toEqual([code]);
    });

    it('holds other merchants to their registered origins, callback included (no open redirect, no SSRF)', async () => {
      const other = `Bearer ${OTHER_SECRET_KEY}`;
      const visa = sessionRequest({}, '4508750015741019');
      const open = await postSession(
        app,
        {
          ...visa,
          completion: {
            type: 'hosted',
            success_url: 'https://attacker.example/steal',
            failure_url: 'https://shop.example.attacker.example/f',
            callback_url: 'http://169.254.169.254/latest',
          },
        },
        other,
      );
      expect(open.statusCode).toBe(422);
      expect(open.json().error_codes).toEqual([
        'success_url_invalid',
        'failure_url_invalid',
        'callback_url_invalid',
      ]);
      const registered = await postSession(
        app,
        {
          ...visa,
          completion: {
            type: 'hosted',
            success_url: 'https://shop.example/ok',
            failure_url: 'https://shop.example/ko',
          },
        },
        other,
      );
      expect(registered.statusCode).toBe(202);
      const nonHosted = await postSession(
        app,
        { ...visa, completion: { type: 'non_hosted', callback_url: 'https://evil.example/cb' } },
        other,
      );
      expect(nonHosted.json().error_codes).toEqual(['callback_url_invalid']);
    });
  });

  describe('recurring and installment series', () => {
    it('fills a recurring series with the defaults: every day, no end', async () => {
      const body = (await postSession(app, sessionRequest({ authentication_type: 'recurring' }))).json();
      expect(body.recurring).toEqual({ days_between_payments: 1, expiry: '99991231' });
      const given = (
        await postSession(
          app,
          sessionRequest({
            authentication_type: 'recurring',
            recurring: { days_between_payments: 28, expiry: 20301231 },
          }),
        )
      ).json();
      expect(given.recurring).toEqual({ days_between_payments: 28, expiry: '20301231' });
    });

    it('needs the number of payments of an installment series, at least 1', async () => {
      const missing = await postSession(app, sessionRequest({ authentication_type: 'installment' }));
      expect(missing.json().error_codes).toEqual(['installment_required']);
      const zero = await postSession(
        app,
        sessionRequest({ authentication_type: 'installment', installment: { number_of_payments: 0 } }),
      );
      expect(zero.json().error_codes).toEqual(['number_of_payments_invalid']);
      const body = (
        await postSession(
          app,
          sessionRequest({ authentication_type: 'installment', installment: { number_of_payments: 12 } }),
        )
      ).json();
      expect(body.installment).toEqual({
        number_of_payments: 12,
        days_between_payments: 1,
        expiry: '99991231',
      });
    });

    it('refuses a series that ended already, and ignores series objects on a regular authentication', async () => {
      const ended = await postSession(
        app,
        sessionRequest({ authentication_type: 'recurring', recurring: { expiry: '20200101' } }),
      );
      expect(ended.json().error_codes).toEqual(['recurring_expiry_invalid']);
      const regular = (
        await postSession(app, sessionRequest({ recurring: { days_between_payments: 7 } }))
      ).json();
      expect(regular.recurring).toBeUndefined();
    });
  });

  it('takes null for absent and JSON whatever the Content-Type says', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sessions',
      headers: { authorization: BEARER, 'content-type': 'text/plain' },
      payload: JSON.stringify(
        sessionRequest({ reference: null, shipping_address: null, account_info: null }),
      ),
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().reference).toBeUndefined();
  });

  it('keeps the card data out of every answer and of the stored authentication', async () => {
    const response = await postSession(
      app,
      sessionRequest({
        source: {
          ...TEST_CARD,
          type: 'card',
          number: '5123450000000008',
          expiry_month: 1,
          expiry_year: 2039,
        },
      }),
    );
    const stored = await app.gateway.authentications.get('TESTMERCHANT', response.json().id);
    const text = JSON.stringify(stored, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(text).not.toContain('5123450000000008');
    expect(stored.card.number).toBe('512345xxxxxx0008');
  });

  it('answers other methods 405', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/sessions',
      headers: { authorization: BEARER },
    });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ error_type: 'method_not_allowed' });
  });
});
