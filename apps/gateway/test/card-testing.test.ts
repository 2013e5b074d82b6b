import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../../../packages/card/test/test-cards.ts';
import type { GatewayConfig } from '../src/config.ts';
import { clientSubject, msUntilAllowed, type RateLimits } from '../src/domain/rate-limits.ts';
import {
  SimulatorProcessor,
  type PaymentRequest,
  type ProcessorResponse,
  type VerifyRequest,
} from '../src/processor/index.ts';
import {
  AUTH,
  BROWSER,
  PASSWORD,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  createSession,
  logCapture,
  manualClock,
  testApp,
} from './helpers.ts';
import { BEARER, postSession, sessionRequest } from './checkout-helpers.ts';

/** The simulator, counting every card that reaches it. */
class CountingProcessor extends SimulatorProcessor {
  cards: string[] = [];
  override pay(request: PaymentRequest): Promise<ProcessorResponse> {
    this.count(request);
    return super.pay(request);
  }
  override authorize(request: PaymentRequest): Promise<ProcessorResponse> {
    this.count(request);
    return super.authorize(request);
  }
  override verify(request: VerifyRequest): Promise<ProcessorResponse> {
    this.count(request);
    return super.verify(request);
  }
  private count({ sourceOfFunds }: PaymentRequest | VerifyRequest): void {
    if (sourceOfFunds.type === 'CARD') this.cards.push(sourceOfFunds.card.number);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DECLINING = { month: '5', year: '39' };
const CARDS = TEST_CARDS.filter(([, brand]) => brand === 'MASTERCARD' || brand === 'VISA').map(
  ([number]) => number,
);

let app: FastifyInstance;
afterEach(() => app?.close());

async function gateway(limits: RateLimits, overrides: Partial<GatewayConfig> = {}) {
  const clock = manualClock();
  const processor = new CountingProcessor();
  const log = logCapture();
  app = await testApp(
    { now: clock.now, processor, logStream: log.stream },
    { rateLimits: limits, logLevel: 'warn', ...overrides },
  );
  return { clock, processor, log };
}

let sequence = 0;
function payWith(sessionId: string, from = '127.0.0.1') {
  sequence += 1;
  return app.inject({
    method: 'PUT',
    url: `${REST}/order/card-testing-${sequence}/transaction/1`,
    headers: { authorization: AUTH },
    remoteAddress: from,
    payload: {
      apiOperation: 'PAY',
      order: { amount: '1.00', currency: 'USD' },
      session: { id: sessionId },
      sourceOfFunds: { type: 'CARD' },
    },
  });
}

async function sessionWith(card: object): Promise<string> {
  const id = await createSession(app);
  const put = await browserPut(app, id, card);
  if (put.statusCode !== 200) throw new Error(`card update failed: ${put.statusCode} ${put.body}`);
  return id;
}

function guessSession(from: string, guess: number) {
  const id = `SESSION${String(guess).padStart(25, '0')}`;
  return app.inject({
    method: 'PUT',
    url: `${BROWSER}/session/${id}`,
    headers: { authorization: basic('merchant.TESTMERCHANT', id) },
    remoteAddress: from,
    payload: { sourceOfFunds: { type: 'CARD', provided: { card: TEST_CARD } } },
  });
}

function expectRateLimited(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}) {
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(response.json()).toMatchObject({
    result: 'ERROR',
    error: { cause: 'REQUEST_REJECTED', explanation: expect.any(String), supportCode: expect.any(String) },
  });
}

describe('card testing', () => {
  it('stops one card after N declines in the window, before the processor', async () => {
    const { processor, clock } = await gateway({ declinesPerCard: { limit: 3, windowMs: HOUR } });
    const card = { ...TEST_CARD, expiry: DECLINING };
    const answers = [];
    for (let attempt = 0; attempt < 10; attempt++) answers.push(await payWith(await sessionWith(card)));

    expect(processor.cards).toEqual([TEST_CARD.number, TEST_CARD.number, TEST_CARD.number]);
    expect(answers.slice(0, 3).map((a) => a.json().response.gatewayCode)).toEqual([
      'DECLINED',
      'DECLINED',
      'DECLINED',
    ]);
    for (const refused of answers.slice(3)) expectRateLimited(refused);
    // Until the window has slid past the declines; then the card gets one more try, and another card all along.
    const other = await payWith(await sessionWith({ ...TEST_CARD, number: CARDS[1] }));
    expect(other.json().response.gatewayCode).toBe('APPROVED');
    clock.advance(2 * HOUR);
    expect((await payWith(await sessionWith(card))).json().response.gatewayCode).toBe('DECLINED');
  });

  it('counts a CSC that does not match as a decline', async () => {
    const { processor } = await gateway({ declinesPerCard: { limit: 2, windowMs: HOUR } });
    for (let attempt = 0; attempt < 4; attempt++) {
      await payWith(await sessionWith({ ...TEST_CARD, securityCode: '102' }));
    }
    expect(processor.cards).toHaveLength(2);
  });

  it('refuses an address after N failed authentications, whatever it sends next; others go on', async () => {
    const { clock } = await gateway({ authFailuresPerAddress: { limit: 5, windowMs: 10 * MINUTE } });
    const wrong = basic('merchant.TESTMERCHANT', `${PASSWORD}-guess`);
    const statuses = [];
    for (let guess = 0; guess < 8; guess++) {
      const response = await app.inject({
        method: 'POST',
        url: `${REST}/session`,
        headers: { authorization: wrong },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const right = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: AUTH },
      remoteAddress: '203.0.113.9',
    });
    expectRateLimited(right);
    const elsewhere = await app.inject({
      method: 'POST',
      url: `${REST}/session`,
      headers: { authorization: AUTH },
      remoteAddress: '198.51.100.7',
    });
    expect(elsewhere.statusCode).toBe(201);
    clock.advance(Number(right.headers['retry-after']) * 1000);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${REST}/session`,
          headers: { authorization: AUTH },
          remoteAddress: '203.0.113.9',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('counts guessed secret keys on POST /sessions, and answers its 429 in Checkout.com’s shape', async () => {
    await gateway({ authFailuresPerAddress: { limit: 3, windowMs: 10 * MINUTE } });
    const from = '203.0.113.44';
    const guesses = [];
    for (let guess = 0; guess < 4; guess++) {
      guesses.push(await postSession(app, sessionRequest(), `Bearer sk_guessed-key-${guess}`, from));
    }
    expect(guesses.map((response) => response.statusCode)).toEqual([401, 401, 401, 429]);
    // The right key from that address is refused too, before it is looked at; the REST API shares the count.
    const right = await postSession(app, sessionRequest(), BEARER, from);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(right.json()).toEqual({
      request_id: right.headers['cko-request-id'],
      error_type: 'too_many_requests',
    });
    expectRateLimited(
      await app.inject({
        method: 'POST',
        url: `${REST}/session`,
        headers: { authorization: AUTH },
        remoteAddress: from,
      }),
    );
    expect((await postSession(app, sessionRequest(), BEARER, '198.51.100.7')).statusCode).toBe(202);
  });

  it('throttles guessed session ids on the browser endpoint', async () => {
    await gateway({ authFailuresPerAddress: { limit: 10, windowMs: 10 * MINUTE } });
    const answers = [];
    for (let guess = 0; guess < 200; guess++) answers.push(await guessSession('203.0.113.50', guess));
    expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(10);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(190);
    expectRateLimited(answers.at(-1)!);
  });

  it('bounds a concurrent burst of guesses by the per-address limit, counted atomically', async () => {
    await gateway({
      browserPerAddress: { limit: 30, windowMs: MINUTE },
      authFailuresPerAddress: { limit: 10, windowMs: 10 * MINUTE },
    });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, guess) => guessSession('203.0.113.60', guess)),
    );
    const looked = answers.filter((a) => a.statusCode === 400).length;
    expect(looked).toBeGreaterThanOrEqual(10);
    expect(looked).toBeLessThanOrEqual(30);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(200 - looked);
    // Once the burst has been counted, the address is refused outright.
    expectRateLimited(await guessSession('203.0.113.60', 999));
  });

  it('limits browser-endpoint calls per address, an IPv6 /64 as one address', async () => {
    await gateway({ browserPerAddress: { limit: 4, windowMs: MINUTE } });
    const statuses = [];
    for (let call = 0; call < 6; call++) {
      statuses.push((await guessSession(`2001:db8:1:2::${call + 1}`, call)).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    expect((await guessSession('2001:db8:1:3::1', 99)).statusCode).toBe(400);
  });

  it('counts sessions made from the page as browser calls of their address', async () => {
    await gateway({ browserPerAddress: { limit: 3, windowMs: MINUTE } });
    const createFrom = (from: string) =>
      app.inject({
        method: 'POST',
        url: `${BROWSER}/session`,
        headers: { origin: 'http://localhost:4700' },
        remoteAddress: from,
      });
    const first = await createFrom('198.51.100.20');
    expect(first.statusCode, first.body).toBe(201);
    expect((await createFrom('198.51.100.20')).statusCode).toBe(201);
    // The card update of a session made so is the address's third browser call this minute.
    expect(
      (await browserPut(app, first.json().session.id, TEST_CARD, BROWSER, '198.51.100.20')).statusCode,
    ).toBe(200);
    const refused = await createFrom('198.51.100.20');
    expectRateLimited(refused);
    // Readable by the merchant's page, so session.js can say why it has no session.
    expect(refused.headers['access-control-allow-origin']).toBe('http://localhost:4700');
    expect((await createFrom('198.51.100.21')).statusCode).toBe(201);
  });

  it('limits the cards one merchant puts through', async () => {
    const { processor } = await gateway({ cardsPerMerchant: { limit: 3, windowMs: MINUTE } });
    const first = await sessionWith(TEST_CARD);
    const second = await sessionWith({ ...TEST_CARD, number: CARDS[1] });
    // Two browser updates and one PAY are the merchant's three cards this minute.
    expect((await payWith(first)).statusCode).toBe(201);
    expectRateLimited(await payWith(second));
    expectRateLimited(await browserPut(app, await createSession(app), TEST_CARD));
    expect(processor.cards).toHaveLength(1);
  });

  it('honours X-Forwarded-For only from a configured proxy', async () => {
    const limits = { authFailuresPerAddress: { limit: 1, windowMs: MINUTE } };
    const fromProxy = (client: string) =>
      app.inject({
        method: 'GET',
        url: `${REST}/session/SESSION0000000000000000000000001`,
        headers: { authorization: basic('merchant.TESTMERCHANT', 'wrong'), 'x-forwarded-for': client },
        remoteAddress: '127.0.0.1',
      });
    await gateway(limits);
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(401);
    // Without TRUST_PROXY the header is anyone's to forge: the socket's address is the client.
    expect((await fromProxy('198.51.100.2')).statusCode).toBe(429);
    await app.close();

    await gateway(limits, { trustProxy: ['127.0.0.1'] });
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(401);
    expect((await fromProxy('198.51.100.2')).statusCode).toBe(401);
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(429);
  });

  it('holds through a card-testing run: many cards, many sessions, guessed ids', async () => {
    const limits = {
      browserPerAddress: { limit: 30, windowMs: MINUTE },
      authFailuresPerAddress: { limit: 10, windowMs: 10 * MINUTE },
      declinesPerCard: { limit: 2, windowMs: HOUR },
      cardsPerMerchant: { limit: 1000, windowMs: MINUTE },
    };
    const { processor, log } = await gateway(limits);
    // The tester gets sessions through a shop (one per checkout) and tries every card with guessed expiries
    // and CSCs, from a handful of addresses, and also tries ids it never got.
    const addresses = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    const guesses = [
      DECLINING,
      { month: '4', year: '27' },
      { month: '5', year: '39' },
      { month: '1', year: '39' },
    ];
    let payments = 0;
    let call = 0;
    for (const number of CARDS) {
      for (const expiry of guesses) {
        const from = addresses[call++ % addresses.length]!;
        const id = await createSession(app);
        const put = await app.inject({
          method: 'PUT',
          url: `${BROWSER}/session/${id}`,
          headers: { authorization: basic('merchant.TESTMERCHANT', id) },
          remoteAddress: from,
          payload: { sourceOfFunds: { type: 'CARD', provided: { card: { ...TEST_CARD, number, expiry } } } },
        });
        if (put.statusCode !== 200) continue;
        payments += 1;
        await payWith(id, from);
      }
    }
    for (let guess = 0; guess < 100; guess++) await guessSession(addresses[guess % 3]!, guess);

    // Per card: two declines reach the processor, and then nothing more of that card, not even the right expiry.
    for (const number of CARDS) expect(processor.cards.filter((card) => card === number)).toHaveLength(2);
    expect(payments).toBe(CARDS.length * guesses.length);
    // Each address got at most ten guesses of a session id before being refused, and the last ones were.
    const output = log.text();
    expect(output.match(/"limit":"auth-failures-address"/g)).toHaveLength(addresses.length);
    expect(output.match(/"limit":"declines-card"/g)?.length).toBeGreaterThan(0);
    for (const number of CARDS) expect(output).not.toContain(number);
    for (const line of output.split('\n').filter((l) => l.includes('declines-card'))) {
      expect(JSON.parse(line).rateLimit.subject).toMatch(/^[0-9a-f]{8}$/);
    }
  });

  it('logs each block once, as it starts', async () => {
    const { log } = await gateway({ authFailuresPerAddress: { limit: 2, windowMs: MINUTE } });
    for (let guess = 0; guess < 12; guess++) await guessSession('203.0.113.77', guess);
    const blocks = log
      .text()
      .split('\n')
      .filter((line) => line.includes('rate limit reached'));
    expect(blocks).toHaveLength(1);
    expect(JSON.parse(blocks[0]!).rateLimit).toMatchObject({
      limit: 'auth-failures-address',
      subject: '203.0.113.77',
      count: 2,
    });
  });
});

describe('the sliding window', () => {
  it('waits out the current window when it alone is over, then the fading previous one', () => {
    // 10 in the current window, limit 5, 20 s into a minute: 40 s to the window's end, then the ten fade
    // below four (room for one more) after 60 s × (1 − 4/10) = 36 s.
    expect(msUntilAllowed(10, 0, 20_000, MINUTE, 5)).toBe(40_000 + 36_000);
    // Within the limit already: no wait.
    expect(msUntilAllowed(2, 0, 20_000, MINUTE, 5)).toBe(0);
    // Room in the current window, but the previous one still weighs: 2 + 8 × (40 − t)/60 ≤ 4 → t = 25 s.
    expect(msUntilAllowed(2, 8, 20_000, MINUTE, 5)).toBe(25_000);
  });

  it('counts IPv4 as it is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
    expect(clientSubject('203.0.113.5')).toBe('203.0.113.5');
    expect(clientSubject('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientSubject('2001:DB8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(clientSubject('2001:db8::12:0:0:1')).toBe('2001:db8:0:0::/64');
    expect(clientSubject('::1')).toBe('0:0:0:0::/64');
  });
});
