import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtAssets } from './form-assets.ts';
import {
  AUTH,
  OTHER_PASSWORD,
  REST,
  TEST_CARD,
  basic,
  cardSession,
  putTransaction,
  testApp,
} from './helpers.ts';

const CHALLENGE_CARD = '5123450000000008';
const FRICTIONLESS_CARD = '5123456789012346';
const ATTEMPTED_CARD = '5500005555555559';
const NOT_ENROLLED_CARD = '2223000000000007';
const RESPONSE_URL = 'http://localhost:4601/3ds1/return';
const ORDER = { amount: '10.00', currency: 'USD' };

const check = (sessionId: string, extra: object = {}) => ({
  apiOperation: 'CHECK_3DS_ENROLLMENT',
  order: ORDER,
  session: { id: sessionId },
  '3DSecure': { authenticationRedirect: { responseUrl: RESPONSE_URL } },
  ...extra,
});

const pay = (sessionId: string, extra: object = {}) => ({
  apiOperation: 'PAY',
  order: ORDER,
  session: { id: sessionId },
  sourceOfFunds: { type: 'CARD' },
  ...extra,
});

/** The hidden fields of a form in an HTML page (the gateway's redirect, the ACS's pages). */
function formFields(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!.replaceAll('&#38;', '&');
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[name!] = value!.replaceAll('&#38;', '&').replaceAll('&#58;', ':').replaceAll('&#47;', '/');
  }
  return { action, fields };
}

