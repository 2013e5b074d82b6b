import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../src/api/request-body.ts';
import { InvalidRequestError } from '../src/domain/errors.ts';
import { AUTH, REST, createSession, testApp } from './helpers.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

function send(method: 'POST' | 'PUT', url: string, body: string | undefined, contentType?: string) {
  return app.inject({
    method,
    url,
    headers: { authorization: AUTH, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { payload: body }),
  });
}

describe('a JSON body is JSON whatever its Content-Type says', () => {
  it.each([
    ['application/json', 'application/json'],
    ['application/json with a charset', 'application/json;charset=UTF-8'],
    ['the form type PHP clients default to', 'application/x-www-form-urlencoded'],
    ['the form type with a charset', 'application/x-www-form-urlencoded; charset=UTF-8'],
    ['text/plain', 'text/plain'],
    ['an unrelated type', 'application/octet-stream'],
    ['no Content-Type at all', undefined],
  ])('Update Session declared as %s', async (_name, contentType) => {
    const sessionId = await createSession(app);
    const body = JSON.stringify({ order: { amount: '12.50', currency: 'USD', reference: 'cart-7' } });
    const response = await send('PUT', `${REST}/session/${sessionId}`, body, contentType);
    expect(response.statusCode).toBe(200);
    expect(response.json().order).toEqual({ amount: '12.50', currency: 'USD', reference: 'cart-7' });
  });

  it('creates a session from a JSON body declared as a form', async () => {
    const response = await send(
      'POST',
      `${REST}/session`,
      '{"correlationId":"c-1"}',
      'application/x-www-form-urlencoded',
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().correlationId).toBe('c-1');
  });
});

describe('a body that is not JSON', () => {
  it.each([
    [
      'a form body',
      'apiOperation=PAY&order.amount=10.00',
      'application/x-www-form-urlencoded',
      /form-encoded/,
    ],
    ['a form body declared as text', 'order.amount=10.00', 'text/plain', /must be JSON/],
    ['plain words', 'hello', undefined, /must be JSON/],
  ])(
    '%s → 415 with Mastercard’s error body, and the session unchanged',
    async (_name, body, type, explanation) => {
      const sessionId = await createSession(app);
      const response = await send('PUT', `${REST}/session/${sessionId}`, body, type);
      expect(response.statusCode).toBe(415);
      expect(response.json()).toEqual({
        result: 'ERROR',
        error: { cause: 'INVALID_REQUEST', explanation: expect.stringMatching(explanation) },
      });
      const retrieved = await app.inject({
        method: 'GET',
        url: `${REST}/session/${sessionId}`,
        headers: { authorization: AUTH },
      });
      expect(retrieved.json().session.updateStatus).toBe('NO_UPDATE');
    },
  );

  it.each([
    ['broken JSON declared as a form', '{"order":{"amount":', 'application/x-www-form-urlencoded'],
    ['broken JSON without a type', '[1,', undefined],
    ['words declared as JSON', 'hello', 'application/json'],
    ['duplicate keys that disagree', '{"correlationId":"a","correlationId":"b"}', 'application/json'],
    ['nesting past any stack', `${'['.repeat(8000)}${']'.repeat(8000)}`, 'application/json'],
  ])('%s → 400 "not valid JSON", never quoting the body', async (_name, body, type) => {
    const response = await send('POST', `${REST}/session`, body, type);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', explanation: 'The request body is not valid JSON.' },
    });
  });
});

describe('Create Session bodies', () => {
  it.each([
    ['no body', undefined, undefined],
    ['an empty JSON body', '', 'application/json'],
    ['white space', ' \n', 'application/json'],
    ['an empty form body', '', 'application/x-www-form-urlencoded'],
    ['an empty object', '{}', 'application/json'],
  ])('%s creates a session', async (_name, body, type) => {
    expect((await send('POST', `${REST}/session`, body, type)).statusCode).toBe(201);
  });

  it.each([
    ['JSON null', 'null', 'application/json'],
    ['JSON null declared as a form', 'null', 'application/x-www-form-urlencoded'],
    ['an array', '[]', 'application/json'],
    ['a string', '"session"', 'application/json'],
    ['a number', '5', 'text/plain'],
    ['true', 'true', undefined],
  ])('%s is refused with 400', async (_name, body, type) => {
    const response = await send('POST', `${REST}/session`, body, type);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      result: 'ERROR',
      error: { cause: 'INVALID_REQUEST', explanation: 'The request body must be a JSON object.' },
    });
  });
});

describe('readBody keeps JSON numbers exact', () => {
  it('reads numbers a double holds exactly as numbers', () => {
    expect(readBody('{"a":24.9,"b":25,"c":1e2,"d":-0,"e":0.1,"f":1.5e-7}', 'application/json')).toEqual({
      a: 24.9,
      b: 25,
      c: 100,
      d: -0,
      e: 0.1,
      f: 1.5e-7,
    });
  });

  it('keeps a number no double holds exactly as the text the client wrote', () => {
    expect(
      readBody(
        '[24.999999999999999999, 12345678901234567890, 1e400, 1e-400, 0.30000000000000001]',
        'text/plain',
      ),
    ).toEqual(['24.999999999999999999', '12345678901234567890', '1e400', '1e-400', '0.30000000000000001']);
  });

  it('reads "__proto__" as an ordinary member, never as the prototype', () => {
    const body = readBody('{"__proto__":{"polluted":true}}', 'application/json') as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(body)).toEqual(['__proto__']);
  });

  it('answers 415 for what is neither JSON nor empty, and undefined for nothing', () => {
    expect(readBody('', undefined)).toBeUndefined();
    expect(() => readBody('a=b', 'application/x-www-form-urlencoded')).toThrow(InvalidRequestError);
  });
});

describe('"__proto__" in a body', () => {
  it('is an unsupported field, and nothing under it reaches the request', async () => {
    const sessionId = await createSession(app);
    const response = await send(
      'PUT',
      `${REST}/session/${sessionId}`,
      '{"__proto__":{"order":{"amount":"1.00","currency":"USD"}},"customer":{"firstName":"Jane"}}',
      'application/json',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: '__proto__', validationType: 'UNSUPPORTED' });
    const retrieved = await app.inject({
      method: 'GET',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
    });
    expect(retrieved.json()).not.toHaveProperty('order');
    expect(retrieved.json()).not.toHaveProperty('customer');
  });
});
