import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSession, postSession, sessionRequest } from './checkout-helpers.ts';
import { builtAssets } from './form-assets.ts';
import { AUTH, REST, SECRET_KEY, TEST_CARD, createSession, logCapture, testApp } from './helpers.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes raw bytes on a fresh connection and reads the answer until the server closes it or it is complete. */
function rawRequest(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const length = /content-length: (\d+)/i.exec(text);
      const split = text.indexOf('\r\n\r\n');
      if (length && split >= 0 && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(bytes);
  });
}

/** A JSON refusal with the status and the headers every answer carries. */
function expectJsonRefusal(answer: RawAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['referrer-policy']).toBe('no-referrer');
}

function expectMastercardError(answer: RawAnswer, status: number): void {
  expectJsonRefusal(answer, status);
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  expect(typeof body.error.explanation).toBe('string');
}

/** Checkout.com's error body with the answer's own request id: the `/sessions` face's low-level refusals. */
function expectCheckoutError(answer: RawAnswer, status: number, body: object): void {
  expectJsonRefusal(answer, status);
  expect(JSON.parse(answer.body)).toEqual({ request_id: answer.headers['cko-request-id'], ...body });
  expect(answer.headers['cko-request-id']).toMatch(/^[0-9a-f-]{36}$/);
}

describe('low-level failures over a real socket', () => {
  let app: FastifyInstance;
  let port: number;
  const log = logCapture();
  beforeAll(async () => {
    app = await testApp({ logStream: log.stream }, { logLevel: 'trace' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(() => app.close());

  it('answers an unknown method in Mastercard’s error body', async () => {
    const answer = await rawRequest(port, `FROB ${REST}/session HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectMastercardError(answer, 501);
  });

  it('answers headers too large with 431 in Mastercard’s error body', async () => {
    const answer = await rawRequest(
      port,
      `GET ${REST}/session HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectMastercardError(answer, 431);
  });

  it('answers a malformed request line in Mastercard’s error body', async () => {
    const answer = await rawRequest(port, 'GET /healthz HTTP/9.9 extra\r\nHost: x\r\n\r\n');
    expectMastercardError(answer, 400);
  });

  it('answers a body over the limit with 413 in Mastercard’s error body', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(20_000) });
    const answer = await rawRequest(
      port,
      `POST ${REST}/session HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expectMastercardError(answer, 413);
  });

  it('answers bad URL encoding in Mastercard’s error body', async () => {
    const answer = await rawRequest(
      port,
      `GET ${REST}/session/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nConnection: close\r\n\r\n`,
    );
    expectMastercardError(answer, 400);
  });

  it('never logs the raw bytes of a refused request', async () => {
    await rawRequest(port, `FROB /${TEST_CARD.number} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(log.text()).toContain('malformed request refused');
    expect(log.text()).not.toContain(TEST_CARD.number);
  });

  describe('on the Checkout.com face: its own error body', () => {
    it('answers an unknown method in Checkout.com’s error body', async () => {
      const answer = await rawRequest(port, `FROB /sessions HTTP/1.1\r\nHost: x\r\n\r\n`);
      expectCheckoutError(answer, 501, {
        error_type: 'request_invalid',
        error_codes: ['request_method_invalid'],
      });
    });

    it('answers headers too large with 431 in Checkout.com’s error body', async () => {
      const answer = await rawRequest(
        port,
        `POST /sessions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expectCheckoutError(answer, 431, {
        error_type: 'request_invalid',
        error_codes: ['request_headers_too_large'],
      });
    });

    it('answers a malformed request line in Checkout.com’s error body', async () => {
      const answer = await rawRequest(port, 'GET /sessions/sid_x HTTP/9.9 extra\r\nHost: x\r\n\r\n');
      expectCheckoutError(answer, 400, { error_type: 'request_invalid', error_codes: ['request_malformed'] });
    });

    it('answers a body over the limit with 413 in Checkout.com’s error body', async () => {
      const body = JSON.stringify({ padding: 'x'.repeat(20_000) });
      const answer = await rawRequest(
        port,
        `POST /sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRET_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      expectCheckoutError(answer, 413, {
        error_type: 'request_invalid',
        error_codes: ['request_body_too_large'],
      });
    });

    it('answers bad URL encoding and unknown paths in Checkout.com’s error body', async () => {
      const headers = `Host: x\r\nAuthorization: Bearer ${SECRET_KEY}\r\nConnection: close\r\n\r\n`;
      expectCheckoutError(await rawRequest(port, `GET /sessions/%E0%A4%A HTTP/1.1\r\n${headers}`), 400, {
        error_type: 'request_invalid',
        error_codes: ['request_malformed'],
      });
      expectCheckoutError(await rawRequest(port, `GET /sessions/sid_x/more HTTP/1.1\r\n${headers}`), 404, {
        error_type: 'resource_not_found',
      });
    });

    it('never logs the raw bytes of a refused request', async () => {
      await rawRequest(port, `FROB /sessions?number=${TEST_CARD.number} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(log.text()).toContain('malformed request refused');
      expect(log.text()).not.toContain(TEST_CARD.number);
    });
  });
});

describe('response headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('REST and browser answers, errors included, are not stored, sniffed or referred', async () => {
    const id = await createSession(app);
    const answers = await Promise.all([
      app.inject({ method: 'GET', url: `${REST}/session/${id}`, headers: { authorization: AUTH } }),
      app.inject({ method: 'GET', url: `${REST}/session/${id}` }),
      app.inject({ method: 'PUT', url: `/api/browser/version/100/merchant/TESTMERCHANT/session/${id}` }),
      app.inject({ method: 'GET', url: '/nowhere' }),
      app.inject({ method: 'GET', url: '/healthz' }),
    ]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('Checkout.com answers and the 3-D Secure pages, errors included, too; the pages keep their own CSP', async () => {
    const withPages = await testApp({ formAssets: builtAssets() });
    try {
      const created = await postSession(withPages, sessionRequest());
      const { id, _links } = created.json();
      const interceptor = new URL(_links.redirect.href).pathname;
      const answers = await Promise.all([
        Promise.resolve(created),
        getSession(withPages, id),
        postSession(withPages, {}),
        postSession(withPages, sessionRequest(), 'Bearer sk_not-the-key'),
        withPages.inject({ method: 'DELETE', url: '/sessions' }),
        withPages.inject({ method: 'GET', url: interceptor }),
        withPages.inject({ method: 'GET', url: '/3ds/interceptor/sid_aaaaaaaaaaaaaaaaaaaaaaaaaa' }),
        withPages.inject({ method: 'POST', url: `${interceptor}/start`, payload: {} }),
      ]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([202, 200, 422, 401, 405, 200, 404, 400]);
      for (const answer of answers) {
        expect(answer.headers['cache-control']).toBe('no-store');
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
      }
      for (const page of answers.slice(5, 7)) {
        expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors /);
      }
      expect(answers[5]!.headers['content-security-policy']).toContain('frame-ancestors http://localhost:*');
      expect(answers[6]!.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    } finally {
      await withPages.close();
    }
  });
});
