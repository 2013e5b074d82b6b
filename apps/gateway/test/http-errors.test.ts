import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, OTHER_PASSWORD, PASSWORD, REST, TEST_CARD, basic, createSession, testApp } from './helpers.ts';

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** `{session}` is replaced by a live session's id. */
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; an object as JSON. */
  body?: string | object;
  status: number;
  cause: string;
  field?: string;
  validationType?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const AUTHED = { authorization: AUTH, ...JSON_TYPE };
const SESSION_URL = `${REST}/session/{session}`;
const card = (fields: object) => ({ sourceOfFunds: { provided: { card: { ...TEST_CARD, ...fields } } } });

const rows: Row[] = [
  // Authentication
  {
    name: 'no Authorization header',
    method: 'POST',
    url: `${REST}/session`,
    headers: JSON_TYPE,
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'wrong password',
    method: 'POST',
    url: `${REST}/session`,
    headers: { ...JSON_TYPE, authorization: basic('merchant.TESTMERCHANT', 'wrong-password') },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'user without merchant. prefix',
    method: 'POST',
    url: `${REST}/session`,
    headers: { ...JSON_TYPE, authorization: basic('TESTMERCHANT', PASSWORD) },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'credentials of another merchant',
    method: 'POST',
    url: `${REST}/session`,
    headers: { ...JSON_TYPE, authorization: basic('merchant.OTHER_MERCHANT-2', OTHER_PASSWORD) },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'Bearer instead of Basic',
    method: 'POST',
    url: `${REST}/session`,
    headers: { ...JSON_TYPE, authorization: 'Bearer abc' },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'Basic without a colon',
    method: 'POST',
    url: `${REST}/session`,
    headers: {
      ...JSON_TYPE,
      authorization: `Basic ${Buffer.from('merchant.TESTMERCHANT').toString('base64')}`,
    },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'Basic with garbage',
    method: 'GET',
    url: SESSION_URL,
    headers: { authorization: 'Basic !!!' },
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'unknown merchant',
    method: 'POST',
    url: '/api/rest/version/100/merchant/NOBODY/session',
    headers: { ...JSON_TYPE, authorization: basic('merchant.NOBODY', PASSWORD) },
    body: {},
    status: 401,
    cause: 'INVALID_REQUEST',
  },
  // URL
  {
    name: 'merchant id with bad characters',
    method: 'POST',
    url: '/api/rest/version/100/merchant/BAD%24ID/session',
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'merchantId',
    validationType: 'INVALID',
  },
  {
    name: 'merchant id over 40 characters',
    method: 'POST',
    url: `/api/rest/version/100/merchant/${'M'.repeat(41)}/session`,
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'merchantId',
    validationType: 'INVALID',
  },
  {
    name: 'API version below 18',
    method: 'POST',
    url: '/api/rest/version/17/merchant/TESTMERCHANT/session',
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'API version above 100',
    method: 'POST',
    url: '/api/rest/version/101/merchant/TESTMERCHANT/session',
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'API version not a number',
    method: 'POST',
    url: '/api/rest/version/latest/merchant/TESTMERCHANT/session',
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'session used with another API version',
    method: 'GET',
    url: '/api/rest/version/99/merchant/TESTMERCHANT/session/{session}',
    headers: AUTHED,
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'unknown session',
    method: 'GET',
    url: `${REST}/session/SESSION000000000000000000000000`,
    headers: AUTHED,
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'malformed session id',
    method: 'PUT',
    url: `${REST}/session/not-a-session`,
    headers: AUTHED,
    body: {},
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'unknown route',
    method: 'GET',
    url: '/api/rest/version/100/merchant/TESTMERCHANT/nothing',
    headers: AUTHED,
    status: 404,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'method not allowed on session',
    method: 'DELETE',
    url: SESSION_URL,
    headers: AUTHED,
    status: 405,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'method not allowed on sessions',
    method: 'GET',
    url: `${REST}/session`,
    headers: AUTHED,
    status: 405,
    cause: 'INVALID_REQUEST',
  },
  // Body framing
  {
    name: 'malformed JSON',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: '{"session":',
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'form-encoded body',
    method: 'POST',
    url: `${REST}/session`,
    headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'a=b',
    status: 415,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'text/plain body that is not JSON',
    method: 'PUT',
    url: SESSION_URL,
    headers: { authorization: AUTH, 'content-type': 'text/plain' },
    body: 'order.amount=10.00',
    status: 415,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'form content type with broken JSON',
    method: 'PUT',
    url: SESSION_URL,
    headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body: '{"order":{"amount":',
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'JSON null body',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: 'null',
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'body too large',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { order: { reference: 'r'.repeat(20_000) } },
    status: 413,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'JSON array body',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: '[]',
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  {
    name: 'JSON string body',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: '"hello"',
    status: 400,
    cause: 'INVALID_REQUEST',
  },
  // Create Session fields
  {
    name: 'unknown top-level field',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { foo: 1 },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'foo',
    validationType: 'UNSUPPORTED',
  },
  {
    name: 'unknown nested field',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { session: { timeout: 5 } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'session.timeout',
    validationType: 'UNSUPPORTED',
  },
  {
    name: 'authenticationLimit above 25',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { session: { authenticationLimit: 26 } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'session.authenticationLimit',
    validationType: 'INVALID',
  },
  {
    name: 'authenticationLimit negative',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { session: { authenticationLimit: -1 } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'session.authenticationLimit',
    validationType: 'INVALID',
  },
  {
    name: 'authenticationLimit fractional',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { session: { authenticationLimit: 2.5 } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'session.authenticationLimit',
    validationType: 'INVALID',
  },
  {
    name: 'authenticationLimit as a string',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { session: { authenticationLimit: '5' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'session.authenticationLimit',
    validationType: 'INVALID',
  },
  {
    name: 'correlationId too long',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { correlationId: 'c'.repeat(101) },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'correlationId',
    validationType: 'INVALID',
  },
  {
    name: 'correlationId empty',
    method: 'POST',
    url: `${REST}/session`,
    headers: AUTHED,
    body: { correlationId: '' },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'correlationId',
    validationType: 'INVALID',
  },
  // Update Session fields
  {
    name: 'order.amount not a decimal',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { order: { amount: 'ten' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'order.amount',
    validationType: 'INVALID',
  },
  {
    name: 'order.amount a number more precise than the currency',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { order: { amount: 10.001 } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'order.amount',
    validationType: 'INVALID',
  },
  {
    name: 'order.amount a number no double holds exactly',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: '{"order":{"amount":10.000000000000000001}}',
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'order.amount',
    validationType: 'INVALID',
  },
  {
    name: 'order.currency lower case',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { order: { currency: 'usd' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'order.currency',
    validationType: 'INVALID',
  },
  {
    name: 'unknown order field',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { order: { tip: '1' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'order.tip',
    validationType: 'UNSUPPORTED',
  },
  {
    name: 'unknown card field',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ pin: '1234' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.pin',
    validationType: 'UNSUPPORTED',
  },
  {
    name: 'card number failing Luhn',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ number: '5123450000000009' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.number',
    validationType: 'INVALID',
  },
  {
    name: 'card number with letters',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ number: '51234500000000AB' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.number',
    validationType: 'INVALID',
  },
  {
    name: 'card number too short',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ number: '512345' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.number',
    validationType: 'INVALID',
  },
  {
    name: 'brand the merchant does not accept',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ number: '6011003179988686' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.number',
    validationType: 'INVALID',
  },
  {
    name: 'expiry month 13',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ expiry: { month: '13', year: '39' } }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.expiry.month',
    validationType: 'INVALID',
  },
  {
    name: 'expiry year missing',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ expiry: { month: '1' } }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.expiry.year',
    validationType: 'MISSING',
  },
  {
    name: 'expiry in the past',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ expiry: { month: '1', year: '20' } }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.expiry.year',
    validationType: 'INVALID',
  },
  {
    name: 'CSC too long for Mastercard',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ securityCode: '1000' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.securityCode',
    validationType: 'INVALID',
  },
  {
    name: 'CSC missing where the merchant requires it',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { sourceOfFunds: { provided: { card: { number: TEST_CARD.number } } } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.securityCode',
    validationType: 'MISSING',
  },
  {
    name: 'sourceOfFunds.type not one of CARD, GIFT_CARD, ACH',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { sourceOfFunds: { type: 'PAYPAL' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.type',
    validationType: 'INVALID',
  },
  {
    name: 'customer.email malformed',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { customer: { email: 'not-an-email' } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'customer.email',
    validationType: 'INVALID',
  },
  {
    name: 'billing.address.country not ISO alpha-3',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: { billing: { address: { country: 'U' } } },
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'billing.address.country',
    validationType: 'INVALID',
  },
  {
    name: 'nameOnCard with a control character',
    method: 'PUT',
    url: SESSION_URL,
    headers: AUTHED,
    body: card({ nameOnCard: 'Jane\u0007Payer' }),
    status: 400,
    cause: 'INVALID_REQUEST',
    field: 'sourceOfFunds.provided.card.nameOnCard',
    validationType: 'INVALID',
  },
];

describe('malformed requests answer Mastercard error bodies', () => {
  let app: FastifyInstance;
  let sessionId: string;
  let before: string;

  beforeAll(async () => {
    app = await testApp();
    sessionId = await createSession(app);
    await app.inject({
      method: 'PUT',
      url: `${REST}/session/${sessionId}`,
      headers: AUTHED,
      payload: { order: { amount: '5.00', currency: 'USD' } },
    });
    before = await sessionContent();
  });
  afterAll(() => app.close());

  async function sessionContent(): Promise<string> {
    const response = await app.inject({
      method: 'GET',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
    });
    const { session: _identity, ...content } = response.json();
    return JSON.stringify(content);
  }

  it('has at least 30 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows)('$name → $status $cause $field $validationType', async (row) => {
    const response = await app.inject({
      method: row.method,
      url: row.url.replace('{session}', sessionId),
      headers: row.headers ?? {},
      ...(row.body === undefined
        ? {}
        : { payload: typeof row.body === 'string' ? row.body : JSON.stringify(row.body) }),
    });
    expect(response.statusCode).toBe(row.status);
    const body = response.json();
    expect(body.result).toBe('ERROR');
    expect(body.error.cause).toBe(row.cause);
    expect(body.error.field).toBe(row.field);
    expect(body.error.validationType).toBe(row.validationType);
    expect(typeof body.error.explanation).toBe('string');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    // A refused request leaves the session's content as it was.
    expect(await sessionContent()).toBe(before);
  });
});
