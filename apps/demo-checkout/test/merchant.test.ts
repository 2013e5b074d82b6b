import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createMerchantApi } from '../src/merchant/api.ts';
import { currentCart, decimalAmount } from '../src/merchant/cart.ts';
import { declineMessage } from '../src/merchant/outcomes.ts';
import { readMerchantConfig } from '../src/merchant/config.ts';
import { AddressLimiter, SHOP_LIMITS, readShopLimits } from '../src/merchant/rate-limit.ts';
import { createScriptPinning } from '../src/merchant/script-integrity.ts';
import { SessionLedger } from '../src/merchant/sessions.ts';
import { TEST_CARDS } from '../src/merchant/test-cards.ts';

describe('SessionLedger', () => {
  it('lets an issued session pay once', () => {
    const ledger = new SessionLedger();
    ledger.issue('SESSION-A', 0);
    expect(ledger.claim('SESSION-A', 1)).toBe('ok');
    expect(ledger.claim('SESSION-A', 2)).toBe('used');
  });

  it('refuses a session it never issued', () => {
    expect(new SessionLedger().claim('SESSION-B', 0)).toBe('unknown');
  });

  it('forgets sessions older than the gateway keeps them', () => {
    const ledger = new SessionLedger();
    ledger.issue('SESSION-OLD', 0);
    ledger.issue('SESSION-NEW', 19 * 60_000);
    expect(ledger.claim('SESSION-OLD', 21 * 60_000)).toBe('unknown');
    expect(ledger.claim('SESSION-NEW', 21 * 60_000)).toBe('ok');
  });
});

describe('the cart', () => {
  it('prices the order in exact cents and the REST API’s decimal form', () => {
    const cart = currentCart();
    expect(cart.total).toBe(cart.subtotal + cart.shipping + cart.tax);
    expect(decimalAmount(cart.total)).toMatch(/^\d+\.\d{2}$/);
  });
});

describe('decline messages', () => {
  it.each([
    'DECLINED',
    'EXPIRED_CARD',
    'TIMED_OUT',
    'ACQUIRER_SYSTEM_ERROR',
    'UNSPECIFIED_FAILURE',
    'UNKNOWN',
    'INSUFFICIENT_FUNDS',
    'INVALID_CSC',
  ])('%s has its own message for the payer', (code) => {
    expect(declineMessage(code)).not.toBe(declineMessage('SOMETHING_NEW'));
  });

  it('anything else gets a general one, never the code', () => {
    expect(declineMessage('SOMETHING_NEW')).not.toContain('SOMETHING_NEW');
    expect(declineMessage(undefined)).toBe(declineMessage('SOMETHING_NEW'));
  });
});

describe('the test cards panel', () => {
  it('groups numbers as printed on the card', () => {
    const display = Object.fromEntries(TEST_CARDS.map((card) => [card.number, card.display]));
    expect(display['5123450000000008']).toBe('5123 4500 0000 0008');
    expect(display['371881634498004']).toBe('3718 816344 98004');
    expect(display['30123400000000']).toBe('3012 340000 0000');
    expect(display['5000000000000000005']).toBe('5000 0000 0000 0000 005');
  });
});