describe("Mastercard's 3-D Secure 1 (3DSecureId)", () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    // With the gateway's pages, so the simulated issuer's ACS answers the payer's browser.
    app = await testApp({ formAssets: builtAssets() });
  });
  afterEach(() => app.close());

  const threeDSecureId = (id: string, method: 'PUT' | 'POST' | 'GET', payload?: object, auth = AUTH) =>
    app.inject({
      method,
      url: `${REST}/3DSecureId/${encodeURIComponent(id)}`,
      headers: { authorization: auth },
      ...(payload ? { payload } : {}),
    });

  /** The payer's browser: the redirect's form posted to the ACS, as the page's script submits it. */
  const postForm = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: new URL(url, 'http://localhost').pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams(fields).toString(),
    });

  /** CHECK_3DS_ENROLLMENT, then the ACS: the challenge answered with `codes` (none: it answers at once). */
  async function authenticate(number: string, id: string, codes: string[] = []) {
    const session = await cardSession(app, { ...TEST_CARD, number });
    const checked = await threeDSecureId(id, 'PUT', check(session));
    expect(checked.statusCode).toBe(200);
    const redirect = formFields(checked.json()['3DSecure'].authenticationRedirect.simple.htmlBodyContent);
    let page = await postForm(redirect.action, redirect.fields);
    for (const code of codes) {
      const { action, fields } = formFields(page.body);
      page = await postForm(action, { ...fields, code, action: 'verify' });
    }
    return { session, checked: checked.json(), back: formFields(page.body) };
  }

  it('CHECK_3DS_ENROLLMENT answers enrolment and a form that posts the PaReq to the ACS', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
    const response = await threeDSecureId('3ds-1', 'PUT', check(session, { correlationId: 'c-1' }));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      correlationId: 'c-1',
      '3DSecureId': '3ds-1',
      merchant: 'TESTMERCHANT',
      '3DSecure': { summaryStatus: 'CARD_ENROLLED', veResEnrolled: 'Y' },
      response: { '3DSecure': { gatewayCode: 'CARD_ENROLLED' } },
    });
    expect(Buffer.from(body['3DSecure'].xid, 'base64')).toHaveLength(20);
    const form = formFields(body['3DSecure'].authenticationRedirect.simple.htmlBodyContent);
    expect(form.action).toMatch(/^http:\/\/localhost(:\d+)?\/3ds\/acs\/pareq$/);
    expect(form.fields).toEqual({ PaReq: expect.any(String), TermUrl: RESPONSE_URL, MD: '3ds-1' });
    expect(response.body).not.toContain(CHALLENGE_CARD);
    expect(Buffer.from(form.fields.PaReq!, 'base64url').toString()).not.toContain(CHALLENGE_CARD);

    const customized = await threeDSecureId(
      '3ds-2',
      'POST',
      check(session, {
        '3DSecure': {
          authenticationRedirect: { responseUrl: RESPONSE_URL, pageGenerationMode: 'CUSTOMIZED' },
        },
      }),
    );
    expect(customized.json()['3DSecure'].authenticationRedirect).toEqual({
      customized: { acsUrl: form.action, paReq: expect.any(String) },
    });
  });

  it('the ACS challenges; its PaRes goes to the responseUrl; PROCESS_ACS_RESULT answers; PAY carries it once', async () => {
    const { session, back } = await authenticate(CHALLENGE_CARD, '3ds-1', ['9999', '1234']);
    expect(back.action).toBe(RESPONSE_URL);
    expect(back.fields).toEqual({ PaRes: expect.any(String), MD: '3ds-1' });

    const processed = await threeDSecureId('3ds-1', 'POST', {
      apiOperation: 'PROCESS_ACS_RESULT',
      '3DSecure': { paRes: back.fields.PaRes },
    });
    expect(processed.statusCode).toBe(200);
    const result = processed.json();
    expect(result).toMatchObject({
      '3DSecureId': '3ds-1',
      '3DSecure': {
        summaryStatus: 'AUTHENTICATION_SUCCESSFUL',
        veResEnrolled: 'Y',
        paResStatus: 'Y',
        acsEci: '02',
        authenticationToken: expect.any(String),
      },
      response: { '3DSecure': { gatewayCode: 'AUTHENTICATION_SUCCESSFUL' } },
    });
    expect(result['3DSecure']).not.toHaveProperty('authenticationRedirect');
    expect((await threeDSecureId('3ds-1', 'GET')).json()).toEqual(result);

    const paid = await putTransaction(app, 'order-1', 'pay-1', pay(session, { '3DSecureId': '3ds-1' }));
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({
      result: 'SUCCESS',
      '3DSecureId': '3ds-1',
      '3DSecure': {
        paResStatus: 'Y',
        acsEci: '02',
        veResEnrolled: 'Y',
        xid: result['3DSecure'].xid,
        authenticationToken: result['3DSecure'].authenticationToken,
      },
    });
    // The same payment retried is the same payment; another payment cannot use the authentication again.
    const retried = await putTransaction(app, 'order-1', 'pay-1', pay(session, { '3DSecureId': '3ds-1' }));
    expect(retried.json().transaction.id).toBe('pay-1');
    const again = await putTransaction(app, 'order-2', 'pay-1', pay(session, { '3DSecureId': '3ds-1' }));
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ field: '3DSecureId', validationType: 'INVALID' });
  });

  it('the emulator cards choose the outcome: frictionless Y, attempted A, three wrong codes N', async () => {
    const rows: [string, string[], string, string | undefined][] = [
      [FRICTIONLESS_CARD, [], 'AUTHENTICATION_SUCCESSFUL', 'Y'],
      [ATTEMPTED_CARD, [], 'AUTHENTICATION_ATTEMPTED', 'A'],
      [CHALLENGE_CARD, ['1111', '2222', '3333'], 'AUTHENTICATION_FAILED', 'N'],
    ];
    for (const [index, [card, codes, status, paResStatus]] of rows.entries()) {
      const id = `3ds-${index}`;
      const { session, back } = await authenticate(card, id, codes);
      const processed = await threeDSecureId(id, 'PUT', {
        apiOperation: 'PROCESS_ACS_RESULT',
        '3DSecure': { paRes: back.fields.PaRes },
      });
      expect(processed.json()['3DSecure']).toMatchObject({ summaryStatus: status, paResStatus });
      const paid = await putTransaction(app, `order-${index}`, 'pay-1', pay(session, { '3DSecureId': id }));
      if (status === 'AUTHENTICATION_FAILED') {
        expect(paid.statusCode).toBe(400);
        expect(paid.json().error).toMatchObject({ field: '3DSecureId', validationType: 'INVALID' });
        expect(paid.json().error.explanation).toBe('The authentication did not succeed.');
      } else {
        expect(paid.json()['3DSecure'].paResStatus).toBe(paResStatus);
      }
    }
  });

  it('a card outside 3-D Secure: CARD_NOT_ENROLLED, no redirect, and no authentication to pay with', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: NOT_ENROLLED_CARD });
    const checked = (await threeDSecureId('3ds-1', 'PUT', check(session))).json();
    expect(checked['3DSecure']).toEqual({ summaryStatus: 'CARD_NOT_ENROLLED', veResEnrolled: 'N' });
    const paid = await putTransaction(app, 'order-1', 'pay-1', pay(session, { '3DSecureId': '3ds-1' }));
    expect(paid.json().error).toMatchObject({ field: '3DSecureId', validationType: 'INVALID' });
  });

  it("PAY refuses another card, another amount, an unknown id and another merchant's id", async () => {
    const { session, back } = await authenticate(FRICTIONLESS_CARD, '3ds-1');
    await threeDSecureId('3ds-1', 'POST', {
      apiOperation: 'PROCESS_ACS_RESULT',
      '3DSecure': { paRes: back.fields.PaRes },
    });
    const otherCard = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
    const refusals: [object, string][] = [
      [pay(otherCard, { '3DSecureId': '3ds-1' }), 'The authentication is for another card.'],
      [
        pay(session, { '3DSecureId': '3ds-1', order: { amount: '11.00', currency: 'USD' } }),
        'The authentication is for another amount.',
      ],
      [pay(session, { '3DSecureId': '3ds-unknown' }), 'No such 3-D Secure authentication.'],
      [pay(session, { '3DSecureId': 'has space' }), "Value for field '3DSecureId' is invalid."],
    ];
    for (const [index, [request, explanation]] of refusals.entries()) {
      const response = await putTransaction(app, `order-${index}`, 'pay-1', request);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: '3DSecureId', validationType: 'INVALID' });
      if (!explanation.startsWith('Value')) expect(response.json().error.explanation).toBe(explanation);
    }
    // Another merchant, with a session of its own for its own card, naming this merchant's 3DSecureId.
    const other = basic('merchant.OTHER_MERCHANT-2', OTHER_PASSWORD);
    const otherRest = '/api/rest/version/100/merchant/OTHER_MERCHANT-2';
    const asOther = (method: 'POST' | 'PUT', url: string, payload: object) =>
      app.inject({ method, url: `${otherRest}${url}`, headers: { authorization: other }, payload });
    const otherSession = (await asOther('POST', '/session', {})).json().session.id;
    const card = { number: '4508750015741019', expiry: { month: '1', year: '39' } };
    await asOther('PUT', `/session/${otherSession}`, { sourceOfFunds: { provided: { card } } });
    const foreign = await asOther('PUT', '/order/order-9/transaction/pay-1', {
      ...pay(otherSession),
      '3DSecureId': '3ds-1',
    });
    expect(foreign.json().error).toMatchObject({ field: '3DSecureId', validationType: 'INVALID' });
    const foreignRead = await app.inject({
      method: 'GET',
      url: '/api/rest/version/100/merchant/OTHER_MERCHANT-2/3DSecureId/3ds-1',
      headers: { authorization: other },
    });
    expect(foreignRead.statusCode).toBe(404);
    // Still there, unused, for its own merchant's payment.
    const paid = await putTransaction(app, 'order-8', 'pay-1', pay(session, { '3DSecureId': '3ds-1' }));
    expect(paid.json().result).toBe('SUCCESS');
  });

  it('the ACS posts the PaRes only to one of the merchant’s origins, and never for a PaReq it did not issue', async () => {
    const session = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
    const checked = (await threeDSecureId('3ds-1', 'PUT', check(session))).json();
    const { action, fields } = formFields(checked['3DSecure'].authenticationRedirect.simple.htmlBodyContent);
    for (const forged of [
      { ...fields, TermUrl: 'javascript:alert(1)' },
      { ...fields, TermUrl: '' },
      { ...fields, PaReq: 'not-a-pareq' },
    ]) {
      const page = await postForm(action, forged);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('PaRes');
    }
    // Nothing moved: the real form still authenticates.
    expect((await postForm(action, fields)).body).toContain('name="PaRes"');
  });

  it('answers 405 for methods other than PUT, POST and GET', async () => {
    const response = await app.inject({
      method: 'DELETE',
      url: `${REST}/3DSecureId/3ds-1`,
      headers: { authorization: AUTH },
    });
    expect(response.statusCode).toBe(405);
  });

  describe('bad input gets a Mastercard error and stores nothing', () => {
    const checkRows: [
      string,
      string,
      (session: string) => object,
      { field?: string; validationType?: string },
    ][] = [
      [
        'no 3DSecure group',
        '3ds-1',
        (s) => check(s, { '3DSecure': undefined }),
        { field: '3DSecure', validationType: 'MISSING' },
      ],
      [
        'no responseUrl',
        '3ds-1',
        (s) => check(s, { '3DSecure': { authenticationRedirect: {} } }),
        { field: '3DSecure.authenticationRedirect.responseUrl', validationType: 'MISSING' },
      ],
      [
        'a responseUrl that is not http(s)',
        '3ds-1',
        (s) => check(s, { '3DSecure': { authenticationRedirect: { responseUrl: 'javascript:alert(1)' } } }),
        { field: '3DSecure.authenticationRedirect.responseUrl', validationType: 'INVALID' },
      ],
      [
        'an unknown pageGenerationMode',
        '3ds-1',
        (s) =>
          check(s, {
            '3DSecure': {
              authenticationRedirect: { responseUrl: RESPONSE_URL, pageGenerationMode: 'FANCY' },
            },
          }),
        { field: '3DSecure.authenticationRedirect.pageGenerationMode', validationType: 'INVALID' },
      ],
      [
        'no amount',
        '3ds-1',
        (s) => check(s, { order: { currency: 'USD' } }),
        { field: 'order.amount', validationType: 'MISSING' },
      ],
      [
        'a zero amount',
        '3ds-1',
        (s) => check(s, { order: { amount: '0.00', currency: 'USD' } }),
        { field: 'order.amount', validationType: 'INVALID' },
      ],
      [
        'no currency',
        '3ds-1',
        (s) => check(s, { order: { amount: '1.00' } }),
        { field: 'order.currency', validationType: 'MISSING' },
      ],
      [
        'no card',
        '3ds-1',
        () => check('', { session: undefined }),
        { field: 'session.id', validationType: 'MISSING' },
      ],
      [
        'an unknown field',
        '3ds-1',
        (s) => check(s, { surprise: 1 }),
        { field: 'surprise', validationType: 'UNSUPPORTED' },
      ],
      [
        'an unknown operation',
        '3ds-1',
        (s) => check(s, { apiOperation: 'CHECK_ENROLLMENT' }),
        { field: 'apiOperation', validationType: 'INVALID' },
      ],
      [
        'a 3DSecureId over 64 characters',
        'x'.repeat(65),
        (s) => check(s),
        { field: '3DSecureId', validationType: 'INVALID' },
      ],
      [
        'a 3DSecureId with a space',
        'has space',
        (s) => check(s),
        { field: '3DSecureId', validationType: 'INVALID' },
      ],
    ];
    for (const [name, id, request, error] of checkRows) {
      it(`CHECK_3DS_ENROLLMENT: ${name}`, async () => {
        const session = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
        const response = await threeDSecureId(id, 'PUT', request(session));
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          result: 'ERROR',
          error: { cause: 'INVALID_REQUEST', ...error },
        });
        expect(response.body).not.toContain(CHALLENGE_CARD);
        expect((await threeDSecureId('3ds-1', 'GET')).statusCode).toBe(404);
      });
    }

    it("CHECK_3DS_ENROLLMENT: a responseUrl off a merchant's registered origins", async () => {
      const response = await app.inject({
        method: 'PUT',
        url: '/api/rest/version/100/merchant/OTHER_MERCHANT-2/3DSecureId/3ds-1',
        headers: { authorization: basic('merchant.OTHER_MERCHANT-2', OTHER_PASSWORD) },
        payload: {
          ...check(''),
          session: undefined,
          sourceOfFunds: {
            type: 'CARD',
            provided: { card: { number: '4508750015741019', expiry: { month: '1', year: '39' } } },
          },
          '3DSecure': { authenticationRedirect: { responseUrl: 'https://evil.example/return' } },
        },
      });
      expect(response.json().error).toMatchObject({
        field: '3DSecure.authenticationRedirect.responseUrl',
        validationType: 'INVALID',
      });
    });

    it('CHECK_3DS_ENROLLMENT: a 3DSecureId already used keeps the first authentication', async () => {
      const first = await authenticate(FRICTIONLESS_CARD, '3ds-1');
      const other = await cardSession(app, { ...TEST_CARD, number: CHALLENGE_CARD });
      const again = await threeDSecureId('3ds-1', 'PUT', check(other));
      expect(again.statusCode).toBe(400);
      expect(again.json().error).toMatchObject({
        cause: 'INVALID_REQUEST',
        explanation: 'A 3-D Secure authentication with this 3DSecureId already exists.',
      });
      const processed = await threeDSecureId('3ds-1', 'POST', {
        apiOperation: 'PROCESS_ACS_RESULT',
        '3DSecure': { paRes: first.back.fields.PaRes },
      });
      expect(processed.json()['3DSecure'].summaryStatus).toBe('AUTHENTICATION_SUCCESSFUL');
    });

    it('PROCESS_ACS_RESULT: a missing, malformed or foreign PaRes, or one before the ACS answered', async () => {
      const one = await authenticate(FRICTIONLESS_CARD, '3ds-1');
      const twoSession = await cardSession(app, { ...TEST_CARD, number: FRICTIONLESS_CARD });
      await threeDSecureId('3ds-2', 'PUT', check(twoSession));
      const process = (id: string, group: object | undefined) =>
        threeDSecureId(id, 'POST', {
          apiOperation: 'PROCESS_ACS_RESULT',
          ...(group ? { '3DSecure': group } : {}),
        });
      const rows: [string, object | undefined, object][] = [
        ['3ds-1', undefined, { field: '3DSecure', validationType: 'MISSING' }],
        ['3ds-1', {}, { field: '3DSecure.paRes', validationType: 'MISSING' }],
        ['3ds-1', { paRes: 'bm90IGEgcGFyZXM' }, { field: '3DSecure.paRes', validationType: 'INVALID' }],
        ['3ds-2', { paRes: one.back.fields.PaRes }, { field: '3DSecure.paRes', validationType: 'INVALID' }],
        [
          '3ds-1',
          { paRes: one.back.fields.PaRes, extra: 1 },
          { field: '3DSecure.extra', validationType: 'UNSUPPORTED' },
        ],
      ];
      for (const [id, group, error] of rows) {
        const response = await process(id, group);
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({ cause: 'INVALID_REQUEST', ...error });
      }
      const pending = (await threeDSecureId('3ds-2', 'GET')).json();
      expect(pending['3DSecure'].summaryStatus).toBe('CARD_ENROLLED');
      const unknown = await process('3ds-9', { paRes: one.back.fields.PaRes });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
      // After all that, the real PaRes still reads the result.
      expect((await process('3ds-1', { paRes: one.back.fields.PaRes })).json()['3DSecure'].paResStatus).toBe(
        'Y',
      );
    });
  });
});
