import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeChallengeRequest } from '../src/domain/threeds/index.ts';
import {
  AUTH,
  BROWSER,
  REST,
  TEST_CARD,
  basic,
  cardSession,
  createSession,
  getOrder,
  putTransaction,
  testApp,
} from './helpers.ts';

const CHALLENGE_CARD = '5123450000000008';
const FRICTIONLESS_CARD = '5123456789012346';
const ATTEMPTED_CARD = '5500005555555559';
const REJECTED_CARD = '5506900140100503';
const OUTSIDE_CARD = '5111111111111118';
const NOT_ENROLLED_CARD = '2223000000000007';

const ORDER = { amount: '10.00', currency: 'USD' };
const BROWSER_DEVICE = {
  browser: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140',
  browserDetails: {
    acceptHeaders: 'text/html',
    colorDepth: 24,
    javaEnabled: false,
    language: 'en-GB',
    screenHeight: 900,
    screenWidth: 1440,
    timeZone: -60,
    '3DSecureChallengeWindowSize': 'FULL_SCREEN',
  },
  ipAddress: '203.0.113.7',
};

const initiate = (sessionId: string, extra: object = {}) => ({
  apiOperation: 'INITIATE_AUTHENTICATION',
  authentication: { acceptVersions: '3DS2', channel: 'PAYER_BROWSER', purpose: 'PAYMENT_TRANSACTION' },
  order: { currency: 'USD' },
  session: { id: sessionId },
  ...extra,
});

const authenticatePayer = (sessionId: string, extra: object = {}) => ({
  apiOperation: 'AUTHENTICATE_PAYER',
  authentication: { redirectResponseUrl: 'http://localhost:4601/3ds-return' },
  device: BROWSER_DEVICE,
  order: ORDER,
  session: { id: sessionId },
  ...extra,
});

const pay = (sessionId: string, extra: object = {}) => ({
  apiOperation: 'PAY',
  order: ORDER,
  session: { id: sessionId },
  sourceOfFunds: { type: 'CARD' },
  ...extra,
});