describe('session.js and the ThreeDS script pinned from the gateway’s integrity manifest', () => {
  const config = readMerchantConfig({ GATEWAY_URL: 'http://127.0.0.1:4600' });
  const path = '/form/version/100/merchant/TESTMERCHANT/session-0123456789abcdef.js';
  const integrity = `sha384-${'A'.repeat(64)}`;
  const threeDSPath = '/static/threeDS/1.3.0/three-ds.min.js';
  const threeDSIntegrity = `sha384-${'B'.repeat(64)}`;
  const threeDSJs = { path: threeDSPath, integrity: threeDSIntegrity };
  const manifest = (sessionJs: unknown, threeDS: unknown = threeDSJs) =>
    vi.fn<typeof fetch>(async () => Response.json({ sessionJs, threeDSJs: threeDS, frameAssets: [] }));

  it('reads the immutable URL and its hash, and reads them again after a minute', async () => {
    let now = 0;
    const fetch = manifest({ path, integrity });
    const script = createScriptPinning(config, fetch, () => now);
    expect(await script()).toEqual({
      sessionJs: { src: `http://127.0.0.1:4600${path}`, integrity },
      threeDSJs: { src: `http://127.0.0.1:4600${threeDSPath}`, integrity: threeDSIntegrity },
    });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(
      'http://127.0.0.1:4600/form/version/100/merchant/TESTMERCHANT/integrity.json',
    );
    now = 59_999;
    await script();
    expect(fetch).toHaveBeenCalledTimes(1);
    now = 60_000;
    await script();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['no sessionJs', undefined],
    ['another merchant’s path', { path: path.replace('TESTMERCHANT', 'OTHER'), integrity }],
    ['another origin', { path: `https://evil.example${path}`, integrity }],
    ['a weaker hash', { path, integrity: `sha256-${'A'.repeat(43)}=` }],
    ['markup in the hash', { path, integrity: `${integrity}"><script>` }],
  ])('refuses a manifest with %s, and asks again next time', async (_what, sessionJs) => {
    const fetch = manifest(sessionJs);
    const script = createScriptPinning(config, fetch);
    await expect(script()).rejects.toThrow(/integrity\.json/);
    await expect(script()).rejects.toThrow(/integrity\.json/);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['no threeDSJs', null],
    ['the ThreeDS script elsewhere', { ...threeDSJs, path: '/static/threeDS/9.9.9/three-ds.min.js' }],
    ['the ThreeDS script on another origin', { ...threeDSJs, path: `https://evil.example${threeDSPath}` }],
    ['a weaker ThreeDS hash', { ...threeDSJs, integrity: `sha256-${'A'.repeat(43)}=` }],
  ])('refuses a manifest with %s', async (_what, threeDS) => {
    const fetch = manifest({ path, integrity }, threeDS);
    const script = createScriptPinning(config, fetch);
    await expect(script()).rejects.toThrow(/integrity\.json/);
    await expect(script()).rejects.toThrow(/integrity\.json/);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('the shop’s own limits', () => {
  it('lets each address start so many checkouts per window, then says when to come back', () => {
    const limiter = new AddressLimiter({ limit: 2, windowMs: 600_000 });
    expect(limiter.take('a', 0)).toEqual({ allowed: true });
    expect(limiter.take('a', 1)).toEqual({ allowed: true });
    expect(limiter.take('a', 60_000)).toEqual({ allowed: false, retryAfterSeconds: 540 });
    expect(limiter.take('b', 60_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 600_000)).toEqual({ allowed: true });
  });

  it('takes other counts from the environment, in the same window, and refuses a count that is not one', () => {
    expect(readShopLimits({})).toEqual(SHOP_LIMITS);
    expect(readShopLimits({ SHOP_PAYMENTS_PER_ADDRESS: '500' })).toEqual({
      checkouts: SHOP_LIMITS.checkouts,
      payments: { limit: 500, windowMs: SHOP_LIMITS.payments.windowMs },
    });
    for (const bad of ['0', '-1', '2.5', 'many', ''])
      expect(() => readShopLimits({ SHOP_CHECKOUTS_PER_ADDRESS: bad })).toThrow(/SHOP_CHECKOUTS_PER_ADDRESS/);
  });

  it('answers 429 with Retry-After and a message the pages show, and the gateway never hears of it', async () => {
    const gatewayCalls: string[] = [];
    const gateway = createServer((request, response) => {
      gatewayCalls.push(`${request.method} ${request.url}`);
      const pays = gatewayCalls.filter((call) => call.startsWith('PUT')).length;
      // The first PAY is declined; the second is refused by the gateway's own card-testing limit.
      response.writeHead(request.method === 'PUT' && pays > 1 ? 429 : 201, {
        'content-type': 'application/json',
      });
      response.end(
        JSON.stringify(
          request.method === 'POST'
            ? { session: { id: `SESSION${'0'.repeat(24)}${gatewayCalls.length}` } }
            : pays > 1
              ? {
                  result: 'ERROR',
                  error: {
                    cause: 'REQUEST_REJECTED',
                    explanation: 'Too many declined attempts with this card; retry later.',
                  },
                }
              : { result: 'FAILURE', response: { gatewayCode: 'DECLINED' } },
        ),
      );
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const api = createMerchantApi(
      {
        gatewayUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
        merchantId: 'TESTMERCHANT',
        apiPassword: 'not-a-real-password',
        secretKey: 'sk_not-a-real-secret-key',
        apiVersion: '100',
        processingTerminalId: '1234001',
      },
      {
        limits: { checkouts: { limit: 3, windowMs: 600_000 }, payments: { limit: 2, windowMs: 600_000 } },
      },
    );
    const shop = createServer((request, response) => {
      void api.handle(request, response, new URL(request.url!, 'http://localhost').pathname);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    try {
      const sessions = [];
      for (let i = 0; i < 6; i++) sessions.push(await fetch(`${base}/api/session`, { method: 'POST' }));
      expect(sessions.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429]);
      expect(Number(sessions[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await sessions[3]!.json()).toMatchObject({
        error: 'RATE_LIMITED',
        message: /Too many checkouts/,
      });

      const ids = await Promise.all(sessions.slice(0, 3).map(async (r) => (await r.json()).sessionId));
      const pays = [];
      for (const sessionId of ids) {
        pays.push(
          await fetch(`${base}/api/pay`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId }),
          }),
        );
      }
      expect(pays.map((r) => r.status)).toEqual([200, 429, 429]);
      expect(await pays[1]!.json()).toMatchObject({
        approved: false,
        message: /cannot be tried again right now/,
      });
      expect(await pays[2]!.json()).toMatchObject({ approved: false, message: /Too many payment attempts/ });
      expect(gatewayCalls.filter((call) => call.startsWith('POST'))).toHaveLength(3);
      expect(gatewayCalls.filter((call) => call.startsWith('PUT'))).toHaveLength(2);
    } finally {
      shop.close();
      gateway.close();
    }
  });
});

describe('the saved card', () => {
  it('keeps the card the gateway says a token saved, never one the page names, and pays with it', async () => {
    const TOKEN = `SESSION${'0'.repeat(23)}77`;
    const gatewayCalls: string[] = [];
    const gateway = createServer((request, response) => {
      gatewayCalls.push(`${request.method} ${request.url}`);
      const reply = (status: number, body: object) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.url === '/identity/authorize') return reply(200, { access_token: 'a.b', expires_in: 3600 });
      if (request.url?.endsWith('/hosted-fields-sessions')) return reply(201, { token: TOKEN });
      if (request.url?.endsWith(`/session/${TOKEN}`)) {
        return reply(200, { hostedFields: { scenario: 'tokenization', secureTokenId: '9000000000000001' } });
      }
      if (request.url?.endsWith('/token/9000000000000001')) {
        return reply(200, {
          sourceOfFunds: {
            provided: { card: { brand: 'MASTERCARD', number: '512345xxxxxx0008', expiry: '0139' } },
          },
        });
      }
      if (request.method === 'PUT')
        return reply(201, { result: 'SUCCESS', response: { gatewayCode: 'APPROVED' } });
      reply(404, {});
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const api = createMerchantApi({
      gatewayUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      merchantId: 'TESTMERCHANT',
      apiPassword: 'not-a-real-password',
      secretKey: 'sk_not-a-real-secret-key',
      apiVersion: '100',
      processingTerminalId: '1234001',
    });
    const shop = createServer((request, response) => {
      void api.handle(request, response, new URL(request.url!, 'http://localhost').pathname);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    const keep = (sessionToken: string) =>
      fetch(`${base}/api/saved-card`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionToken }),
      });
    try {
      // A token this shop never handed out is refused before the gateway is asked.
      expect((await keep(`SESSION${'1'.repeat(25)}`)).status).toBe(400);
      expect(gatewayCalls).toEqual([]);

      const created = await (await fetch(`${base}/api/saved-card/session`, { method: 'POST' })).json();
      expect(created.sessionToken).toBe(TOKEN);
      const kept = await keep(TOKEN);
      expect(kept.status).toBe(200);
      expect(await kept.json()).toEqual({
        card: { brand: 'MASTERCARD', number: '512345xxxxxx0008', expiry: '0139' },
      });
      // The page sees the card, never the token; a token saves once.
      expect(await (await fetch(`${base}/api/saved-card`)).json()).toEqual({
        card: { brand: 'MASTERCARD', number: '512345xxxxxx0008', expiry: '0139' },
      });
      expect((await keep(TOKEN)).status).toBe(400);

      const paid = await fetch(`${base}/api/pay-saved`, { method: 'POST' });
      expect(await paid.json()).toMatchObject({ approved: true });
      expect(gatewayCalls.filter((call) => call.startsWith('PUT'))).toHaveLength(1);
    } finally {
      shop.close();
      gateway.close();
    }
  });
});
