import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildGateway, type GatewayOptions } from '../src/app.ts';
import type { GatewayConfig } from '../src/config.ts';
import type { Merchant } from '../src/domain/merchants.ts';
import { hashPassword } from '../src/domain/password.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Store } from '../src/store/store.ts';

export const PASSWORD = 'test-api-password-1234';
export const OTHER_PASSWORD = 'other-merchant-password';
export const SECRET_KEY = 'sk_test_0123456789abcdef';
export const OTHER_SECRET_KEY = 'sk_test_other_merchant_key';
// Low scrypt cost keeps the suite fast; production hashes use the default cost.
const TEST_COST = { N: 1024, r: 8, p: 1 };

export const TEST_CARD = {
  number: '5123450000000008',
  expiry: { month: '1', year: '39' },
  securityCode: '100',
  nameOnCard: 'Jane Payer',
};

let merchantsPromise: Promise<Merchant[]> | undefined;

export function testMerchants(): Promise<Merchant[]> {
  merchantsPromise ??= (async () => [
    {
      id: 'TESTMERCHANT',
      passwordHash: await hashPassword(PASSWORD, TEST_COST),
      allowedOrigins: ['http://localhost:*'],
      supportedBrands: ['MASTERCARD', 'VISA', 'AMEX', 'UATP'],
      cscRequired: true,
      secretKey: SECRET_KEY,
      sandbox: true,
    },
    {
      id: 'OTHER_MERCHANT-2',
      passwordHash: await hashPassword(OTHER_PASSWORD, TEST_COST),
      allowedOrigins: ['https://shop.example'],
      supportedBrands: ['VISA'],
      cscRequired: false,
      name: 'Shop Example',
      secretKey: OTHER_SECRET_KEY,
    },
  ])();
  return merchantsPromise;
}

export async function testConfig(overrides: Partial<GatewayConfig> = {}): Promise<GatewayConfig> {
  return {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    sessionTtlSeconds: 900,
    threeDSMethodTimeoutMs: 10_000,
    vaultKey: randomBytes(32),
    merchants: await testMerchants(),
    storage: { kind: 'memory' },
    // Off unless a test is about them: many tests send bursts from one address that a limit would refuse.
    rateLimits: {},
    ...overrides,
  };
}

export async function testApp(options: GatewayOptions = {}, overrides: Partial<GatewayConfig> = {}) {
  const app = buildGateway(await testConfig(overrides), options);
  await app.ready();
  return app;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const AUTH = basic('merchant.TESTMERCHANT', PASSWORD);
export const REST = '/api/rest/version/100/merchant/TESTMERCHANT';
export const BROWSER = '/api/browser/version/100/merchant/TESTMERCHANT';

export async function createSession(app: FastifyInstance, body: object = {}, base = REST): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `${base}/session`,
    headers: { authorization: AUTH },
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
  return response.json().session.id;
}

export function browserPut(
  app: FastifyInstance,
  sessionId: string,
  card: object,
  base = BROWSER,
  remoteAddress?: string,
) {
  return app.inject({
    method: 'PUT',
    url: `${base}/session/${sessionId}`,
    headers: { authorization: basic('merchant.TESTMERCHANT', sessionId) },
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
    payload: { sourceOfFunds: { type: 'CARD', provided: { card } } },
  });
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 0, 15, 12)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Collects every log line the gateway writes. */
export function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => lines.join('') };
}

/**
 * The memory store answers without ever yielding, so requests would never interleave between read and
 * write. Yielding to the event loop around every call makes them interleave the way a database's latency does.
 */
export function yieldingStore(inner: Store = new MemoryStore()): Store {
  const later = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  return new Proxy(inner, {
    get(target, key: keyof Store) {
      const method = target[key].bind(target) as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        await later();
        const result = await method(...args);
        await later();
        return result;
      };
    },
  });
}

/** A session holding `card` (put in through the browser endpoint, as the hosted fields do). */
export async function cardSession(
  app: FastifyInstance,
  card: object = TEST_CARD,
  order?: { amount?: string; currency?: string },
): Promise<string> {
  const id = await createSession(app);
  if (order) {
    const updated = await app.inject({
      method: 'PUT',
      url: `${REST}/session/${id}`,
      headers: { authorization: AUTH },
      payload: { order },
    });
    if (updated.statusCode !== 200) throw new Error(`session update failed: ${updated.body}`);
  }
  const response = await browserPut(app, id, card);
  if (response.statusCode !== 200) throw new Error(`card update failed: ${response.body}`);
  return id;
}

export function putTransaction(
  app: FastifyInstance,
  orderId: string,
  transactionId: string,
  payload: object,
) {
  return app.inject({
    method: 'PUT',
    url: `${REST}/order/${orderId}/transaction/${transactionId}`,
    headers: { authorization: AUTH },
    payload,
  });
}

export function getOrder(app: FastifyInstance, orderId: string) {
  return app.inject({ method: 'GET', url: `${REST}/order/${orderId}`, headers: { authorization: AUTH } });
}
