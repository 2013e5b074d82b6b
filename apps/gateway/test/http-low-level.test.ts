import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, REST, TEST_CARD, createSession, logCapture, testApp } from './helpers.ts';

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

function expectMastercardError(answer: RawAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  expect(typeof body.error.explanation).toBe('string');
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
});
