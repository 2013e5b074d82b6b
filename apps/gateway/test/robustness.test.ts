import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, BROWSER, REST, basic, cardSession, createSession, testApp } from './helpers.ts';

describe('no input makes the gateway fail', () => {
  let app: FastifyInstance;
  let sessionId: string;
  beforeAll(async () => {
    app = await testApp();
    sessionId = await createSession(app, { session: { authenticationLimit: 25 } });
  });
  afterAll(() => app.close());

  function expectWellFormed(response: { statusCode: number; body: string }) {
    expect(response.statusCode).toBeLessThan(500);
    const body = JSON.parse(response.body);
    if (response.statusCode >= 400) {
      expect(body.result).toBe('ERROR');
      expect(['INVALID_REQUEST', 'REQUEST_REJECTED']).toContain(body.error.cause);
    }
  }

  it('answers any JSON body to Update Session with 200 or a Mastercard error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const response = await app.inject({
          method: 'PUT',
          url: `${REST}/session/${sessionId}`,
          headers: { authorization: AUTH, 'content-type': 'application/json' },
          payload: JSON.stringify(value),
        });
        expectWellFormed(response);
      }),
      { numRuns: 150 },
    );
  });

  it('answers any JSON body to a transaction with 201 or a Mastercard error, and any order stays readable', async () => {
    const paySession = await cardSession(app);
    let sequence = 0;
    const operation = fc.record(
      {
        apiOperation: fc.constantFrom('PAY', 'AUTHORIZE', 'VERIFY', 'CAPTURE', 'REFUND', 'VOID', 'NOPE'),
        order: fc.record(
          {
            amount: fc.oneof(fc.string(), fc.constantFrom('1.00', '0.5', '99999999999999')),
            currency: fc.constantFrom('USD', 'JPY', 'KWD', 'usd'),
          },
          { requiredKeys: [] },
        ),
        session: fc.oneof(fc.constant({ id: paySession }), fc.jsonValue({ maxDepth: 2 })),
        sourceOfFunds: fc.oneof(fc.constant({ type: 'CARD' }), fc.jsonValue({ maxDepth: 3 })),
        transaction: fc.record(
          {
            amount: fc.constantFrom('1.00', '20.00'),
            currency: fc.constant('USD'),
            targetTransactionId: fc.constantFrom('t-1', 't-2'),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(operation, fc.jsonValue({ maxDepth: 4 })), async (value) => {
        sequence += 1;
        const response = await app.inject({
          method: 'PUT',
          url: `${REST}/order/fuzz-${sequence % 5}/transaction/t-${sequence}`,
          headers: { authorization: AUTH, 'content-type': 'application/json' },
          payload: JSON.stringify(value),
        });
        expectWellFormed(response);
        if (response.statusCode < 400) expect(response.statusCode).toBe(201);
        const order = await app.inject({
          method: 'GET',
          url: `${REST}/order/fuzz-${sequence % 5}`,
          headers: { authorization: AUTH },
        });
        expect([200, 404]).toContain(order.statusCode);
      }),
      { numRuns: 150 },
    );
  });

  it('answers odd URLs and headers with a Mastercard error', async () => {
    const requests = [
      { method: 'GET', url: `${REST}/session/%E0%A4%A` },
      { method: 'GET', url: `/api/rest/version/100/merchant/${'x'.repeat(200)}/session` },
      {
        method: 'PUT',
        url: `${REST}/session/${sessionId}`,
        headers: { authorization: AUTH, 'content-type': 'application/json; charset=utf-8' },
        payload: '{"order":{"amount":"1.00"}}',
      },
      {
        method: 'PUT',
        url: `${REST}/session/${sessionId}`,
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        payload: '\u0000',
      },
      {
        method: 'PUT',
        url: `${BROWSER}/session/${sessionId}`,
        headers: {
          authorization: basic('merchant.TESTMERCHANT', sessionId),
          'content-type': 'application/json',
        },
        payload:
          '{"sourceOfFunds":{"type":"CARD","provided":{"card":{"number":"５１２３４５０００００００００８"}}}}',
      },
      {
        method: 'POST',
        url: `${REST}/session`,
        headers: {
          authorization: `Basic ${Buffer.from('merchant.TESTMERCHANT:\u00ff\u0000').toString('base64')}`,
        },
      },
      { method: 'OPTIONS', url: `${REST}/session` },
    ] as const;
    for (const request of requests) expectWellFormed(await app.inject(request));
  });
});
