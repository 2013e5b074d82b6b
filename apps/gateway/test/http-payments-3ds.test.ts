import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorProcessor, type PaymentRequest, type ProcessorResponse } from '../src/processor/index.ts';
import { authenticate, sessionRequest } from './checkout-helpers.ts';
import {
  AUTH,
  OTHER_SECRET_KEY,
  REST,
  TEST_CARD,
  cardSession,
  getOrder,
  putTransaction,
  testApp,
  yieldingStore,
} from './helpers.ts';

const CHALLENGE_CARD = '5123450000000008';
const FRICTIONLESS_CARD = '5123456789012346';

/** The simulator, remembering what each payment handed to the acquirer. */
class RecordingProcessor extends SimulatorProcessor {
  readonly payments: PaymentRequest[] = [];
  override pay(request: PaymentRequest): Promise<ProcessorResponse> {
    this.payments.push(request);
    return super.pay(request);
  }
}

const pay = (sessionId: string, transactionId: string, order = { amount: '10.00', currency: 'USD' }) => ({
  apiOperation: 'PAY',
  order,
  session: { id: sessionId },
  sourceOfFunds: { type: 'CARD' },
  authentication: { '3ds': { transactionId } },
});

describe('PAY and AUTHORIZE with a 3-D Secure authentication', () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  async function setup(options: Parameters<typeof testApp>[0] = {}) {
    app = await testApp(options);
    const session = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
    const authentication = await authenticate(
      app,
      sessionRequest({ amount: 1000, currency: 'USD' }, CHALLENGE_CARD),
    );
    expect(authentication.status).toBe('approved');
    return { session, authentication };
  }

  it('carries the result to the acquirer and reports it in the transaction', async () => {
    const processor = new RecordingProcessor();
    const { session, authentication } = await setup({ processor });
    const response = await putTransaction(
      app,
      'order-1',
      'pay-1',
      pay(session, authentication.transaction_id),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED' },
      authentication: {
        '3ds': {
          acsEci: '02',
          authenticationToken: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/),
          transactionId: authentication.transaction_id,
        },
        '3ds2': { protocolVersion: '2.2.0', transactionStatus: 'Y', dsTransactionId: expect.any(String) },
        version: '3DS2',
        liabilityShift: true,
      },
    });
    expect(processor.payments[0]!.authentication).toMatchObject({
      transStatus: 'Y',
      eci: '02',
      authenticationValue: body.authentication['3ds'].authenticationToken,
    });
    const order = (await getOrder(app, 'order-1')).json();
    expect(order.transaction[0].authentication).toEqual(body.authentication);
  });

  it('refuses the authentication replayed on a second payment, and leaves that order untouched', async () => {
    const { session, authentication } = await setup();
    expect(
      (await putTransaction(app, 'order-1', 'pay-1', pay(session, authentication.transaction_id))).statusCode,
    ).toBe(201);
    const second = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
    const replay = await putTransaction(app, 'order-2', 'pay-1', pay(second, authentication.transaction_id));
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toEqual({
      result: 'ERROR',
      error: {
        cause: 'INVALID_REQUEST',
        explanation: 'The authentication was used by another payment.',
        field: 'authentication.3ds.transactionId',
        validationType: 'INVALID',
      },
    });
    expect((await getOrder(app, 'order-2')).statusCode).toBe(404);
    // The first payment resubmitted as it was gets its first answer again.
    const again = await putTransaction(app, 'order-1', 'pay-1', pay(session, authentication.transaction_id));
    expect(again.statusCode).toBe(201);
  });

  it('lets exactly one of two payments racing with one authentication through', async () => {
    app = await testApp({ store: yieldingStore() });
    const authentication = await authenticate(
      app,
      sessionRequest({ amount: 1000, currency: 'USD' }, FRICTIONLESS_CARD),
    );
    const sessions = await Promise.all(
      [1, 2, 3].map(() => cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD })),
    );
    const answers = await Promise.all(
      sessions.map((session, i) =>
        putTransaction(app, `race-${i}`, 'pay', pay(session, authentication.transaction_id)),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400, 400]);
  });

  it.each([
    [
      'another card',
      { number: '5123456789012346' },
      { amount: '10.00', currency: 'USD' },
      'for another card',
    ],
    ['another amount', {}, { amount: '10.01', currency: 'USD' }, 'for another amount'],
    ['another currency', {}, { amount: '10.00', currency: 'EUR' }, 'for another currency'],
  ])('refuses it for %s', async (_name, card, order, explanation) => {
    const { authentication } = await setup();
    const session = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD, ...card });
    const response = await putTransaction(
      app,
      'order-x',
      'pay',
      pay(session, authentication.transaction_id, order),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.explanation).toContain(explanation);
    expect((await getOrder(app, 'order-x')).statusCode).toBe(404);
  });

  it('refuses another merchant’s authentication, an unknown one and a failed one', async () => {
    const { session } = await setup();
    const theirs = await authenticate(app, sessionRequest({ amount: 1000 }, '4508750015741019'));
    // The other merchant's own session: its key, its card.
    const other = (
      await app.inject({
        method: 'POST',
        url: '/sessions',
        headers: { authorization: `Bearer ${OTHER_SECRET_KEY}` },
        payload: sessionRequest(
          {
            amount: 1000,
            completion: {
              type: 'hosted',
              success_url: 'https://shop.example/s',
              failure_url: 'https://shop.example/f',
            },
          },
          '4508750015741019',
        ),
      })
    ).json();
    const declined = await authenticate(app, sessionRequest({ amount: 1000 }, CHALLENGE_CARD), '0000');
    expect(theirs.status).toBe('approved');
    for (const [transactionId, explanation] of [
      [other.transaction_id, 'No such authentication.'],
      ['3f1c2b9e-1d2c-4a5b-8c7d-0e1f2a3b4c5d', 'No such authentication.'],
      [declined.transaction_id, 'The authentication did not succeed.'],
    ]) {
      const response = await putTransaction(app, 'order-y', 'pay', pay(session, transactionId!));
      expect(response.json().error.explanation).toBe(explanation);
    }
  });

  it('checks the reference’s form, and takes it only on PAY and AUTHORIZE', async () => {
    const { session, authentication } = await setup();
    const malformed = await putTransaction(app, 'order-z', 'pay', pay(session, 'not-a-uuid'));
    expect(malformed.json().error).toMatchObject({
      field: 'authentication.3ds.transactionId',
      validationType: 'INVALID',
    });
    const verify = await putTransaction(app, 'order-z', 'verify', {
      apiOperation: 'VERIFY',
      order: { currency: 'USD' },
      session: { id: session },
      authentication: { '3ds': { transactionId: authentication.transaction_id } },
    });
    expect(verify.json().error).toMatchObject({ field: 'authentication', validationType: 'UNSUPPORTED' });
    const authorize = await putTransaction(app, 'order-z', 'auth', {
      ...pay(session, authentication.transaction_id),
      apiOperation: 'AUTHORIZE',
    });
    expect(authorize.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds2': { transactionStatus: 'Y' } },
    });
  });

  it('takes the whole authentication group: how to authenticate beside the reference', async () => {
    const { session, authentication } = await setup();
    const response = await putTransaction(app, 'order-g', 'pay', {
      ...pay(session, authentication.transaction_id),
      authentication: {
        acceptVersions: '3DS2',
        channel: 'PAYER_BROWSER',
        purpose: 'PAYMENT_TRANSACTION',
        redirectResponseUrl: 'https://shop.example/3ds-return',
        '3ds': { transactionId: authentication.transaction_id },
      },
    });
    expect(response.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds': { transactionId: authentication.transaction_id }, liabilityShift: true },
    });
    const refused = await putTransaction(app, 'order-h', 'pay', {
      ...pay(session, authentication.transaction_id),
      authentication: { channel: 'EMAIL', '3ds': { transactionId: authentication.transaction_id } },
    });
    expect(refused.json().error).toMatchObject({
      field: 'authentication.channel',
      validationType: 'INVALID',
    });
  });

  it('pays with the reference its session holds, as with the session’s order; the request’s own wins', async () => {
    const { session, authentication } = await setup();
    const group = {
      channel: 'PAYER_BROWSER',
      '3ds': { transactionId: '3f1c2b9e-1d2c-4a5b-8c7d-0e1f2a3b4c5d' },
    };
    const update = (authentication: object) =>
      app.inject({
        method: 'PUT',
        url: `${REST}/session/${session}`,
        headers: { authorization: AUTH },
        payload: { authentication },
      });
    expect((await update(group)).statusCode).toBe(200);
    const retrieved = await app.inject({
      method: 'GET',
      url: `${REST}/session/${session}`,
      headers: { authorization: AUTH },
    });
    expect(retrieved.json().authentication).toEqual(group);

    // The session's reference is unknown: the request names the real one, and it is the one taken.
    const named = await putTransaction(app, 'order-s', 'pay', pay(session, authentication.transaction_id));
    expect(named.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds': { transactionId: authentication.transaction_id } },
    });

    const next = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const frictionless = await authenticate(
      app,
      sessionRequest({ amount: 1000, currency: 'USD' }, FRICTIONLESS_CARD),
    );
    const stored = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${next}`,
      headers: { authorization: AUTH },
      payload: { authentication: { '3ds': { transactionId: frictionless.transaction_id } } },
    });
    expect(stored.statusCode).toBe(200);
    const { authentication: _none, ...withoutReference } = pay(next, frictionless.transaction_id);
    const fromSession = await putTransaction(app, 'order-t', 'pay', withoutReference);
    expect(fromSession.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds': { transactionId: frictionless.transaction_id }, liabilityShift: true },
    });
  });

  it('pays as before without one, with the same enrolled card', async () => {
    app = await testApp();
    const session = await cardSession(app);
    const response = await putTransaction(app, 'plain', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: session },
      sourceOfFunds: { type: 'CARD' },
    });
    expect(response.json()).toMatchObject({ result: 'SUCCESS', response: { gatewayCode: 'APPROVED' } });
    expect(response.json().authentication).toBeUndefined();
  });
});
