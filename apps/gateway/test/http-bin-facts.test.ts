import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH,
  BROWSER,
  REST,
  TEST_CARD,
  basic,
  cardSession,
  createSession,
  getOrder,
  putTransaction,
  testApp,
} from './helpers.ts';

/** What a card's BIN tells (funding, issuer, local brands), from the gateway's BIN table. */
let app: FastifyInstance;
afterEach(() => app?.close());

const VISA_COBADGED = { ...TEST_CARD, number: '4012000033330026' };

function browserUpdate(sessionId: string, body: object) {
  return app.inject({
    method: 'PUT',
    url: `${BROWSER}/session/${sessionId}`,
    headers: { authorization: basic('merchant.TESTMERCHANT', sessionId) },
    payload: body,
  });
}

const cardBody = (card: object, localBrand?: string) => ({
  sourceOfFunds: { type: 'CARD', provided: { card } },
  ...(localBrand === undefined ? {} : { localBrand }),
});

describe('funding method and issuer', () => {
  it('are in the browser answer, Retrieve Session, the payment and the order', async () => {
    app = await testApp();
    const sessionId = await cardSession(app);
    const session = await app.inject({
      method: 'GET',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
    });
    const facts = { fundingMethod: 'DEBIT', issuer: 'Sandbox Bank Debit' };
    expect(session.json().sourceOfFunds.provided.card).toMatchObject(facts);
    const paid = await putTransaction(app, 'bin-1', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '5.00', currency: 'USD' },
      session: { id: sessionId },
    });
    expect(paid.json().sourceOfFunds.provided.card).toMatchObject(facts);
    expect((await getOrder(app, 'bin-1')).json().sourceOfFunds.provided.card).toMatchObject(facts);
  });

  it('are UNKNOWN (and no issuer) where the table does not know the card', async () => {
    app = await testApp({}, { binRanges: [] });
    const sessionId = await createSession(app);
    const response = await browserUpdate(sessionId, cardBody(TEST_CARD));
    expect(response.json().sourceOfFunds.provided.card.fundingMethod).toBe('UNKNOWN');
    expect(response.json().sourceOfFunds.provided.card).not.toHaveProperty('issuer');
  });
});

describe("updateSessionFromForm('card', localBrand)", () => {
  it('keeps a local brand the card carries, and shows it', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const response = await browserUpdate(sessionId, cardBody(VISA_COBADGED, 'CARTES_BANCAIRES'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().sourceOfFunds.provided.card).toMatchObject({
      brand: 'VISA',
      localBrand: 'CARTES_BANCAIRES',
      fundingMethod: 'CREDIT',
    });
    const paid = await putTransaction(app, 'local-1', 'pay', {
      apiOperation: 'PAY',
      order: { amount: '5.00', currency: 'EUR' },
      session: { id: sessionId },
    });
    expect(paid.json().sourceOfFunds.provided.card.localBrand).toBe('CARTES_BANCAIRES');
  });

  it('refuses a local brand the card does not carry, and stores nothing of the card', async () => {
    app = await testApp();
    const sessionId = await createSession(app);
    const response = await browserUpdate(sessionId, cardBody(TEST_CARD, 'CARTES_BANCAIRES'));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'localBrand', validationType: 'INVALID' });
    const session = await app.inject({
      method: 'GET',
      url: `${REST}/session/${sessionId}`,
      headers: { authorization: AUTH },
    });
    expect(session.json()).not.toHaveProperty('sourceOfFunds');
    expect(session.json().session.updateStatus).toBe('FAILURE');
  });
});

describe('the BIN look-up of the card number frame', () => {
  const lookup = (payload: unknown, merchant = 'TESTMERCHANT') =>
    app.inject({
      method: 'POST',
      url: `/api/browser/version/100/merchant/${merchant}/binLookup`,
      payload: payload as object,
    });

  it('answers funding and issuer for the first six to eight digits, and nothing else', async () => {
    app = await testApp();
    expect((await lookup({ bin: '51234500' })).json()).toEqual({
      fundingMethod: 'DEBIT',
      issuer: 'Sandbox Bank Debit',
    });
    expect((await lookup({ bin: '401200' })).json()).toEqual({
      fundingMethod: 'CREDIT',
      issuer: 'Sandbox Bank Credit',
    });
    expect((await lookup({ bin: '99999999' })).json()).toEqual({ fundingMethod: 'UNKNOWN' });
  });

  it.each([
    ['five digits', { bin: '51234' }],
    ['nine digits', { bin: '512345000' }],
    ['a whole card number', { bin: TEST_CARD.number }],
    ['letters', { bin: '5123ab00' }],
    ['another field', { bin: '51234500', number: '1' }],
  ])('refuses %s', async (_name, body) => {
    app = await testApp();
    const response = await lookup(body);
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain(TEST_CARD.number);
  });

  it('is there only for known merchants, and only for POST', async () => {
    app = await testApp();
    expect((await lookup({ bin: '51234500' }, 'NO_SUCH_SHOP')).statusCode).toBe(404);
    const get = await app.inject({ method: 'GET', url: `${BROWSER}/binLookup` });
    expect(get.statusCode).toBe(405);
  });
});
