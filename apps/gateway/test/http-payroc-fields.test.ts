import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTED_FIELDS_LIB_VERSION } from '@hosted-session/protocol';
import {
  AUTH,
  BROWSER,
  REST,
  TEST_CARD,
  basic,
  browserPut,
  createSession,
  manualClock,
  putTransaction,
  testApp,
} from './helpers.ts';
import { PAYMENT_REQUEST, accessToken, postSessionToken } from './payroc-helpers.ts';

const TOKENIZATION = { libVersion: HOSTED_FIELDS_LIB_VERSION, scenario: 'tokenization' };

describe('the fields’ gateway calls with a session token', () => {
  const clock = manualClock();
  let app: FastifyInstance;
  let bearer: string;
  beforeAll(async () => {
    app = await testApp({ now: clock.now });
    bearer = await accessToken(app);
  });
  afterAll(() => app.close());

  const newToken = async (body: object = PAYMENT_REQUEST): Promise<string> => {
    const response = await postSessionToken(app, { token: bearer, body });
    if (response.statusCode !== 201) throw new Error(`token failed: ${response.body}`);
    return response.json().token;
  };
  const PAGE_LOAD = 'page-load-0000000000000001';
  const claim = (id: string, { password = id, pageLoad = PAGE_LOAD as unknown } = {}) =>
    claimWith(id, password, { pageLoad });
  const claimWith = (id: string, password: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: `${BROWSER}/session/${id}`,
      headers: { authorization: basic('merchant.TESTMERCHANT', password) },
      payload,
    });

  it('tells the hub the token’s scenario, library version and expiry, counting nothing', async () => {
    const token = await newToken(TOKENIZATION);
    for (let i = 0; i < 6; i++) {
      const described = await claim(token);
      expect(described.statusCode).toBe(200);
      expect(described.json()).toEqual({
        session: { id: token },
        expired: false,
        expiresAt: new Date(clock.now() + 600_000).toISOString(),
        hostedFields: { scenario: 'tokenization', libVersion: HOSTED_FIELDS_LIB_VERSION },
        usedByAnotherPage: false,
      });
    }
    // Six claims, and the session's five browser updates are all still there.
    expect((await browserPut(app, token, TEST_CARD)).statusCode).toBe(200);
    clock.advance(600_000);
    expect((await claim(token)).json().expired).toBe(true);
    expect((await browserPut(app, token, TEST_CARD)).statusCode).toBe(400);
  });

  it('binds a token to the first page load that claims it: another page load is told, the first keeps it', async () => {
    const token = await newToken();
    expect((await claim(token)).json().usedByAnotherPage).toBe(false);
    const second = await claim(token, { pageLoad: 'page-load-0000000000000002' });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ expired: false, usedByAnotherPage: true });
    // The first page load configures again (a second mount of its form) and pays.
    expect((await claim(token)).json().usedByAnotherPage).toBe(false);
    expect((await browserPut(app, token, TEST_CARD)).statusCode).toBe(200);
    // Many page loads at once: exactly one holds a fresh token.
    const fresh = await newToken();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        claim(fresh, { pageLoad: `page-load-race-${String(n).padStart(6, '0')}` }),
      ),
    );
    expect(claims.filter((answer) => !answer.json().usedByAnotherPage)).toHaveLength(1);
  });

  it('binds no expired token and no Mastercard session: each page load is told what it is', async () => {
    const token = await newToken();
    clock.advance(600_000);
    expect((await claim(token)).json()).toMatchObject({ expired: true, usedByAnotherPage: false });
    const id = await createSession(app);
    for (const pageLoad of ['page-load-0000000000000003', 'page-load-0000000000000004']) {
      expect((await claim(id, { pageLoad })).json()).toMatchObject({ usedByAnotherPage: false });
    }
  });

  it('describes a Mastercard session without hostedFields, and refuses a wrong credential or page load id', async () => {
    const id = await createSession(app);
    expect((await claim(id)).json().hostedFields).toBeUndefined();
    expect((await claim(id, { password: 'SESSION0000000000000000000000000' })).statusCode).toBe(401);
    const token = await newToken();
    const bodies = [null, 42, 'short', 'x'.repeat(65), 'page load with spaces'].map((pageLoad) => ({
      pageLoad,
    }));
    for (const body of [{}, { pageLoad: PAGE_LOAD, extra: 1 }, ...bodies]) {
      const refused = await claimWith(token, token, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        cause: 'INVALID_REQUEST',
        field: 'extra' in body ? 'extra' : 'pageLoad',
      });
    }
    // None of them took the token.
    expect((await claim(token)).json().usedByAnotherPage).toBe(false);
  });

  it('payment: the card goes into the session behind the token, and PAY with the token as session id pays it', async () => {
    const token = await newToken();
    const update = await browserPut(app, token, TEST_CARD);
    expect(update.statusCode).toBe(200);
    expect(update.json().secureTokenId).toBeUndefined();
    const paid = await putTransaction(app, 'payroc-order-1', 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '10.00', currency: 'USD' },
      session: { id: token },
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().result).toBe('SUCCESS');
  });

  it('tokenization: the card is saved (never its CSC) and answered as secureTokenId with the masked card', async () => {
    const token = await newToken(TOKENIZATION);
    const update = await browserPut(app, token, TEST_CARD);
    expect(update.statusCode).toBe(200);
    const answer = update.json();
    expect(answer.secureTokenId).toMatch(/^\d{16}$/);
    expect(answer.sourceOfFunds.provided.card).toMatchObject({
      number: '512345xxxxxx0008',
      securityCode: 'xxx',
    });
    const saved = await app.inject({
      method: 'GET',
      url: `${REST}/token/${answer.secureTokenId}`,
      headers: { authorization: AUTH },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().sourceOfFunds.provided.card).toMatchObject({
      number: '512345xxxxxx0008',
      expiry: '0139',
    });
    expect(JSON.stringify(saved.json())).not.toContain('securityCode');
    // The merchant's server learns the saved card from the gateway, not from its page.
    const session = await app.inject({
      method: 'GET',
      url: `${REST}/session/${token}`,
      headers: { authorization: AUTH },
    });
    expect(session.json().hostedFields).toEqual({
      processingTerminalId: '1234001',
      scenario: 'tokenization',
      libVersion: HOSTED_FIELDS_LIB_VERSION,
      secureTokenId: answer.secureTokenId,
    });
    // A second update from the same page updates the card it saved rather than saving another.
    const again = await browserPut(app, token, { ...TEST_CARD, expiry: { month: '2', year: '39' } });
    expect(again.json().secureTokenId).toBe(answer.secureTokenId);
  });

  it('payment takes a gift card or a bank account like a Mastercard session; tokenization refuses them, saving nothing', async () => {
    const GIFT_CARD = { number: '7700000000000000', pin: '4321', localBrand: 'SANDBOX_GIFT' };
    const BANK_ACCOUNT = {
      accountType: 'CONSUMER_CHECKING',
      bankAccountNumber: '1234567800',
      routingNumber: '011000015',
    };
    const others = [
      { type: 'GIFT_CARD', provided: { giftCard: GIFT_CARD } },
      { type: 'ACH', provided: { ach: BANK_ACCOUNT } },
    ];
    const update = (id: string, sourceOfFunds: object) =>
      app.inject({
        method: 'PUT',
        url: `${BROWSER}/session/${id}`,
        headers: { authorization: basic('merchant.TESTMERCHANT', id) },
        payload: { sourceOfFunds },
      });
    for (const sourceOfFunds of others) {
      const paid = await update(await newToken(), sourceOfFunds);
      expect(paid.statusCode).toBe(200);
      expect(paid.json().secureTokenId).toBeUndefined();

      const token = await newToken(TOKENIZATION);
      const refused = await update(token, sourceOfFunds);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        cause: 'INVALID_REQUEST',
        field: 'sourceOfFunds.type',
        explanation: expect.stringContaining('saves a card only'),
      });
      const session = await app.inject({
        method: 'GET',
        url: `${REST}/session/${token}`,
        headers: { authorization: AUTH },
      });
      expect(session.json().sourceOfFunds).toBeUndefined();
      expect(session.json().hostedFields.secureTokenId).toBeUndefined();
      // The page may still put a card into the same token.
      expect((await browserPut(app, token, TEST_CARD)).json().secureTokenId).toMatch(/^\d{16}$/);
    }
  });

  it('tokenization with secureTokenId: the page’s card updates that saved card, e.g. a new expiry', async () => {
    const first = await browserPut(app, await newToken(TOKENIZATION), TEST_CARD);
    const secureTokenId = first.json().secureTokenId;
    const token = await newToken({ ...TOKENIZATION, secureTokenId });
    const update = await browserPut(app, token, { ...TEST_CARD, expiry: { month: '12', year: '40' } });
    expect(update.json().secureTokenId).toBe(secureTokenId);
    const saved = await app.inject({
      method: 'GET',
      url: `${REST}/token/${secureTokenId}`,
      headers: { authorization: AUTH },
    });
    expect(saved.json().sourceOfFunds.provided.card.expiry).toBe('1240');
    const paid = await putTransaction(app, 'payroc-order-2', 'txn-1', {
      apiOperation: 'PAY',
      order: { amount: '5.00', currency: 'USD' },
      sourceOfFunds: { type: 'CARD', token: secureTokenId },
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().result).toBe('SUCCESS');
  });
});
