import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, testApp } from './helpers.ts';
import { PAYMENT_REQUEST, SESSIONS_PATH, accessToken } from './payroc-helpers.ts';

const LIB = PAYMENT_REQUEST.libVersion;
const KEY = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';

interface Row {
  name: string;
  status: number;
  /** Headers over the good ones; `undefined` removes one. */
  headers?: Record<string, string | undefined>;
  /** The body: a string is sent as it is. */
  body?: unknown;
  terminal?: string;
  /** The parameters `errors[]` must name, when the refusal is about parameters. */
  parameters?: string[];
}

const body = (fields: object) => ({ ...PAYMENT_REQUEST, ...fields });

/** Payroc's published problem types (docs.payroc.com/api/errors) of the statuses this endpoint answers. */
const PAYROC_TYPES: Record<number, [fragment: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['not-authorized', 'Not authorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  406: ['not-acceptable', 'Not acceptable'],
  415: ['unsupported-media-type', 'Unsupported media type'],
};

/** A missing key has a type of its own; every other row the type of its status. */
function payrocType(row: Row): [fragment: string, title: string] {
  if (row.headers && 'idempotency-key' in row.headers && row.headers['idempotency-key'] === undefined) {
    return ['idempotency-key-missing', 'Idempotency key missing'];
  }
  return PAYROC_TYPES[row.status]!;
}

const rows: Row[] = [
  // Authorization
  { name: 'no Authorization', status: 401, headers: { authorization: undefined } },
  { name: 'Basic instead of Bearer', status: 401, headers: { authorization: AUTH } },
  { name: 'Bearer without a token', status: 401, headers: { authorization: 'Bearer' } },
  { name: 'Bearer with a made-up token', status: 401, headers: { authorization: 'Bearer abc.def' } },
  {
    name: 'the API key as Bearer',
    status: 401,
    headers: { authorization: 'Bearer sk_test_0123456789abcdef' },
  },
  { name: 'a token of three parts', status: 401, headers: { authorization: 'Bearer a.b.c' } },
  { name: 'a token far too long', status: 401, headers: { authorization: `Bearer ${'a'.repeat(1001)}` } },
  // Idempotency-Key
  {
    name: 'no Idempotency-Key',
    status: 400,
    headers: { 'idempotency-key': undefined },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'an empty Idempotency-Key',
    status: 400,
    headers: { 'idempotency-key': '' },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key not a UUID',
    status: 400,
    headers: { 'idempotency-key': 'order-42' },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key a UUID v1',
    status: 400,
    headers: { 'idempotency-key': 'c232ab00-9414-11ec-b3c8-9e6bdeced846' },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key with the wrong variant',
    status: 400,
    headers: { 'idempotency-key': '1b4e28ba-2fa1-4d3b-c3f5-ef19b5a7633b' },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key too long',
    status: 400,
    headers: { 'idempotency-key': `${KEY}0` },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key without hyphens',
    status: 400,
    headers: { 'idempotency-key': KEY.replaceAll('-', '') },
    parameters: ['Idempotency-Key'],
  },
  {
    name: 'Idempotency-Key in braces',
    status: 400,
    headers: { 'idempotency-key': `{${KEY}}` },
    parameters: ['Idempotency-Key'],
  },
  // Path
  { name: 'terminal id too short', status: 400, terminal: '123', parameters: ['processingTerminalId'] },
  {
    name: 'terminal id too long',
    status: 400,
    terminal: '1'.repeat(51),
    parameters: ['processingTerminalId'],
  },
  {
    name: 'terminal id with a space',
    status: 400,
    terminal: '1234%20001',
    parameters: ['processingTerminalId'],
  },
  {
    name: 'terminal id with a quote',
    status: 400,
    terminal: "1234'001",
    parameters: ['processingTerminalId'],
  },
  { name: 'an unknown terminal', status: 404, terminal: '7777777' },
  { name: 'another merchant’s terminal', status: 403, terminal: '5550001' },
  // Accept and Content-Type
  { name: 'Accept text/html only', status: 406, headers: { accept: 'text/html' }, parameters: ['Accept'] },
  {
    name: 'Accept application/xml only',
    status: 406,
    headers: { accept: 'application/xml' },
    parameters: ['Accept'],
  },
  {
    name: 'Accept refusing JSON with q=0',
    status: 406,
    headers: { accept: 'application/json;q=0, text/plain' },
    parameters: ['Accept'],
  },
  {
    name: 'a form-encoded body',
    status: 415,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `libVersion=${LIB}&scenario=payment`,
  },
  {
    name: 'a multipart body',
    status: 415,
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: '--x\r\n\r\npayment\r\n--x--',
  },
  { name: 'plain text', status: 415, headers: { 'content-type': 'text/plain' }, body: 'scenario: payment' },
  {
    name: 'XML',
    status: 415,
    headers: { 'content-type': 'application/xml' },
    body: '<session><scenario>payment</scenario></session>',
  },
  // The body as a whole
  { name: 'no body', status: 400, body: '' },
  { name: 'JSON cut short', status: 400, body: '{"libVersion":' },
  { name: 'a JSON array', status: 400, body: [PAYMENT_REQUEST] },
  { name: 'a JSON string', status: 400, body: '"payment"' },
  { name: 'a JSON number', status: 400, body: '42' },
  { name: 'JSON null', status: 400, body: 'null' },
  { name: 'an empty object', status: 400, body: {}, parameters: ['libVersion', 'scenario'] },
  {
    name: 'a duplicate key with two values',
    status: 400,
    body: '{"libVersion":"1.0.0.1","scenario":"payment","scenario":"tokenization"}',
  },
  // libVersion
  { name: 'no libVersion', status: 400, body: { scenario: 'payment' }, parameters: ['libVersion'] },
  { name: 'libVersion a number', status: 400, body: body({ libVersion: 1.6 }), parameters: ['libVersion'] },
  {
    name: 'libVersion of three parts',
    status: 400,
    body: body({ libVersion: '1.6.0' }),
    parameters: ['libVersion'],
  },
  {
    name: 'libVersion with a part of three digits',
    status: 400,
    body: body({ libVersion: '100.6.0.1' }),
    parameters: ['libVersion'],
  },
  {
    name: 'libVersion with letters',
    status: 400,
    body: body({ libVersion: '1.6.0.abc' }),
    parameters: ['libVersion'],
  },
  {
    name: 'libVersion with -alpha',
    status: 400,
    body: body({ libVersion: '1.6.0-alpha.1' }),
    parameters: ['libVersion'],
  },
  {
    name: 'libVersion with other separators',
    status: 400,
    body: body({ libVersion: '1x6x0x172441' }),
    parameters: ['libVersion'],
  },
  {
    name: 'libVersion too long',
    status: 400,
    body: body({ libVersion: `1.6.0.${'1'.repeat(300)}x` }),
    parameters: ['libVersion'],
  },
  { name: 'libVersion empty', status: 400, body: body({ libVersion: '' }), parameters: ['libVersion'] },
  // scenario
  { name: 'no scenario', status: 400, body: { libVersion: LIB }, parameters: ['scenario'] },
  { name: 'scenario unknown', status: 400, body: body({ scenario: 'refund' }), parameters: ['scenario'] },
  {
    name: 'scenario in capitals',
    status: 400,
    body: body({ scenario: 'PAYMENT' }),
    parameters: ['scenario'],
  },
  { name: 'scenario an array', status: 400, body: body({ scenario: ['payment'] }), parameters: ['scenario'] },
  { name: 'scenario true', status: 400, body: body({ scenario: true }), parameters: ['scenario'] },
  // secureTokenId
  {
    name: 'secureTokenId empty',
    status: 400,
    body: body({ scenario: 'tokenization', secureTokenId: '' }),
    parameters: ['secureTokenId'],
  },
  {
    name: 'secureTokenId too long',
    status: 400,
    body: body({ scenario: 'tokenization', secureTokenId: 'x'.repeat(201) }),
    parameters: ['secureTokenId'],
  },
  {
    name: 'secureTokenId a number',
    status: 400,
    body: body({ scenario: 'tokenization', secureTokenId: 9999990001 }),
    parameters: ['secureTokenId'],
  },
  {
    name: 'secureTokenId no saved card',
    status: 400,
    body: body({ scenario: 'tokenization', secureTokenId: '9999990000000001' }),
    parameters: ['secureTokenId'],
  },
  {
    name: 'secureTokenId with scenario payment',
    status: 400,
    body: body({ secureTokenId: '9999990000000001' }),
    parameters: ['secureTokenId'],
  },
  // Unknown fields
  { name: 'an unknown field', status: 400, body: body({ amount: 100 }), parameters: ['amount'] },
  {
    name: 'a misspelt secureTokenId',
    status: 400,
    body: body({ scenario: 'tokenization', secureTokenID: 'x' }),
    parameters: ['secureTokenID'],
  },
  {
    name: 'a __proto__ field',
    status: 400,
    body: `{"libVersion":"${LIB}","scenario":"payment","__proto__":{"x":1}}`,
    parameters: ['__proto__'],
  },
  {
    name: 'every field wrong at once',
    status: 400,
    body: { libVersion: 7, scenario: 'x', extra: 1 },
    parameters: ['extra', 'libVersion', 'scenario'],
  },
];

describe('the hosted-fields session endpoint refuses malformed requests in problem details', () => {
  let app: FastifyInstance;
  let token: string;
  beforeAll(async () => {
    app = await testApp();
    token = await accessToken(app);
  });
  afterAll(() => app.close());

  it('has at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('$name → $status', async (row) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    };
    for (const [name, value] of Object.entries(row.headers ?? {})) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    const payload = row.body === undefined ? PAYMENT_REQUEST : row.body;
    const response = await app.inject({
      method: 'POST',
      url: SESSIONS_PATH(row.terminal),
      headers,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    expect(response.statusCode).toBe(row.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    const [fragment, title] = payrocType(row);
    expect(problem).toEqual({
      type: `https://docs.payroc.com/api/errors#${fragment}`,
      title,
      status: row.status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\/v1\/processing-terminals\/[^?]*\/hosted-fields-sessions$/),
      ...(row.parameters ? { errors: expect.any(Array) } : {}),
    });
    if (row.parameters) {
      const named = problem.errors.map((error: { parameter: string }) => error.parameter).sort();
      expect(named).toEqual(row.parameters);
      for (const error of problem.errors) {
        expect(error).toEqual({
          parameter: expect.any(String),
          detail: expect.any(String),
          message: expect.any(String),
        });
      }
    }
  });

  it('never quotes a value back', async () => {
    const response = await app.inject({
      method: 'POST',
      url: SESSIONS_PATH(),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      payload: { libVersion: '5123450000000008', scenario: '5123450000000008' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('5123450000000008');
  });

  it('takes JSON whatever the Content-Type says, and null as absent', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/problem+json',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: SESSIONS_PATH(),
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
          'content-type': contentType,
        },
        payload: JSON.stringify({ ...PAYMENT_REQUEST, secureTokenId: null }),
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it('answers unknown paths, bad URL encoding and an over-long path parameter under /v1 in problem details', async () => {
    for (const url of [
      '/v1/nothing-here',
      '/v1/processing-terminals/%E0%A4%A/hosted-fields-sessions',
      '/identity/nothing',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: response.statusCode, title: expect.any(String) });
    }
  });

  it('types a failure Payroc publishes no type for as about:blank, titled with its HTTP status', async () => {
    const response = await app.inject({
      method: 'GET',
      url: SESSIONS_PATH(),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Method Not Allowed', status: 405 });
  });
});