describe("Mastercard's 3-D Secure operations", () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await testApp();
  });
  afterEach(() => app.close());

  /** The issuer's 3DS Method reports back, as its hidden frame does in the payer's browser. */
  async function runMethod(body: { authentication: { '3ds'?: { transactionId: string } } }) {
    await app.gateway.authentications.completeMethod(body.authentication['3ds']!.transactionId);
  }

  /** INITIATE, the 3DS Method and AUTHENTICATE for a session holding `number`. */
  async function authenticateCard(number: string, orderId = 'order-1', transactionId = 'auth-1') {
    const session = await cardSession(app, { ...TEST_CARD, number });
    const initiated = await putTransaction(app, orderId, transactionId, initiate(session));
    expect(initiated.statusCode).toBe(201);
    if (initiated.json().authentication['3ds2']?.methodSupported === 'SUPPORTED')
      await runMethod(initiated.json());
    const authenticated = await putTransaction(app, orderId, transactionId, authenticatePayer(session));
    return { session, initiated: initiated.json(), authenticated };
  }

  /** The payer answers the challenge the snippet shows, as the issuer's page posts it. */
  async function answerChallenge(html: string, code: string) {
    const creq = decodeChallengeRequest(/name="creq" value="([^"]+)"/.exec(html)![1])!;
    return app.gateway.authentications.answerChallenge(creq.threeDSServerTransID, creq.acsTransID, {
      kind: 'code',
      code,
      trustMerchant: false,
    });
  }

  it('INITIATE_AUTHENTICATION answers the version, the recommendation and the 3DS Method snippet', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const response = await putTransaction(
      app,
      'order-1',
      'auth-1',
      initiate(session, { correlationId: 'c-1' }),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      correlationId: 'c-1',
      result: 'SUCCESS',
      response: { gatewayCode: 'AUTHENTICATION_IN_PROGRESS', gatewayRecommendation: 'PROCEED' },
      order: {
        id: 'order-1',
        currency: 'USD',
        status: 'AUTHENTICATION_INITIATED',
        authenticationStatus: 'AUTHENTICATION_AVAILABLE',
      },
      transaction: { id: 'auth-1', type: 'AUTHENTICATION', authenticationStatus: 'AUTHENTICATION_AVAILABLE' },
      authentication: {
        version: '3DS2',
        acceptVersions: '3DS2',
        channel: 'PAYER_BROWSER',
        purpose: 'PAYMENT_TRANSACTION',
        '3ds2': { methodSupported: 'SUPPORTED', methodCompleted: false, protocolVersion: '2.2.0' },
        redirect: {
          html: expect.stringContaining('target="methodFrame"'),
          customizedHtml: {
            '3ds2': { methodUrl: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/3ds\/acs\//) },
          },
        },
      },
      sourceOfFunds: { provided: { card: { number: '512345xxxxxx2346' } } },
    });
    expect(JSON.stringify(body)).not.toContain(FRICTIONLESS_CARD);
  });

  it('a card outside 3-D Secure: NOT_SUPPORTED, PROCEED without an authentication, no snippet', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: NOT_ENROLLED_CARD });
    const body = (await putTransaction(app, 'order-1', 'auth-1', initiate(session))).json();
    expect(body).toMatchObject({
      transaction: { authenticationStatus: 'AUTHENTICATION_NOT_SUPPORTED' },
      response: { gatewayRecommendation: 'PROCEED' },
      authentication: { version: 'NONE' },
    });
    expect(body.authentication.redirect).toBeUndefined();
    // Paid without 3-D Secure: the order's authentication did not succeed, so none is attached.
    const paid = (await putTransaction(app, 'order-1', 'pay-1', pay(session))).json();
    expect(paid.result).toBe('SUCCESS');
    expect(paid.authentication).toBeUndefined();
  });

  it('frictionless: AUTHENTICATE_PAYER answers the result, and PAY with authentication.transactionId carries it', async () => {
    const { session, authenticated } = await authenticateCard(FRICTIONLESS_CARD);
    expect(authenticated.statusCode).toBe(201);
    expect(authenticated.json()).toMatchObject({
      result: 'SUCCESS',
      response: { gatewayCode: 'APPROVED', gatewayRecommendation: 'PROCEED' },
      order: { status: 'AUTHENTICATED', authenticationStatus: 'AUTHENTICATION_SUCCESSFUL', amount: '10.00' },
      transaction: { authenticationStatus: 'AUTHENTICATION_SUCCESSFUL' },
      authentication: {
        payerInteraction: 'NOT_REQUIRED',
        '3ds': { acsEci: '02', authenticationToken: expect.any(String) },
        '3ds2': { transactionStatus: 'Y', methodCompleted: true },
      },
    });
    const paid = await putTransaction(
      app,
      'order-1',
      'pay-1',
      pay(session, { authentication: { transactionId: 'auth-1' } }),
    );
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds': { acsEci: '02' }, '3ds2': { transactionStatus: 'Y' }, liabilityShift: true },
    });
  });

  it('PAY names the authentication: without a reference it goes ahead without one', async () => {
    const { session } = await authenticateCard(ATTEMPTED_CARD);
    const plain = (await putTransaction(app, 'order-1', 'pay-1', pay(session))).json();
    expect(plain.result).toBe('SUCCESS');
    expect(plain.authentication).toBeUndefined();
  });

  it('a challenge: the snippet opens the issuer page; the result is read back by GET of the transaction and the order', async () => {
    const { session, authenticated } = await authenticateCard(CHALLENGE_CARD);
    const body = authenticated.json();
    expect(body).toMatchObject({
      result: 'PENDING',
      response: { gatewayCode: 'PENDING', gatewayRecommendation: 'PROCEED' },
      transaction: { authenticationStatus: 'AUTHENTICATION_PENDING' },
      authentication: {
        payerInteraction: 'REQUIRED',
        redirect: {
          html: expect.stringContaining('target="challengeFrame"'),
          customizedHtml: { '3ds2': { acsUrl: expect.any(String), cReq: expect.any(String) } },
        },
      },
    });
    // Paying before the payer answered is refused, and loses nothing.
    const early = await putTransaction(
      app,
      'order-1',
      'pay-1',
      pay(session, { authentication: { transactionId: 'auth-1' } }),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      cause: 'INVALID_REQUEST',
      field: 'authentication.transactionId',
    });

    expect((await answerChallenge(body.authentication.redirect.html, '0000')).kind).toBe('retry');
    expect((await answerChallenge(body.authentication.redirect.html, '1234')).kind).toBe('complete');

    const transaction = await app.inject({
      method: 'GET',
      url: `${REST}/order/order-1/transaction/auth-1`,
      headers: { authorization: AUTH },
    });
    expect(transaction.json()).toMatchObject({
      transaction: { type: 'AUTHENTICATION', authenticationStatus: 'AUTHENTICATION_SUCCESSFUL' },
      authentication: { payerInteraction: 'REQUIRED', '3ds2': { transactionStatus: 'Y' } },
    });
    expect(transaction.json().authentication.redirect).toBeUndefined();
    const order = (await getOrder(app, 'order-1')).json();
    expect(order).toMatchObject({
      id: 'order-1',
      status: 'AUTHENTICATED',
      authenticationStatus: 'AUTHENTICATION_SUCCESSFUL',
    });
    expect(order.transaction).toHaveLength(1);

    const paid = await putTransaction(
      app,
      'order-1',
      'pay-1',
      pay(session, { authentication: { transactionId: 'auth-1' } }),
    );
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      authentication: { '3ds2': { transactionStatus: 'Y' } },
    });
    const after = (await getOrder(app, 'order-1')).json();
    expect(after).toMatchObject({ status: 'CAPTURED', authenticationStatus: 'AUTHENTICATION_SUCCESSFUL' });
    expect(after.transaction.map((t: { transaction: { type: string } }) => t.transaction.type)).toEqual([
      'AUTHENTICATION',
      'PAYMENT',
    ]);
  });

  it('a failed or rejected authentication is RESUBMIT and refused by PAY', async () => {
    for (const [number, status] of [
      [REJECTED_CARD, 'AUTHENTICATION_REJECTED'],
      [OUTSIDE_CARD, 'AUTHENTICATION_FAILED'],
    ] as const) {
      const orderId = `order-${number.slice(-4)}`;
      const { session, authenticated } = await authenticateCard(number, orderId);
      expect(authenticated.json()).toMatchObject({
        result: 'FAILURE',
        order: { status: 'AUTHENTICATION_UNSUCCESSFUL' },
        transaction: { authenticationStatus: status },
        response: { gatewayRecommendation: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS' },
      });
      const paid = await putTransaction(
        app,
        orderId,
        'pay-1',
        pay(session, { authentication: { transactionId: 'auth-1' } }),
      );
      expect(paid.statusCode).toBe(400);
      expect(paid.json().error).toMatchObject({
        field: 'authentication.transactionId',
        explanation: 'The authentication did not succeed.',
      });
      // Refused before the processor: no payment recorded.
      expect((await getOrder(app, orderId)).json().transaction).toHaveLength(1);
    }
  });

  it("another card, another amount or another order's authentication is refused", async () => {
    const { session } = await authenticateCard(FRICTIONLESS_CARD);
    const other = await cardSession(app, { ...TEST_CARD, number: ATTEMPTED_CARD });
    const named = { authentication: { transactionId: 'auth-1' } };
    const rows: [object, string][] = [
      [pay(other, named), 'The authentication is for another card.'],
      [
        pay(session, { ...named, order: { amount: '10.01', currency: 'USD' } }),
        'The authentication is for another amount.',
      ],
    ];
    for (const [request, explanation] of rows) {
      const response = await putTransaction(app, 'order-1', `pay-${explanation.length}`, request);
      expect(response.json().error).toMatchObject({ field: 'authentication.transactionId', explanation });
    }
    const foreign = await putTransaction(app, 'order-2', 'pay-1', pay(session, named));
    expect(foreign.json().error).toMatchObject({
      field: 'authentication.transactionId',
      explanation: 'No such authentication on this order.',
    });
  });

  it('3-D Secure is for cards: a gift card or bank account is refused by INITIATE and by a PAY naming one', async () => {
    const { session: cardPayer, initiated: card } = await authenticateCard(FRICTIONLESS_CARD);
    const giftCardPayer = await createSession(app);
    const filled = await app.inject({
      method: 'PUT',
      url: `${BROWSER}/session/${giftCardPayer}`,
      headers: { authorization: basic('merchant.TESTMERCHANT', giftCardPayer) },
      payload: {
        sourceOfFunds: {
          type: 'GIFT_CARD',
          provided: { giftCard: { number: '7700000000000000', pin: '4321', localBrand: 'SANDBOX_GIFT' } },
        },
      },
    });
    expect(filled.statusCode, filled.body).toBe(200);

    const initiated = await putTransaction(app, 'order-2', 'auth-1', initiate(giftCardPayer));
    expect(initiated.statusCode).toBe(400);
    expect(initiated.json().error).toMatchObject({
      cause: 'INVALID_REQUEST',
      field: 'sourceOfFunds.type',
      validationType: 'UNSUPPORTED',
    });

    const giftCardPay = (authentication: object) =>
      pay(giftCardPayer, { sourceOfFunds: { type: 'GIFT_CARD' }, authentication });
    for (const [authentication, field] of [
      [{ transactionId: 'auth-1' }, 'authentication.transactionId'],
      [
        { '3ds': { transactionId: card.authentication['3ds'].transactionId } },
        'authentication.3ds.transactionId',
      ],
    ] as const) {
      const refused = await putTransaction(
        app,
        'order-1',
        `pay-${field.length}`,
        giftCardPay(authentication),
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ field, validationType: 'UNSUPPORTED' });
    }
    // Refused before anything was used: the gift card still pays without one, and the card with its own.
    const giftCardPaid = await putTransaction(
      app,
      'order-3',
      'pay-1',
      pay(giftCardPayer, { sourceOfFunds: { type: 'GIFT_CARD' } }),
    );
    expect(giftCardPaid.json()).toMatchObject({ result: 'SUCCESS', sourceOfFunds: { type: 'GIFT_CARD' } });
    expect(giftCardPaid.json().authentication).toBeUndefined();
    const cardPaid = await putTransaction(
      app,
      'order-1',
      'pay-1',
      pay(cardPayer, { authentication: { transactionId: 'auth-1' } }),
    );
    expect(cardPaid.json()).toMatchObject({ result: 'SUCCESS', authentication: { liabilityShift: true } });
  });

  it('Update Session keeps the authentication group for INITIATE and AUTHENTICATE', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const updated = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${session}`,
      headers: { authorization: AUTH },
      payload: {
        order: ORDER,
        authentication: {
          acceptVersions: '3DS1,3DS2',
          channel: 'PAYER_BROWSER',
          purpose: 'PAYMENT_TRANSACTION',
          redirectResponseUrl: 'http://localhost:4601/back',
        },
      },
    });
    expect(updated.statusCode).toBe(200);
    const initiated = await putTransaction(app, 'order-1', 'auth-1', {
      apiOperation: 'INITIATE_AUTHENTICATION',
      session: { id: session },
    });
    expect(initiated.json()).toMatchObject({
      order: { amount: '10.00', currency: 'USD' },
      authentication: { acceptVersions: '3DS1,3DS2', redirectResponseUrl: 'http://localhost:4601/back' },
    });
    await runMethod(initiated.json());
    const authenticated = await putTransaction(app, 'order-1', 'auth-1', {
      apiOperation: 'AUTHENTICATE_PAYER',
      session: { id: session },
      device: BROWSER_DEVICE,
    });
    expect(authenticated.json().transaction.authenticationStatus).toBe('AUTHENTICATION_SUCCESSFUL');
  });

  it("the payer's browser may call with its session id, only for its own session, and each call counts", async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const asBrowser = (sessionId: string, payload: object, origin = 'http://localhost:4601') =>
      app.inject({
        method: 'PUT',
        url: `${REST}/order/order-1/transaction/auth-1`,
        headers: { authorization: basic('merchant.TESTMERCHANT', sessionId), origin },
        payload,
      });
    const initiated = await asBrowser(session, initiate(session));
    expect(initiated.statusCode).toBe(201);
    expect(initiated.headers['access-control-allow-origin']).toBe('http://localhost:4601');
    const other = await createSession(app);
    const foreign = await asBrowser(other, authenticatePayer(session));
    expect(foreign.json().error).toMatchObject({ field: 'session.id' });
    const hijack = await asBrowser(other, authenticatePayer(other));
    expect(hijack.json().error.explanation).toBe('The authentication was initiated for another session.');
    // A browser cannot pay with its session id.
    const payAttempt = await asBrowser(session, pay(session));
    expect(payAttempt.statusCode).toBe(401);
    // The preflight answers registered origins only.
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: `${REST}/order/order-1/transaction/auth-1`,
        headers: { origin, 'access-control-request-method': 'PUT' },
      });
    expect((await preflight('http://localhost:4601')).statusCode).toBe(204);
    expect((await preflight('https://evil.example')).statusCode).toBe(403);
  });

  it('AUTHENTICATE_PAYER before INITIATE_AUTHENTICATION is refused', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const response = await putTransaction(app, 'order-1', 'auth-1', authenticatePayer(session));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  });

  describe('bad input gets a Mastercard error and stores nothing', () => {
    const initiateRows: [string, (session: string) => object, { field?: string; validationType?: string }][] =
      [
        [
          'no session or token',
          () => ({ apiOperation: 'INITIATE_AUTHENTICATION', order: { currency: 'USD' } }),
          { field: 'session.id', validationType: 'MISSING' },
        ],
        [
          'no currency',
          (s) => initiate(s, { order: {} }),
          { field: 'order.currency', validationType: 'MISSING' },
        ],
        [
          'an unknown currency',
          (s) => initiate(s, { order: { currency: 'XXZ' } }),
          { field: 'order.currency' },
        ],
        [
          'acceptVersions not a list of versions',
          (s) => initiate(s, { authentication: { acceptVersions: '3DS3' } }),
          { field: 'authentication.acceptVersions', validationType: 'INVALID' },
        ],
        [
          '3DS1 only',
          (s) => initiate(s, { authentication: { acceptVersions: '3DS1' } }),
          { field: 'authentication.acceptVersions', validationType: 'INVALID' },
        ],
        [
          'an unknown channel',
          (s) => initiate(s, { authentication: { channel: 'FAX' } }),
          { field: 'authentication.channel', validationType: 'INVALID' },
        ],
        [
          'a merchant-requested channel',
          (s) => initiate(s, { authentication: { channel: 'MERCHANT_REQUESTED' } }),
          { field: 'authentication.channel', validationType: 'UNSUPPORTED' },
        ],
        [
          'an unknown purpose',
          (s) => initiate(s, { authentication: { purpose: 'FUN' } }),
          { field: 'authentication.purpose', validationType: 'INVALID' },
        ],
        [
          'a redirectResponseUrl elsewhere',
          (s) => initiate(s, { authentication: { redirectResponseUrl: 'javascript:alert(1)' } }),
          { field: 'authentication.redirectResponseUrl', validationType: 'INVALID' },
        ],
        [
          'an unknown field',
          (s) => initiate(s, { surprise: true }),
          { field: 'surprise', validationType: 'UNSUPPORTED' },
        ],
        [
          'a malformed authentication.transactionId',
          (s) => initiate(s, { authentication: { transactionId: 'has space' } }),
          { field: 'authentication.transactionId', validationType: 'INVALID' },
        ],
      ];
    for (const [name, request, error] of initiateRows) {
      it(`INITIATE_AUTHENTICATION: ${name}`, async () => {
        const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
        const response = await putTransaction(app, 'order-1', 'auth-1', request(session));
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          result: 'ERROR',
          error: { cause: 'INVALID_REQUEST', ...error },
        });
        expect(response.body).not.toContain(FRICTIONLESS_CARD);
        expect((await getOrder(app, 'order-1')).statusCode).toBe(404);
      });
    }

    const authenticateRows: [
      string,
      (session: string) => object,
      { field?: string; validationType?: string },
    ][] = [
      [
        'no amount',
        (s) => authenticatePayer(s, { order: { currency: 'USD' } }),
        { field: 'order.amount', validationType: 'MISSING' },
      ],
      [
        'an inexact amount',
        (s) => authenticatePayer(s, { order: { amount: '10.001', currency: 'USD' } }),
        { field: 'order.amount', validationType: 'INVALID' },
      ],
      [
        'another currency',
        (s) => authenticatePayer(s, { order: { amount: '10.00', currency: 'EUR' } }),
        { field: 'order.currency', validationType: 'INVALID' },
      ],
      [
        'no user agent',
        (s) => authenticatePayer(s, { device: { browserDetails: BROWSER_DEVICE.browserDetails } }),
        { field: 'device.browser', validationType: 'MISSING' },
      ],
      [
        'no browser details',
        (s) => authenticatePayer(s, { device: { browser: 'Mozilla/5.0' } }),
        { field: 'device.browserDetails.acceptHeaders', validationType: 'MISSING' },
      ],
      [
        'a screen width that is not a number',
        (s) =>
          authenticatePayer(s, {
            device: {
              ...BROWSER_DEVICE,
              browserDetails: { ...BROWSER_DEVICE.browserDetails, screenWidth: 'wide' },
            },
          }),
        { field: 'device.browserDetails.screenWidth', validationType: 'INVALID' },
      ],
      [
        'an unknown window size',
        (s) =>
          authenticatePayer(s, {
            device: {
              ...BROWSER_DEVICE,
              browserDetails: { ...BROWSER_DEVICE.browserDetails, '3DSecureChallengeWindowSize': 'HUGE' },
            },
          }),
        { field: 'device.browserDetails.3DSecureChallengeWindowSize', validationType: 'INVALID' },
      ],
      [
        'a redirectResponseUrl on another origin',
        (s) => authenticatePayer(s, { authentication: { redirectResponseUrl: 'ftp://evil.example/' } }),
        { field: 'authentication.redirectResponseUrl', validationType: 'INVALID' },
      ],
    ];
    for (const [name, request, error] of authenticateRows) {
      it(`AUTHENTICATE_PAYER: ${name}`, async () => {
        const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
        const initiated = await putTransaction(app, 'order-1', 'auth-1', initiate(session));
        await runMethod(initiated.json());
        const response = await putTransaction(app, 'order-1', 'auth-1', request(session));
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          result: 'ERROR',
          error: { cause: 'INVALID_REQUEST', ...error },
        });
        // Nothing moved: the authentication still waits for a good request.
        const good = await putTransaction(app, 'order-1', 'auth-1', authenticatePayer(session));
        expect(good.json().transaction.authenticationStatus).toBe('AUTHENTICATION_SUCCESSFUL');
      });
    }

    it('PAY takes "3DSecureId": null as absent, and refuses a 3DSecureId that names no authentication', async () => {
      const session = await cardSession(app, { ...TEST_CARD, number: NOT_ENROLLED_CARD });
      const paid = await putTransaction(app, 'order-1', 'pay-1', pay(session, { '3DSecureId': null }));
      expect(paid.statusCode).toBe(201);
      expect(paid.json().result).toBe('SUCCESS');
      const refused = await putTransaction(app, 'order-2', 'pay-1', pay(session, { '3DSecureId': 'abc' }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        field: '3DSecureId',
        validationType: 'INVALID',
        explanation: 'No such 3-D Secure authentication.',
      });
    });

    it('null fields are absent', async () => {
      const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
      const response = await putTransaction(
        app,
        'order-1',
        'auth-1',
        initiate(session, { customer: null, authentication: { acceptVersions: '3DS2', channel: null } }),
      );
      expect(response.statusCode).toBe(201);
    });
  });
});
